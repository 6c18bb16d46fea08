"""Follow-up rounds: opening, closing, the unit's checklist, comparing rounds."""

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
from nettonoll.plans.forms import (
    EntryForm,
    RoundOpenForm,
)
from nettonoll.plans.models import Activity, ActivityStatus, FollowUpRound, Goal, GoalStatus
from nettonoll.plans.views.shared import plan_of, start_of, user_of, where_of


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


@login_required
@require_http_methods(["GET", "POST"])
def round_checklist(
    request: HttpRequest, org_code: str, plan_id: int, round_id: int, node_code: str
) -> HttpResponse:
    where = where_of(request, org_code, plan_id, node_code)
    round_ = get_object_or_404(FollowUpRound, plan=where.plan, pk=round_id)
    user = user_of(request)
    can_report = round_.is_open and access_of(request).has(where.node, Role.CONTRIBUTOR)
    conflict = None
    status = 200
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied(
                _("Du kan inte rapportera för den här enheten i den här omgången.")
            )
        activity = Activity.objects.filter(
            pk=request.POST.get("activity") or 0, node=where.node
        ).first()
        goal = Goal.objects.filter(pk=request.POST.get("goal") or 0, plan=where.plan).first()
        form = EntryForm(
            request.POST, for_goal=goal is not None, prefix=request.POST.get("prefix") or None
        )
        if form.is_valid():
            try:
                services.entry_report(
                    round_=round_,
                    node=where.node,
                    activity=activity,
                    goal=goal,
                    status=form.cleaned_data["status"],
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data.get("version"),
                    by=user,
                )
            except services.ConflictError as error:
                messages.error(request, str(error))
                conflict = error.current
                status = 409
            except services.PlanError as error:
                messages.error(request, str(error))
                status = 400
            else:
                messages.success(request, _("Rapporten är sparad."))
                return redirect("plans:checklist", org_code, plan_id, round_id, node_code)
        else:
            status = 400
    items: list[dict[str, object]] = []
    checklist_items = selectors.checklist(where.node, round_)
    for item in checklist_items:
        entry = item.entry
        initial = (
            {"status": entry.status, "comment": entry.comment, "version": entry.version}
            if entry
            else {
                "status": item.activity.status if item.activity else GoalStatus.NOT_ASSESSED,
                "version": 0,
            }
        )
        form = EntryForm(
            initial=initial,
            for_goal=item.goal is not None,
            prefix=f"g{item.goal.pk}"
            if item.goal
            else f"a{item.activity.pk if item.activity else 0}",
        )
        items.append({"item": item, "form": form})
    done = sum(1 for item in checklist_items if item.entry)
    return render(
        request,
        "plans/round_checklist.html",
        {
            "organisation": where.organisation,
            "plan": where.plan,
            "node": where.node,
            "breadcrumbs": access_of(request).crumbs(where.node),
            "round": round_,
            "items": items,
            "done": done,
            "can_report": can_report,
            "conflict": conflict,
        },
        status=status,
    )


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
