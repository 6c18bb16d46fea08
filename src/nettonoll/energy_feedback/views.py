"""Pages of the energy feedback: a node's feedback month by month (anyone who may see the node),
subscribing to its monthly e-mail and leaving it (also from the e-mail's link, without logging
in), and the node's energy-efficiency measures with their follow-up, new and edit (contributors
of the building's node)."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from nettonoll.accounts.models import User
from nettonoll.common.records import StaleEdit, refresh_version
from nettonoll.energy_feedback import selectors, services
from nettonoll.energy_feedback.forms import MeasureForm
from nettonoll.energy_feedback.models import EnergyMeasure
from nettonoll.estate.models import Building
from nettonoll.organisations.access import Access, access_of
from nettonoll.organisations.models import Node, Role
from nettonoll.plans.models import Activity, Plan

CONTRIBUTORS_ONLY = gettext_noop(
    "Bara medarbetare på byggnadens enhet och chefer över den kan ändra energiåtgärder."
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def shown_carriers(found: selectors.Feedback) -> list[dict[str, Any]]:
    """Each carrier's rows with the reasons for missing values in words (the total first)."""
    return [
        {
            "label": carrier.label,
            "this_year_kwh": carrier.this_year_kwh,
            "last_year_kwh": carrier.last_year_kwh,
            "change_pct": carrier.change_pct,
            "period_label": carrier.period_label,
            "rows": [
                {
                    "month": row.month,
                    "normalised_kwh": row.normalised_kwh,
                    "last_year_kwh": row.last_year_kwh,
                    "change_kwh": row.change_kwh,
                    "change_pct": row.change_pct,
                    "missing_text": found.reason(row),
                    "last_year_text": found.reason(row, last_year=True),
                }
                for row in carrier.rows
            ],
        }
        for carrier in found.carriers
    ]


