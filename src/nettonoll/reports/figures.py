"""The board report's figures, computed from a follow-up state (`plans/snapshots.py`) only: the
live state or the one frozen when a round closed. The same rules as `plans.selectors.coverage`,
`followup_summary` and `goal_reports` (a test holds them equal on live data)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from nettonoll.calc.progress import goal_status
from nettonoll.organisations.models import Node
from nettonoll.plans.models import GoalKind


@dataclass(frozen=True)
class StateNode:
    id: int
    code: str
    name: str
    path: str
    depth: int
    level: str
    active: bool = True


@dataclass(frozen=True)
class ChildFigures:
    node: StateNode
    goals_received: int
    goals_distributed_further: int
    activities: int
    expected_reports: int
    reports: int


@dataclass(frozen=True)
class Figures:
    node: StateNode
    goals_total: int  # every goal that reached the node
    goals_distributable: int  # … of them those that can be distributed (förvaltningsmål)
    children: list[ChildFigures]
    activities_total: int
    activities_by_goal: dict[str, int]
    expected_reports: int
    reports: int


@dataclass(frozen=True)
class IndicatorFigure:
    name: str
    unit: str
    year: int | None
    value: float | None
    path: float | None
    on_track: bool | None
    target: tuple[int, float] | None


@dataclass
class ActivityItem:
    title: str
    node_name: str
    status: str
    comment: str
    reported: bool


@dataclass
class GoalItem:
    code: str
    title: str
    kind: str
    status: str
    is_override: bool
    override_reason: str
    activities: list[ActivityItem]
    goal_comments: list[tuple[str, str]]  # (node name, comment)
    indicators: list[IndicatorFigure] = field(default_factory=list)


class State:
    """Lookups over a state dict, for the node the report is about."""

    def __init__(self, state: dict[str, Any], node_id: int) -> None:
        self.data = state
        self.nodes = {n["id"]: StateNode(**n) for n in state["nodes"]}
        self.node = self.nodes[node_id]
        self.goals = {g["id"]: g for g in state["goals"]}
        inside = {i for i, n in self.nodes.items() if n.path.startswith(self.node.path)}
        self.children = [
            n
            for n in self.nodes.values()
            if n.active and n.depth == self.node.depth + 1 and n.path.startswith(self.node.path)
        ]
        prefix = len(self.node.path) + Node.steplen
        by_path = {c.path: c.id for c in self.children}
        self.child_of = {
            i: by_path[n.path[:prefix]]
            for i, n in self.nodes.items()
            if i in inside and n.depth > self.node.depth and n.path[:prefix] in by_path
        }
        self.assigned: dict[int, set[int]] = defaultdict(set)
        for node_id_, goal_id in state["assigned"]:
            if node_id_ in inside:
                self.assigned[node_id_].add(goal_id)
        self.activities = [a for a in state["activities"] if a["node"] in inside]
        self.entries = [e for e in state["entries"] if e["node"] in inside]

    def name_of(self, node_id: int) -> str:
        node = self.nodes.get(node_id)
        return node.name if node else ""


def figures(state: State) -> Figures:
    distributable = {
        g for g, goal in state.goals.items() if goal["kind"] == GoalKind.ADMINISTRATION
    }
    further: dict[int, set[int]] = defaultdict(set)
    goal_pairs: Counter[int] = Counter()
    for node_id, goal_ids in state.assigned.items():
        above = state.child_of.get(node_id)
        if above is None:
            continue
        goal_pairs[above] += len(goal_ids)
        if node_id != above:
            further[above] |= goal_ids
    with_round = state.data["round"] is not None
    activities = Counter(
        state.child_of[a["node"]] for a in state.activities if a["node"] in state.child_of
    )
    reports = Counter(
        state.child_of[e["node"]] for e in state.entries if e["node"] in state.child_of
    )
    rows = []
    for child in state.children:
        received = state.assigned.get(child.id, set())
        rows.append(
            ChildFigures(
                node=child,
                goals_received=len(received),
                goals_distributed_further=len(received & further[child.id]),
                activities=activities[child.id],
                expected_reports=goal_pairs[child.id] + activities[child.id] if with_round else 0,
                reports=reports[child.id],
            )
        )
    by_goal: Counter[str] = Counter()
    for activity in state.activities:
        for goal_id in activity["goals"]:
            by_goal[state.goals[goal_id]["code"]] += 1
    here = state.assigned.get(state.node.id, set())
    all_pairs = sum(len(goal_ids) for goal_ids in state.assigned.values())
    return Figures(
        node=state.node,
        goals_total=len(here),
        goals_distributable=len(here & distributable),
        children=rows,
        activities_total=len(state.activities),
        activities_by_goal=dict(sorted(by_goal.items())),
        expected_reports=all_pairs + len(state.activities) if with_round else 0,
        reports=len(state.entries),
    )


def summary(state: State, figs: Figures) -> dict[str, object]:
    """As `nettonoll report followup --format json` prints it (as `followup_summary`)."""
    by_received = Counter(str(c.goals_received) for c in figs.children)
    round_ = state.data["round"]
    return {
        "organisation": state.data["organisation"]["code"],
        "plan": state.data["plan"]["name"],
        "round": round_["name"] if round_ else None,
        "node": figs.node.code,
        "node_name": figs.node.name,
        "goals_total": figs.goals_total,
        "children": len(figs.children),
        "children_by_goals_received": dict(sorted(by_received.items(), key=lambda kv: int(kv[0]))),
        "children_distributed_further": sum(c.goals_distributed_further > 0 for c in figs.children),
        "children_with_activities": sum(c.activities > 0 for c in figs.children),
        "activities_total": figs.activities_total,
        "activities_by_goal": figs.activities_by_goal,
        "reports_expected": figs.expected_reports,
        "reports_done": figs.reports,
    }


def _indicator(state: State, indicator_id: int) -> IndicatorFigure:
    data = state.data["indicators"][str(indicator_id)]
    latest = data["at"].get(str(state.node.id)) or data["at"].get(str(state.data["root"]))
    target = data["target"]
    return IndicatorFigure(
        name=data["name"],
        unit=data["unit"],
        year=latest["year"] if latest else None,
        value=latest["value"] if latest else None,
        path=latest["path"] if latest else None,
        on_track=latest["on_track"] if latest else None,
        target=(int(target[0]), float(target[1])) if target else None,
    )


def goal_items(state: State) -> list[GoalItem]:
    """Per goal that reached the node: its status rolled up from the subtree's activities (their
    status in the round where reported) and the goal's indicators, or the manual override; its
    activities each with its comment in the round; the comments on the goal itself."""
    entry_of = {e["activity"]: e for e in state.entries if e["activity"]}
    by_goal: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ordered = sorted(state.activities, key=lambda a: (state.nodes[a["node"]].path, a["title"]))
    for activity in ordered:
        for goal_id in activity["goals"]:
            by_goal[goal_id].append(activity)
    goal_comments: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for entry in state.entries:
        if entry["goal"] and entry["comment"]:
            goal_comments[entry["goal"]].append((state.name_of(entry["node"]), entry["comment"]))
    items = []
    here = state.assigned.get(state.node.id, set())
    for goal in sorted((state.goals[g] for g in here), key=lambda g: g["code"]):
        activities = []
        for activity in by_goal[goal["id"]]:
            entry = entry_of.get(activity["id"])
            activities.append(
                ActivityItem(
                    title=activity["title"],
                    node_name=state.name_of(activity["node"]),
                    status=entry["status"] if entry else activity["status"],
                    comment=entry["comment"] if entry else "",
                    reported=entry is not None,
                )
            )
        indicators = [_indicator(state, i) for i in goal["indicators"]]
        on_track = [i.on_track for i in indicators if i.on_track is not None]
        status = goal["status_override"] or goal_status([a.status for a in activities], on_track)
        items.append(
            GoalItem(
                code=goal["code"],
                title=goal["title"],
                kind=goal["kind"],
                status=status,
                is_override=bool(goal["status_override"]),
                override_reason=goal["override_reason"],
                activities=activities,
                goal_comments=goal_comments[goal["id"]],
                indicators=indicators,
            )
        )
    return items
