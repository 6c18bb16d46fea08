"""The follow-up state of a plan below a node, as plain JSON data: the nodes (with the names they
have now), the goals, where they reached, the activities, a round's entries and the goals'
indicator figures. The board report is computed from this state only, so that a live report
and the report of a closed round — built from the state frozen when the round closed
(`FollowUpRound.snapshot["report"]`) — are one code path, and later edits cannot move a closed
round's figures."""

from collections import defaultdict
from typing import Any

from nettonoll.indicators.models import Indicator
from nettonoll.indicators.selectors import indicator_status
from nettonoll.organisations.models import Node
from nettonoll.organisations.selectors import active_q, organisation_root
from nettonoll.plans.models import Activity, Assignment, FollowUpEntry, FollowUpRound, Plan

STATE_VERSION = 2


def _latest(indicator: Indicator, node: Node) -> dict[str, Any] | None:
    status = indicator_status(indicator, node)
    if status.latest is None:
        return None
    return {
        "year": status.latest.value.year,
        "value": status.latest.value.value,
        "path": status.latest.path,
        "on_track": status.latest.on_track,
    }


def followup_state(
    node: Node, plan: Plan, round_: FollowUpRound | None, *, whole_tree: bool = False
) -> dict[str, Any]:
    """The state below `node` (inclusive). `whole_tree`: indicator figures at every node a goal
    with the indicator reached (for a snapshot from which any node's report is built); otherwise
    at `node` and the organisation's root only (what `node`'s report shows)."""
    root = organisation_root(node.organisation)
    assert root is not None
    active = set(
        Node.objects.filter(active_q(), path__startswith=node.path).values_list("pk", flat=True)
    )
    nodes = [
        {
            "id": n.pk,
            "code": n.code,
            "name": n.name,
            "path": n.path,
            "depth": n.depth,
            "level": n.level,
            "active": n.pk in active,
        }
        for n in Node.objects.filter(path__startswith=node.path).order_by("path")
    ]
    goals = list(plan.goals.order_by("code").prefetch_related("indicators__targets"))
    assigned = sorted(
        Assignment.objects.filter(goal__plan=plan, node__path__startswith=node.path).values_list(
            "node_id", "goal_id"
        )
    )
    if node.is_root():
        assigned += [(node.pk, goal.pk) for goal in goals]
    activity_goals: dict[int, list[int]] = defaultdict(list)
    for activity_id, goal_id in (
        Activity.goals.through.objects.filter(
            activity__node__path__startswith=node.path, goal__plan=plan
        )
        .order_by("activity_id", "goal__code")
        .values_list("activity_id", "goal_id")
    ):
        activity_goals[activity_id].append(goal_id)
    activities = [
        {"id": a.pk, "node": a.node_id, "title": a.title, "status": a.status, "goals": goals_of}
        for a in Activity.objects.filter(pk__in=activity_goals).order_by(
            "node__path", "title", "pk"
        )
        if (goals_of := activity_goals[a.pk])
    ]
    entries = [
        {
            "node": e.node_id,
            "activity": e.activity_id,
            "goal": e.goal_id,
            "status": e.status,
            "comment": e.comment,
            "reported_at": e.reported_at.isoformat(),
        }
        for e in FollowUpEntry.objects.filter(round=round_, node__path__startswith=node.path)
        .select_related("node")
        .order_by("node__path", "goal__code", "activity__title", "pk")
    ]
    reached: dict[int, set[int]] = defaultdict(set)  # goal id → node ids
    for node_id, goal_id in assigned:
        reached[goal_id].add(node_id)
    indicators: dict[str, dict[str, Any]] = {}
    for goal in goals:
        for indicator in goal.indicators.all():
            key = str(indicator.pk)
            if key not in indicators:
                targets = sorted((t.year, float(t.value)) for t in indicator.targets.all())
                indicators[key] = {
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "target": list(targets[-1]) if targets else None,
                    "at": {},
                }
            wanted = {root.pk, node.pk} | (reached[goal.pk] if whole_tree else set())
            at = indicators[key]["at"]
            for target_node in Node.objects.filter(pk__in=wanted - {int(k) for k in at}):
                at[str(target_node.pk)] = _latest(indicator, target_node)
    return {
        "version": STATE_VERSION,
        "organisation": {"code": node.organisation.code, "name": node.organisation.name},
        "plan": {"name": plan.name, "decision_reference": plan.decision_reference},
        "round": {"name": round_.name, "deadline": round_.deadline.isoformat()} if round_ else None,
        "node": node.pk,
        "root": root.pk,
        "nodes": nodes,
        "goals": [
            {
                "id": g.pk,
                "code": g.code,
                "title": g.title,
                "kind": g.kind,
                "status_override": g.status_override,
                "override_reason": g.status_override_reason,
                "indicators": sorted(i.pk for i in g.indicators.all()),
            }
            for g in goals
        ],
        "assigned": [list(pair) for pair in assigned],
        "activities": activities,
        "entries": entries,
        "indicators": indicators,
    }


def frozen_state(round_: FollowUpRound) -> dict[str, Any] | None:
    """The state frozen when the round closed; None for an open round, and for a round closed
    before the state was frozen whole (those snapshots hold only the root's figures)."""
    snapshot = round_.snapshot
    if round_.is_open or not isinstance(snapshot, dict):
        return None
    state = snapshot.get("report")
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return None
    return state
