"""Reads for plans: which goals reached a node, coverage per child, checklists, the follow-up
summary behind the board report. A few queries per page, aggregated in Python by tree path."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from nettonoll.calc.progress import goal_status
from nettonoll.indicators.models import Indicator
from nettonoll.indicators.selectors import IndicatorStatus, indicator_status
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.selectors import active_q, node_children, node_subtree
from nettonoll.plans.models import (
    Activity,
    Assignment,
    FollowUpEntry,
    FollowUpRound,
    Goal,
    GoalKind,
    Plan,
)


def plans_of(organisation: Organisation) -> QuerySet[Plan]:
    return Plan.objects.filter(organisation=organisation)


def plan_get(organisation: Organisation, plan_id: int) -> Plan | None:
    return Plan.objects.filter(organisation=organisation, pk=plan_id).first()


def plan_by_name(organisation_code: str, name: str) -> Plan | None:
    return Plan.objects.filter(organisation__code=organisation_code, name=name).first()


def goal_tree(plan: Plan) -> list[tuple[Goal, int]]:
    """Goals depth-first with their depth, children ordered by code."""
    goals = list(plan.goals.prefetch_related("agenda2030_targets", "quality_objectives"))
    by_parent: dict[int | None, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_parent[goal.parent_id].append(goal)
    ordered: list[tuple[Goal, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for goal in sorted(by_parent.get(parent_id, []), key=lambda g: g.code):
            ordered.append((goal, depth))
            walk(goal.pk, depth + 1)

    walk(None, 0)
    return ordered


def distributable_goals(plan: Plan) -> QuerySet[Goal]:
    return plan.goals.filter(kind=GoalKind.ADMINISTRATION)


def goals_reaching(node: Node, plan: Plan) -> QuerySet[Goal]:
    """At the root every goal of the plan; below it the goals distributed down to the node."""
    if node.is_root():
        return plan.goals.all()
    return plan.goals.filter(assignments__node=node)


def assignment_at(goal: Goal, node: Node) -> Assignment | None:
    return Assignment.objects.filter(goal=goal, node=node).first()


def open_round(plan: Plan) -> FollowUpRound | None:
    return plan.rounds.filter(status="open").order_by("-opened_at").first()


def previous_round(round_: FollowUpRound) -> FollowUpRound | None:
    return round_.plan.rounds.filter(opened_at__lt=round_.opened_at).order_by("-opened_at").first()


@dataclass
class FollowUpData:
    """What a node's subtree holds for one plan (and round), gathered once in a handful of
    queries and grouped by the node's children, so that coverage, summary and goal reports share
    it and every figure is one pass over the rows."""

    node: Node
    children: list[Node]
    child_of: dict[int, int]  # node id below `node` → id of the child of `node` above it
    assigned: dict[int, set[int]]  # node id → goal ids that reached it
    activities: list[Activity]
    activity_goals: dict[int, set[int]]  # activity id → goal ids
    entries: list[FollowUpEntry] = field(default_factory=list)


def followup_data(node: Node, plan: Plan, round_: FollowUpRound | None = None) -> FollowUpData:
    nodes = list(node_subtree(node).only("id", "path", "depth"))
    children = list(node_children(node))
    prefix = len(node.path) + Node.steplen
    child_by_path = {c.path: c.pk for c in children}
    child_of = {
        n.pk: child_by_path[n.path[:prefix]]
        for n in nodes
        if n.depth > node.depth and n.path[:prefix] in child_by_path
    }
    in_subtree = {"node__path__startswith": node.path}
    assigned: dict[int, set[int]] = defaultdict(set)
    for goal_id, node_id in Assignment.objects.filter(goal__plan=plan, **in_subtree).values_list(
        "goal_id", "node_id"
    ):
        assigned[node_id].add(goal_id)
    if node.is_root():
        assigned[node.pk] |= set(plan.goals.values_list("pk", flat=True))
    activity_goals: dict[int, set[int]] = defaultdict(set)
    for activity_id, goal_id in Activity.goals.through.objects.filter(
        activity__node__path__startswith=node.path, goal__plan=plan
    ).values_list("activity_id", "goal_id"):
        activity_goals[activity_id].add(goal_id)
    activities = list(
        Activity.objects.filter(
            pk__in=Activity.goals.through.objects.filter(
                activity__node__path__startswith=node.path, goal__plan=plan
            ).values("activity_id")
        ).select_related("node")
    )
    entries = (
        list(
            FollowUpEntry.objects.filter(round=round_, **in_subtree).select_related(
                "node", "reported_by"
            )
        )
        if round_
        else []
    )
    return FollowUpData(node, children, child_of, assigned, activities, activity_goals, entries)


@dataclass(frozen=True)
class ChildCoverage:
    node: Node
    goals_received: int
    goals_distributed_further: int
    activities: int
    expected_reports: int
    reports: int

    @property
    def completion_pct(self) -> int | None:
        if not self.expected_reports:
            return None
        return round(100 * self.reports / self.expected_reports)


@dataclass(frozen=True)
class Coverage:
    node: Node
    goals_total: int
    children: list[ChildCoverage]
    activities_total: int
    activities_by_goal: dict[str, int]
    expected_reports: int
    reports: int


def coverage(
    node: Node,
    plan: Plan,
    round_: FollowUpRound | None = None,
    data: FollowUpData | None = None,
) -> Coverage:
    """Per child: goals received, how many of them went further down, activities, and (in a
    round) reports expected — one per (node, goal that reached it) and per activity — and made."""
    data = data or followup_data(node, plan, round_)
    codes = dict(plan.goals.values_list("pk", "code"))
    further: dict[int, set[int]] = defaultdict(set)
    goal_pairs: Counter[int] = Counter()
    for node_id, goal_ids in data.assigned.items():
        child = data.child_of.get(node_id)
        if child is None:
            continue
        goal_pairs[child] += len(goal_ids)
        if node_id != child:
            further[child] |= goal_ids
    activities: Counter[int] = Counter(
        data.child_of[a.node_id] for a in data.activities if a.node_id in data.child_of
    )
    reports: Counter[int] = Counter(
        data.child_of[e.node_id] for e in data.entries if e.node_id in data.child_of
    )
    rows = []
    for child in data.children:
        received = data.assigned.get(child.pk, set())
        rows.append(
            ChildCoverage(
                node=child,
                goals_received=len(received),
                goals_distributed_further=len(received & further[child.pk]),
                activities=activities[child.pk],
                expected_reports=goal_pairs[child.pk] + activities[child.pk] if round_ else 0,
                reports=reports[child.pk],
            )
        )
    by_goal: Counter[str] = Counter()
    for goal_ids in data.activity_goals.values():
        for goal_id in goal_ids:
            by_goal[codes[goal_id]] += 1
    all_pairs = sum(len(goal_ids) for goal_ids in data.assigned.values())
    return Coverage(
        node=node,
        goals_total=len(data.assigned.get(node.pk, set())),
        children=rows,
        activities_total=len(data.activities),
        activities_by_goal=dict(sorted(by_goal.items())),
        expected_reports=all_pairs + len(data.activities) if round_ else 0,
        reports=len(data.entries),
    )


def followup_summary(
    node: Node,
    plan: Plan,
    round_: FollowUpRound | None = None,
    cov: Coverage | None = None,
) -> dict[str, object]:
    """The figures of the board report, as `nettonoll report followup --format json` prints them."""
    cov = cov or coverage(node, plan, round_)
    by_received = Counter(str(c.goals_received) for c in cov.children)
    return {
        "organisation": node.organisation.code,
        "plan": plan.name,
        "round": round_.name if round_ else None,
        "node": node.code,
        "node_name": node.name,
        "goals_total": cov.goals_total,
        "children": len(cov.children),
        "children_by_goals_received": dict(sorted(by_received.items(), key=lambda kv: int(kv[0]))),
        "children_distributed_further": sum(c.goals_distributed_further > 0 for c in cov.children),
        "children_with_activities": sum(c.activities > 0 for c in cov.children),
        "activities_total": cov.activities_total,
        "activities_by_goal": cov.activities_by_goal,
        "reports_expected": cov.expected_reports,
        "reports_done": cov.reports,
    }


@dataclass(frozen=True)
class GoalReport:
    goal: Goal
    status: str
    is_override: bool
    activities: list[Activity]
    comments: list[FollowUpEntry]
    indicators: list[IndicatorStatus]


def _indicator_at(indicator: Indicator, node: Node) -> IndicatorStatus:
    """The indicator's values at the node, or, where the node has none, for the organisation."""
    status = indicator_status(indicator, node)
    if status.latest is None and not node.is_root():
        root = Node.objects.get_root_nodes().filter(organisation_id=node.organisation_id).first()
        if root is not None:
            return indicator_status(indicator, root)
    return status