@login_required
def feedback(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    access = access_of(request)
    node = access.node(org_code, node_code)
    found = selectors.node_feedback(node)
    return render(
        request,
        "energy_feedback/feedback.html",
        {
            "organisation": node.organisation,
            "node": node,
            "breadcrumbs": access.crumbs(node),
            "feedback": found,
            "carriers": shown_carriers(found),
            "subscription": selectors.subscription_of(_user(request), node),
            "has_email": bool(_user(request).email),
        },
    )


@login_required
@require_POST
def subscription(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    """Opt in (`action=start`) or out (`action=stop`) of the node's monthly e-mail."""
    node = access_of(request).node(org_code, node_code)
    action = request.POST.get("action")
    if action == "start":
        services.subscription_start(user=_user(request), node=node)
        messages.success(
            request,
            _("Du får energiåterkopplingen för %(node)s med e-post en gång i månaden.")
            % {"node": node.name},
        )
    elif action == "stop":
        services.subscription_end(user=_user(request), node=node)
        messages.success(
            request,
            _("Du får inte längre energiåterkopplingen för %(node)s med e-post.")
            % {"node": node.name},
        )
    else:
        return HttpResponse(_("Välj att prenumerera eller att avsluta."), status=400)
    return redirect("energy_feedback:feedback", org_code, node_code)


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, org_code: str, token: str) -> HttpResponse:
    """The e-mail's link: confirm, then leave the subscription (no login needed: the signed
    link names the subscription)."""
    found = services.subscription_from_token(token)
    left = request.method == "POST"
    if found is None or found.node.organisation.code != org_code:
        return render(request, "energy_feedback/unsubscribe.html", {"gone": True}, status=404)
    if left:
        services.subscription_end(user=found.user, node=found.node)
    return render(
        request,
        "energy_feedback/unsubscribe.html",
        {"subscription": found, "node": found.node, "left": left},
    )


# -- measures ----------------------------------------------------------------------------------


def editable_buildings(access: Access, node: Node) -> list[Building]:
    """The buildings of the node's subtree whose node the user may change."""
    return [b for b in selectors.buildings_of(node) if access.has(b.node, Role.CONTRIBUTOR)]


def activities_near(node: Node) -> list[Activity]:
    """The activities of the node, its ancestors and its subtree (what a measure may carry out)."""
    paths = [a.path for a in Node.objects.get_ancestors(node)]
    found = Activity.objects.filter(node__organisation_id=node.organisation_id)
    return [
        a
        for a in found.select_related("node")
        if a.node.path.startswith(node.path) or a.node.path in paths
    ]


def activity_url(activity: Activity | None) -> str | None:
    """The activity's page (through a plan of one of its goals)."""
    if activity is None:
        return None
    goal = activity.goals.select_related("plan").first()
    plan = goal.plan if goal is not None else None
    if plan is None:
        plan = Plan.objects.filter(organisation_id=activity.node.organisation_id).first()
    if plan is None:
        return None
    return reverse("plans:activity", args=[activity.node.organisation.code, plan.pk, activity.pk])


@login_required
def measures(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    access = access_of(request)
    node = access.node(org_code, node_code)
    rows = []
    for measure in selectors.measures_of(node):
        rows.append(
            {
                "follow_up": selectors.follow_up(measure),
                "can_edit": access.has(measure.building.node, Role.CONTRIBUTOR),
                "activity_url": activity_url(measure.activity)
                if measure.activity is not None and access.can_view(measure.activity.node)
                else None,
            }
        )
    return render(
        request,
        "energy_feedback/measures.html",
        {
            "organisation": node.organisation,
            "node": node,
            "breadcrumbs": access.crumbs(node),
            "rows": rows,
            "can_add": bool(editable_buildings(access, node)),
        },
    )


def _form_page(
    request: HttpRequest,
    node: Node,
    form: MeasureForm,
    measure: EnergyMeasure | None,
    conflict: StaleEdit | None = None,
) -> HttpResponse:
    access = access_of(request)
    return render(
        request,
        "energy_feedback/measure_form.html",
        {
            "organisation": node.organisation,
            "node": node,
            "breadcrumbs": access.crumbs(node),
            "form": form,
            "measure": measure,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


@dataclass
class Saved:
    """What saving a form gave: `done`, or a `conflict` (someone saved in between), or neither
    (the form has the error)."""

    done: bool = False
    conflict: StaleEdit | None = None


def _save(request: HttpRequest, form: MeasureForm, expected: int | None) -> Saved:
    access = access_of(request)
    access.require(form.cleaned_data["building"].node, Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
    try:
        services.measure_save(measure=form.instance, expected_version=expected, by=_user(request))
    except StaleEdit as stale:
        refresh_version(form, stale)
        return Saved(conflict=stale)
    except services.MeasureError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return Saved()
    messages.success(request, _("Åtgärden %(title)s är sparad.") % {"title": form.instance.title})
    return Saved(done=True)


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    access = access_of(request)
    node = access.node(org_code, node_code)
    buildings = editable_buildings(access, node)
    if not buildings:
        access.require(node, Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
        raise PermissionDenied(_("Enheten har inga byggnader att lägga in åtgärder för."))
    form = MeasureForm(
        request.POST if request.method == "POST" else None,
        buildings=buildings,
        activities=activities_near(node),
        initial={
            "building": request.GET.get("building")
            or (buildings[0].pk if len(buildings) == 1 else None)
        },
    )
    if request.method == "POST" and form.is_valid() and _save(request, form, None).done:
        return redirect("energy_feedback:measures", org_code, node_code)
    return _form_page(request, node, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    measure = (
        EnergyMeasure.objects.filter(pk=pk, building__organisation=organisation)
        .select_related("building__node")
        .first()
    )
    if measure is None:
        raise Http404
    node = access.require(measure.building.node, Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
    buildings = editable_buildings(access, access.require_start(organisation))
    if measure.building not in buildings:
        buildings.append(measure.building)
    activities = activities_near(node)
    if measure.activity is not None and measure.activity not in activities:
        activities.append(measure.activity)
    form = MeasureForm(
        request.POST if request.method == "POST" else None,
        instance=measure,
        buildings=buildings,
        activities=activities,
    )
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, form.cleaned_data.get("version"))
        if saved.done:
            return redirect("energy_feedback:measures", org_code, form.instance.building.node.code)
        conflict = saved.conflict
    return _form_page(request, node, form, measure, conflict)
