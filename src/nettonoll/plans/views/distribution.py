"""Distributing several goals to a whole subtree at once: choose, preview the counts, confirm."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.plans.forms import SubtreeDistributeForm
from nettonoll.plans.models import GoalKind, Plan
from nettonoll.plans.services import PlanError
from nettonoll.plans.services.distribution import (
    SubtreeDistribution,
    goals_distribute_to_subtree,
    subtree_distribution_plan,
)
from nettonoll.plans.views.shared import plan_of, user_of

ONLY_STRATEGISTS = _("Bara miljöstrateger kan fördela mål till ett helt underträd.")


def subtree_form(plan: Plan, data: object = None) -> SubtreeDistributeForm:
    """The form (for the plan page, too): the plan's distributable goals and its units."""
    root = org_selectors.organisation_root(plan.organisation)
    nodes = list(org_selectors.node_subtree(root).order_by("path")) if root else []
    return SubtreeDistributeForm(
        data,
        goals=plan.goals.filter(kind=GoalKind.ADMINISTRATION)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=datetime.date.today()))
        .order_by("code"),
        nodes=nodes,
    )


def result_message(result: SubtreeDistribution) -> str:
    text = ngettext(
        "%(created)d fördelning är gjord",
        "%(created)d fördelningar är gjorda",
        result.created,
    ) % {"created": result.created}
    text += ngettext(
        ", %(existing)d fanns redan",
        ", %(existing)d fanns redan",
        result.existing,
    ) % {"existing": result.existing}
    if result.not_applicable:
        text += ngettext(
            ", %(count)d enhet hoppades över (ej tillämpligt där eller ovanför)",
            ", %(count)d enheter hoppades över (ej tillämpligt där eller ovanför)",
            result.not_applicable,
        ) % {"count": result.not_applicable}
    return text + "."


@login_required
@require_http_methods(["GET", "POST"])
def plan_distribute(request: HttpRequest, org_code: str, plan_id: int) -> HttpResponse:
    """Choose goals, a subtree and a lowest level; "Förhandsgranska" shows the counts, "Fördela"
    makes the assignments in one transaction."""
    organisation, plan = plan_of(request, org_code, plan_id)
    access = access_of(request)
    access.require_root(organisation, Role.STRATEGIST, ONLY_STRATEGISTS)
    form = subtree_form(plan, request.POST if request.method == "POST" else None)
    preview: SubtreeDistribution | None = None
    if request.method == "POST" and form.is_valid():
        goals = list(form.cleaned_data["goals"])
        root = access.node(org_code, form.cleaned_data["root"], Role.STRATEGIST, ONLY_STRATEGISTS)
        lowest = form.cleaned_data["lowest_level"]
        try:
            if "confirm" in request.POST:
                result = goals_distribute_to_subtree(
                    goals=goals, root=root, lowest_level=lowest, by=user_of(request)
                )
                messages.success(request, result_message(result))
                return redirect("plans:detail", org_code, plan_id)
            preview = subtree_distribution_plan(goals, root, lowest)
        except PlanError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "plans/distribute_subtree.html",
        {"organisation": organisation, "plan": plan, "form": form, "preview": preview},
        status=400 if form.is_bound and form.errors else 200,
    )