def goal_reports(
    node: Node,
    plan: Plan,
    round_: FollowUpRound | None = None,
    data: FollowUpData | None = None,
) -> list[GoalReport]:
    """Per goal that reached the node: its status rolled up from the subtree's activities and the
    goal's indicators (or the manual override), its activities, and the round's comments."""
    data = data or followup_data(node, plan, round_)
    entries_by_activity = {e.activity_id: e for e in data.entries if e.activity_id}
    activities_by_goal: dict[int, list[Activity]] = defaultdict(list)
    for activity in sorted(data.activities, key=lambda a: (a.node.path, a.title)):
        for goal_id in data.activity_goals[activity.pk]:
            activities_by_goal[goal_id].append(activity)
    goal_comments: dict[int, list[FollowUpEntry]] = defaultdict(list)
    for entry in data.entries:
        if entry.goal_id and entry.comment:
            goal_comments[entry.goal_id].append(entry)
    reports = []
    for goal in goals_reaching(node, plan).order_by("code").prefetch_related("indicators__targets"):
        activities = activities_by_goal[goal.pk]
        statuses = [
            entries_by_activity[a.pk].status if a.pk in entries_by_activity else a.status
            for a in activities
        ]
        comments = goal_comments[goal.pk] + [
            entries_by_activity[a.pk] for a in activities if a.pk in entries_by_activity
        ]
        indicators = [_indicator_at(indicator, node) for indicator in goal.indicators.all()]
        on_track = [i.on_track for i in indicators if i.on_track is not None]
        status = goal.status_override or goal_status(statuses, on_track)
        reports.append(
            GoalReport(goal, status, bool(goal.status_override), activities, comments, indicators)
        )
    return reports


