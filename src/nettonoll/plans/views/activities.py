"""A unit's activities: adding and editing them, conflicts refused."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.plans import selectors, services
from nettonoll.plans.forms import ActivityForm
from nettonoll.plans.models import Activity
from nettonoll.plans.panels import activity_panels
from nettonoll.plans.views.shared import Where, plan_of, require, user_of, where_of

ACTIVITY_GUIDANCE_EXAMPLES = [
    _("Minska matsvinnet genom uppdaterade recept och att skicka över mat till andra kök."),
    _("Byt till elbilar när leasingavtalen löper ut."),
    _("Anställ en energiingenjör som hittar energislöseri i fastigheterna."),
    _("Återbruka byggmaterial i projekt för cirkulärt byggande."),
    _("Se till att det finns kärl för källsortering i alla lokaler."),
    _("Stäng av datorer, skärmar och annan utrustning när de inte används."),
]


def _activity_values(form: ActivityForm) -> dict[str, object]:
    data = dict(form.cleaned_data)
    data.pop("goals")
    data.pop("version", None)
    return data


def _activity_page(
    request: HttpRequest,
    where: Where,
    form: ActivityForm,
    activity: Activity | None,
    conflict: Activity | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "plans/activity_form.html",
        {
            "organisation": where.organisation,
            "plan": where.plan,
            "node": where.node,
            "breadcrumbs": access_of(request).crumbs(where.node),
            "form": form,
            "activity": activity,
            "conflict": conflict,
            "examples": ACTIVITY_GUIDANCE_EXAMPLES,
            "panels": activity_panels(activity, access_of(request)) if activity else [],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest, org_code: str, plan_id: int, node_code: str) -> HttpResponse:
    where = where_of(request, org_code, plan_id, node_code)
    user = user_of(request)
    require(
        request,
        where.node,
        Role.CONTRIBUTOR,
        _("Bara medarbetare på enheten kan lägga in aktiviteter."),
    )
    reaching = (
        selectors.goals_reaching(where.node, where.plan)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=datetime.date.today()))
        .order_by("code")
    )  # a new activity is not linked to an ended goal
    form = ActivityForm(
        request.POST if request.method == "POST" else None,
        goals=reaching,
        initial={"goals": request.GET.getlist("goal")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_create(
                node=where.node,
                goals=list(form.cleaned_data["goals"]),
                by=user,
                **_activity_values(form),
            )
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect("plans:node", org_code, plan_id, node_code)
    return _activity_page(request, where, form, None, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(
    request: HttpRequest, org_code: str, plan_id: int, activity_id: int
) -> HttpResponse:
    organisation, plan = plan_of(request, org_code, plan_id)
    activity = get_object_or_404(Activity, pk=activity_id, node__organisation=organisation)
    where = where_of(request, org_code, plan_id, activity.node.code)
    user = user_of(request)
    can_edit = access_of(request).has(where.node, Role.CONTRIBUTOR)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Bara medarbetare på enheten kan ändra aktiviteten."))
    reaching = selectors.goals_reaching(where.node, plan).order_by("code")
    initial = {f: getattr(activity, f) for f in services.ACTIVITY_FIELDS}
    initial |= {
        "goals": list(activity.goals.values_list("pk", flat=True)),
        "version": activity.version,
    }
    form = ActivityForm(
        request.POST if request.method == "POST" else None, goals=reaching, initial=initial
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=activity,
                expected_version=form.cleaned_data.get("version") or 0,
                goals=list(form.cleaned_data["goals"]),
                by=user,
                **_activity_values(form),
            )
        except services.ConflictError as error:
            form.add_error(None, str(error))
            conflict = error.current if isinstance(error.current, Activity) else None
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect("plans:node", org_code, plan_id, activity.node.code)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    return _activity_page(
        request, where, form, activity, conflict, status=400 if form.is_bound else 200
    )
