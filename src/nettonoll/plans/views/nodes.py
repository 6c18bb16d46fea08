"""A node's goals in a plan: distribution down the tree, coverage (reminders: reminders.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Node, Role
from nettonoll.plans import selectors, services
from nettonoll.plans.models import Goal, GoalStatus
from nettonoll.plans.views.shared import STATUS_RULE, Where, require, user_of, where_of


def _node_page_context(request: HttpRequest, where: Where) -> dict[str, object]:
    node, plan = where.node, where.plan
    round_ = selectors.open_round(plan)
    goals = list(selectors.goals_reaching(node, plan).order_by("code"))
    children = list(org_selectors.node_children(node))
    received_by_child: dict[int, set[int]] = {}
    for child in children:
        received_by_child[child.pk] = set(
            selectors.goals_reaching(child, plan).values_list("pk", flat=True)
        )
    data = selectors.followup_data(node, plan, round_)
    reports = {r.goal.pk: r for r in selectors.goal_reports(node, plan, round_, data=data)}
    rows = []
    for goal in goals:
        assignment = None if node.is_root() else selectors.assignment_at(goal, node)
        rows.append(
            {
                "goal": goal,
                "report": reports.get(goal.pk),
                "status_label": GoalStatus(reports[goal.pk].status).label,
                "not_applicable": assignment.not_applicable_reason if assignment else "",
                "children": [
                    (c, c.pk in received_by_child[c.pk] and goal.pk in received_by_child[c.pk])
                    for c in children
                ],
                "has_children": [c for c in children if goal.pk in received_by_child[c.pk]],
            }
        )
    return {
        "organisation": where.organisation,
        "plan": plan,
        "node": node,
        "breadcrumbs": access_of(request).crumbs(node),
        "rows": rows,
        "children": children,
        "coverage": selectors.coverage(node, plan, round_, data=data),
        "round": round_,
        "activities": selectors.node_activities(node, plan),
        "can_distribute": access_of(request).has(node, Role.MANAGER),
        "can_add_activity": access_of(request).has(node, Role.CONTRIBUTOR),
        "can_override": access_of(request).has(node, Role.STRATEGIST),
        "status_rule": STATUS_RULE,
        "goal_statuses": GoalStatus,
    }


@login_required
def node_goals(request: HttpRequest, org_code: str, plan_id: int, node_code: str) -> HttpResponse:
    where = where_of(request, org_code, plan_id, node_code)
    return render(request, "plans/node_goals.html", _node_page_context(request, where))


@login_required
@require_POST
def node_distribute(
    request: HttpRequest, org_code: str, plan_id: int, node_code: str
) -> HttpResponse:
    """Distribute, undo, mark not applicable, or override a goal's status at a node."""
    where = where_of(request, org_code, plan_id, node_code)
    user = user_of(request)
    action = request.POST.get("action", "")
    goal = get_object_or_404(Goal, plan=where.plan, pk=request.POST.get("goal") or 0)
    node_url = reverse("plans:node", args=[org_code, plan_id, node_code])
    try:
        if action == "override":
            require(
                request,
                where.node,
                Role.STRATEGIST,
                _("Bara miljöstrateger kan sätta status manuellt."),
            )
            services.goal_override_status(
                goal=goal,
                status=request.POST.get("status", ""),
                reason=request.POST.get("reason", ""),
                by=user,
            )
            messages.success(request, _("Målets status är sparad."))
            return redirect(node_url)
        require(
            request, where.node, Role.MANAGER, _("Bara chefer och miljöstrateger kan fördela mål.")
        )
        if action == "distribute":
            chosen = request.POST.getlist("children")
            children = [
                c
                for c in org_selectors.node_children(where.node)
                if c.code in chosen or "__all__" in chosen
            ]
            if not children:
                raise services.PlanError(_("Välj minst en enhet att fördela målet till."))
            count = services.goal_distribute(
                goal=goal, from_node=where.node, to_nodes=children, by=user
            )
            messages.success(
                request,
                _("%(code)s är fördelat till %(count)d nya enheter.")
                % {"code": goal.code, "count": count},
            )
        elif action == "undo":
            child = get_object_or_404(
                Node, organisation=where.organisation, code=request.POST.get("child")
            )
            if org_selectors.node_children(where.node).filter(pk=child.pk).count() != 1:
                raise services.PlanError(_("Enheten ligger inte direkt under den här."))
            services.goal_undistribute(goal=goal, node=child, by=user)
            messages.success(
                request,
                _("Fördelningen av %(code)s till %(node)s är ångrad.")
                % {"code": goal.code, "node": child.name},
            )
        elif action == "not_applicable":
            services.goal_mark_not_applicable(
                goal=goal, node=where.node, reason=request.POST.get("reason", ""), by=user
            )
            messages.success(
                request, _("%(code)s är markerat som ej tillämpligt.") % {"code": goal.code}
            )
        elif action == "applicable":
            services.goal_mark_applicable(goal=goal, node=where.node, by=user)
            messages.success(request, _("%(code)s gäller igen.") % {"code": goal.code})
        else:
            raise Http404
    except services.PlanError as error:
        messages.error(request, str(error))
    return redirect(node_url)