@dataclass(frozen=True)
class ChecklistItem:
    goal: Goal | None
    activity: Activity | None
    entry: FollowUpEntry | None


def checklist(node: Node, round_: FollowUpRound) -> list[ChecklistItem]:
    """What a node reports on in a round: each goal that reached it and each of its activities."""
    plan = round_.plan
    entries = list(FollowUpEntry.objects.filter(round=round_, node=node))
    by_goal = {e.goal_id: e for e in entries if e.goal_id}
    by_activity = {e.activity_id: e for e in entries if e.activity_id}
    items = [
        ChecklistItem(goal, None, by_goal.get(goal.pk))
        for goal in goals_reaching(node, plan).order_by("code")
    ]
    activities = Activity.objects.filter(node=node, goals__plan=plan).distinct().order_by("title")
    items += [ChecklistItem(None, a, by_activity.get(a.pk)) for a in activities]
    return items


def node_activities(node: Node, plan: Plan) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(node=node, goals__plan=plan)
        .distinct()
        .prefetch_related("goals")
        .order_by("title")
    )


def children_without_goal(node: Node, goal: Goal) -> list[Node]:
    have = set(
        Assignment.objects.filter(goal=goal, node__in=node_children(node)).values_list(
            "node_id", flat=True
        )
    )
    return [c for c in node_children(node) if c.pk not in have]


def active_children(node: Node) -> QuerySet[Node]:
    return Node.objects.get_children(node).filter(active_q())


@dataclass(frozen=True)
class RoundComparison:
    current: FollowUpRound
    previous: FollowUpRound | None
    figures: list[tuple[str, object, object]]  # key, previous value, current value
    changed_entries: list[tuple[str, str, str, str]]  # node, item, previous status, current status


def _round_state(round_: FollowUpRound, root: Node) -> dict[str, object]:
    """A closed round's frozen snapshot, or the live state of an open one."""
    if round_.snapshot:
        return dict(round_.snapshot)
    entries = [
        {
            "node": e.node.code,
            "activity": e.activity.title if e.activity else None,
            "goal": e.goal.code if e.goal else None,
            "status": e.status,
        }
        for e in round_.entries.select_related("node", "activity", "goal")
    ]
    return {"summary": followup_summary(root, round_.plan, round_), "entries": entries}


def round_comparison(round_: FollowUpRound) -> RoundComparison:
    root = Node.objects.get_root_nodes().filter(organisation_id=round_.plan.organisation_id).get()
    previous = previous_round(round_)
    now = _round_state(round_, root)
    before = _round_state(previous, root) if previous else {"summary": {}, "entries": []}
    keys = [
        "goals_total",
        "children_distributed_further",
        "children_with_activities",
        "activities_total",
        "reports_expected",
        "reports_done",
    ]
    summary_now, summary_before = now["summary"], before["summary"]
    assert isinstance(summary_now, dict) and isinstance(summary_before, dict)
    figures = [(k, summary_before.get(k), summary_now.get(k)) for k in keys]

    def index(entries: object) -> dict[tuple[str, str], str]:
        assert isinstance(entries, list)
        return {(e["node"], e["activity"] or e["goal"]): e["status"] for e in entries}

    old, new = index(before["entries"]), index(now["entries"])
    changed = [
        (node, item, old[(node, item)], status)
        for (node, item), status in sorted(new.items())
        if (node, item) in old and old[(node, item)] != status
    ]
    return RoundComparison(round_, previous, figures, changed)
