"""Follow-up rounds: opening, closing, comparing rounds (the unit's checklist: checklist.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.plans import selectors, services
from nettonoll.plans.forms import RoundOpenForm
from nettonoll.plans.models import ActivityStatus, FollowUpRound, GoalStatus
from nettonoll.plans.views.shared import plan_of, start_of, user_of


@login_required
@require_http_methods(["GET", "POST"])
def round_list(request: HttpRequest, org_code: str, plan_id: int) -> HttpResponse:
    organisation, plan = plan_of(request, org_code, plan_id)
    user = user_of(request)
    start = start_of(request, organisation)
    root = access_of(request).root(organisation)
    can_manage = access_of(request).has(root, Role.STRATEGIST)
    form = RoundOpenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Bara miljöstrateger kan öppna uppföljningsomgångar."))
        if form.is_valid():
            try:
                services.round_open(plan=plan, by=user, **form.cleaned_data)
            except services.PlanError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Omgången är öppen. Enheterna ser den på sina sidor."))
                return redirect("plans:rounds", org_code, plan_id)
    return render(
        request,
        "plans/round_list.html",
        {
            "organisation": organisation,
            "plan": plan,
            "rounds": plan.rounds.all(),
            "form": form,
            "can_manage": can_manage,
            "start": start,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def round_close(request: HttpRequest, org_code: str, plan_id: int, round_id: int) -> HttpResponse:
    organisation, plan = plan_of(request, org_code, plan_id)
    round_ = get_object_or_404(FollowUpRound, plan=plan, pk=round_id)
    user = user_of(request)
    access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan stänga uppföljningsomgångar.")
    )
    try:
        services.round_close(round_=round_, by=user)
        messages.success(request, _("Omgången är stängd och en ögonblicksbild är sparad."))
    except services.PlanError as error:
        messages.error(request, str(error))
    return redirect("plans:rounds", org_code, plan_id)


STATUS_LABELS = {**dict(ActivityStatus.choices), **dict(GoalStatus.choices)}
FIGURE_LABELS = {
    "goals_total": _("Mål som nått regionen"),
    "children_distributed_further": _("Enheter direkt under som fördelat vidare"),
    "children_with_activities": _("Enheter direkt under med aktiviteter"),
    "activities_total": _("Aktiviteter totalt"),
    "reports_expected": _("Förväntade rapporter"),
    "reports_done": _("Lämnade rapporter"),
}


@login_required
def round_compare(request: HttpRequest, org_code: str, plan_id: int, round_id: int) -> HttpResponse:
    """A round set against the one before it: figures and the entries whose status changed."""
    organisation, plan = plan_of(request, org_code, plan_id)
    access_of(request).require_root(organisation)
    round_ = get_object_or_404(FollowUpRound, plan=plan, pk=round_id)
    comparison = selectors.round_comparison(round_)
    return render(
        request,
        "plans/round_compare.html",
        {
            "organisation": organisation,
            "plan": plan,
            "comparison": comparison,
            "changes": [
                (node, item, STATUS_LABELS.get(before, before), STATUS_LABELS.get(now, now))
                for node, item, before, now in comparison.changed_entries
            ],
            "figures": [
                (
                    FIGURE_LABELS[key],
                    before,
                    now,
                    (now - before) if isinstance(now, int) and isinstance(before, int) else None,
                )
                for key, before, now in comparison.figures
            ],
        },
    )
