"""Bulk imports of plans, distributions and activities from CSV or XLSX (services: atomic, every
problem listed in Swedish with its line number, nothing stored when any line is wrong), and the
exports in the same columns."""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_noop

from nettonoll.accounts.models import User
from nettonoll.calc.problems import Problem, Rejected, register
from nettonoll.calc.trees import parents_first
from nettonoll.common.history import changed_by
from nettonoll.common.tablespec import (
    Choice,
    Code,
    CodeList,
    Date,
    ImportResult,
    NodeReference,
    Reference,
    TableSpec,
    Text,
    max_length,
    quoted,
)
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans import services
from nettonoll.plans.models import (
    Activity,
    ActivityStatus,
    Assignment,
    Goal,
    GoalKind,
    Plan,
)

PROBLEMS = register(
    {
        "activity_repeated": gettext_noop("samma aktivitet finns redan på rad %(line)d"),
        "activity_status_unknown": gettext_noop(
            "okänd status %(status)s (tillåtna: ej påbörjad, pågår, genomförd, avbruten)"
        ),
        "code_missing": gettext_noop("koden saknas"),
        "code_repeated": gettext_noop("koden %(code)s finns redan på rad %(line)d"),
        "distribution_repeated": gettext_noop("samma fördelning finns redan på rad %(line)d"),
        "distribution_to_root": gettext_noop("regionen själv har alla planens mål"),
        "goal_cycle": gettext_noop("cykel i målträdet: %(chain)s"),
        "goal_kind_unknown": gettext_noop(
            "okänd typ %(kind)s (tillåtna: verksamhetsmål, förvaltningsmål)"
        ),
        "goal_level_depths": gettext_noop("nivån %(level)s används på olika djup i målträdet"),
        "goal_level_misplaced": gettext_noop(
            "nivån %(level)s stämmer inte med platsen i målträdet (väntad nivå: %(expected)s)"
        ),
        "goal_level_unknown": gettext_noop("okänd nivå %(level)s (planens nivåer: %(levels)s)"),
        "goal_not_at_node": gettext_noop("målet %(codes)s har inte nått %(node)s"),
        "goal_not_at_parent": gettext_noop(
            "%(goal)s har inte nått %(parent)s, som ligger över %(node)s"
        ),
        "goal_not_distributed": gettext_noop("%(code)s är ett verksamhetsmål och fördelas inte"),
        "goal_required": gettext_noop("minst ett mål krävs"),
        "goal_unknown": gettext_noop("okänt mål %(code)s i planen"),
        "goals_unknown": gettext_noop("okänt mål %(codes)s i planen"),
        "level_missing": gettext_noop("nivån saknas"),
        "organisation_unknown": gettext_noop("Organisationen %(code)s finns inte."),
        "plan_unknown": gettext_noop("Planen %(name)s finns inte. Importera planen först."),
        "title_missing": gettext_noop("titeln saknas"),
    }
)

KIND_ALIASES = {
    "verksamhetsmål": GoalKind.BUSINESS,
    "verksamhetsmal": GoalKind.BUSINESS,
    "business": GoalKind.BUSINESS,
    "förvaltningsmål": GoalKind.ADMINISTRATION,
    "forvaltningsmal": GoalKind.ADMINISTRATION,
    "administration": GoalKind.ADMINISTRATION,
}
STATUS_ALIASES = {
    **{value: value for value in ActivityStatus.values},
    "ej påbörjad": ActivityStatus.NOT_STARTED,
    "pågår": ActivityStatus.IN_PROGRESS,
    "genomförd": ActivityStatus.DONE,
    "avbruten": ActivityStatus.CANCELLED,
    "not started": ActivityStatus.NOT_STARTED,
    "in progress": ActivityStatus.IN_PROGRESS,
    "done": ActivityStatus.DONE,
    "cancelled": ActivityStatus.CANCELLED,
}
GOAL_CODE = max_length(Goal, "code")
PLAN = TableSpec(
    title="plan",
    columns=(
        Code(name="code", required=True, missing="code_missing", max_length=GOAL_CODE, example="A"),
        Text(
            name="title",
            required=True,
            missing="title_missing",
            max_length=max_length(Goal, "title"),
            example="Vi minimerar vårt klimatavtryck",
        ),
        Code(name="parent_code", max_length=GOAL_CODE),
        Text(
            name="level",
            required=True,
            missing="level_missing",
            max_length=200,
            example="Övergripande mål",
        ),
        Choice(
            name="kind",
            aliases=KIND_ALIASES,
            default=GoalKind.ADMINISTRATION,
            unknown="goal_kind_unknown",
            param="kind",
            example="förvaltningsmål",
        ),
        Date(
            name="deadline",
            year_is_last_day=True,
            min=datetime.date(1990, 1, 1),
            max=datetime.date(2100, 12, 31),
            example="2030-12-31",
        ),
    ),
    key=("code",),
    repeated="code_repeated",
    parent="parent_code",
    cycle="goal_cycle",
)
DISTRIBUTIONS = TableSpec(
    title="distributions",
    columns=(
        Reference(name="goal_code", required=True, unknown="goal_unknown", example="A1"),
        NodeReference(name="node_code", required=True, example="RS-SERV"),
    ),
    key=("goal_code", "node_code"),
    repeated="distribution_repeated",
    repeated_column="",
)
ACTIVITIES = TableSpec(
    title="activities",
    columns=(
        NodeReference(name="node_code", required=True, example="RS-SERV-KOST"),
        Text(
            name="title",
            required=True,
            missing="title_missing",
            max_length=max_length(Activity, "title"),
            example="Lokala råvaror",
        ),
        CodeList(
            name="goal_codes",
            required=True,
            missing="goal_required",
            unknown="goals_unknown",
            example="A1|A2",
        ),
        Choice(
            name="status",
            aliases=STATUS_ALIASES,
            default=ActivityStatus.NOT_STARTED,
            unknown="activity_status_unknown",
            param="status",
            example="pågår",
        ),
        Text(name="comment"),
    ),
    key=("node_code", "title"),
    repeated="activity_repeated",
    repeated_column="title",
)
PLAN_COLUMNS = PLAN.headers
DISTRIBUTION_COLUMNS = DISTRIBUTIONS.headers
ACTIVITY_COLUMNS = ACTIVITIES.headers


def _organisation(code: str) -> Organisation:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise Rejected([Problem("organisation_unknown", {"code": code})])
    return organisation


def _plan(organisation: Organisation, name: str) -> Plan:
    plan = Plan.objects.filter(organisation=organisation, name=name).first()
    if plan is None:
        raise Rejected([Problem("plan_unknown", {"name": quoted(name)})])
    return plan


# --- Plan: code,title,parent_code,level,kind,deadline --------------------------------------------


def plan_import(
    *, organisation_code: str, plan_name: str, data: bytes, filename: str, by: User | None = None
) -> ImportResult:
    """Import a plan's goal hierarchy; the plan is created when it does not exist, with the level
    names in the order the file uses them."""
    organisation = _organisation(organisation_code)
    plan = Plan.objects.filter(organisation=organisation, name=plan_name).first()
    existing = {g.code: g for g in plan.goals.select_related("parent")} if plan else {}
    parents = {code: (g.parent.code if g.parent else "") for code, g in existing.items()}
    parsed = PLAN.read(data, filename, existing_parents=parents)
    depth_of_level: dict[str, int] = {}
    level_names = list(plan.level_names) if plan else []
    for row in parsed.rows:
        level, depth = row["level"], parsed.depth.get(row["code"] or "")
        if depth is None or not level:
            continue
        problem = None
        if level_names and level not in level_names:
            params = {"level": quoted(level), "levels": ", ".join(level_names)}
            problem = Problem("goal_level_unknown", params, row.line, "level")
        elif level_names and level_names.index(level) != depth:
            expected = level_names[depth] if depth < len(level_names) else "–"
            params = {"level": quoted(level), "expected": expected}
            problem = Problem("goal_level_misplaced", params, row.line, "level")
        elif not level_names and depth_of_level.setdefault(level, depth) != depth:
            problem = Problem("goal_level_depths", {"level": quoted(level)}, row.line, "level")
        if problem:
            parsed.problems.append(problem)
    parsed.reject()

    created = updated = unchanged = 0
    with transaction.atomic():
        if plan is None:
            names = [name for name, _depth in sorted(depth_of_level.items(), key=lambda kv: kv[1])]
            years = [row["deadline"].year for row in parsed.rows if row["deadline"]]
            this_year = datetime.date.today().year
            plan = services.plan_create(
                organisation=organisation,
                name=plan_name,
                period_start_year=min([this_year, *years]),
                period_end_year=max(years) if years else this_year,
                level_names=names,
                by=by,
            )
        goals = dict(existing)
        in_file = {row["code"]: row for row in parsed.rows}
        parent_of = parents | {code: row["parent_code"] or "" for code, row in in_file.items()}
        for code in parents_first(in_file, parent_of):
            row = in_file[code]
            parent = goals.get(row["parent_code"]) if row["parent_code"] else None
            goal = goals.get(code)
            if goal is None:
                goals[code] = services.goal_create(
                    plan=plan,
                    code=code,
                    title=row["title"],
                    parent=parent,
                    kind=row["kind"],
                    deadline=row["deadline"],
                    by=by,
                )
                created += 1
                continue
            new = (row["title"], parent.pk if parent else None, row["kind"], row["deadline"])
            if (goal.title, goal.parent_id, goal.kind, goal.deadline) == new:
                unchanged += 1
                continue
            goal.title, goal.parent, goal.kind = row["title"], parent, row["kind"]
            goal.deadline = row["deadline"]
            goal.level = parent.level + 1 if parent else 0
            changed_by(goal, by)
            goal.save()
            updated += 1
    return ImportResult(created, updated, unchanged)


# --- Distributions: goal_code,node_code ----------------------------------------------------------


def distributions_import(
    *, organisation_code: str, plan_name: str, data: bytes, filename: str, by: User | None = None
) -> ImportResult:
    """Each line: the goal has been distributed to the node. The node's parent must have the goal
    already, or get it on another line of the file (the root's children may receive it directly)."""
    organisation = _organisation(organisation_code)
    plan = _plan(organisation, plan_name)
    goals = {g.code: g for g in plan.goals.all()}
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    by_path = {n.path: n for n in nodes.values()}
    held = set(Assignment.objects.filter(goal__plan=plan).values_list("goal__code", "node__code"))
    parsed = DISTRIBUTIONS.read(data, filename, refs={"goal_code": goals, "node_code": nodes})
    wanted: dict[tuple[str, str], int] = {}
    for row in parsed.rows:
        goal, node = row["goal_code"], row["node_code"]
        if goal is not None and not goal.is_distributed:
            params = {"code": quoted(goal.code)}
            parsed.problems.append(Problem("goal_not_distributed", params, row.line, "goal_code"))
        if node is not None and node.is_root():
            parsed.problems.append(Problem("distribution_to_root", {}, row.line, "node_code"))
        elif goal is not None and node is not None and goal.is_distributed:
            wanted[(goal.code, node.code)] = row.line
    for (goal_code, node_code), line in wanted.items():
        parent = by_path.get(nodes[node_code].path[: -Node.steplen])
        if parent is None or parent.is_root():
            continue
        if (goal_code, parent.code) not in held and (goal_code, parent.code) not in wanted:
            params = {"goal": quoted(goal_code), "parent": quoted(parent.code)}
            params["node"] = quoted(node_code)
            parsed.problems.append(Problem("goal_not_at_parent", params, line, "node_code"))
    parsed.reject()
    created = unchanged = 0
    with transaction.atomic():
        for goal_code, node_code in sorted(wanted, key=lambda key: nodes[key[1]].depth):
            if (goal_code, node_code) in held:
                unchanged += 1
                continue
            node = nodes[node_code]
            parent = Node.objects.get(path=node.path[: -Node.steplen])
            created += services.goal_distribute(
                goal=goals[goal_code], from_node=parent, to_nodes=[node], by=by
            )
    return ImportResult(created, 0, unchanged)


# --- Activities: node_code,title,goal_codes,status,comment ---------------------------------------


def activities_import(
    *, organisation_code: str, plan_name: str, data: bytes, filename: str, by: User | None = None
) -> ImportResult:
    """Each line an activity of a unit, linked to goals that reach it (`goal_codes` separated by
    `|`). An activity with the same unit and title is updated, so a file can be imported again."""
    organisation = _organisation(organisation_code)
    plan = _plan(organisation, plan_name)
    goals = {g.code: g for g in plan.goals.all()}
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    reach: dict[str, set[str]] = {}
    for goal_code, node_code in Assignment.objects.filter(goal__plan=plan).values_list(
        "goal__code", "node__code"
    ):
        reach.setdefault(node_code, set()).add(goal_code)
    parsed = ACTIVITIES.read(data, filename, refs={"node_code": nodes, "goal_codes": goals})
    for row in parsed.rows:
        node, linked = row["node_code"], row["goal_codes"]
        if node is None or not linked:
            continue
        reaching = set(goals) if node.is_root() else reach.get(node.code, set())
        missing = [g.code for g in linked if g.code not in reaching]
        if missing:
            params = {"codes": ", ".join(map(quoted, missing)), "node": quoted(node.code)}
            parsed.problems.append(Problem("goal_not_at_node", params, row.line, "goal_codes"))
    parsed.reject()
    created = updated = unchanged = 0
    with transaction.atomic():
        for row in parsed.rows:
            node, title, linked = row["node_code"], row["title"], row["goal_codes"]
            status, comment = row["status"], row["comment"]
            activity = Activity.objects.filter(node=node, title=title).first()
            if activity is None:
                services.activity_create(
                    node=node, goals=linked, title=title, status=status, comment=comment, by=by
                )
                created += 1
                continue
            same_goals = set(activity.goals.values_list("pk", flat=True)) == {g.pk for g in linked}
            if (activity.status, activity.comment) == (status, comment) and same_goals:
                unchanged += 1
                continue
            services.activity_update(
                activity=activity,
                expected_version=activity.version,
                goals=linked,
                by=by,
                title=title,
                status=status,
                comment=comment,
            )
            updated += 1
    return ImportResult(created, updated, unchanged)


# --- Exports in the same columns ------------------------------------------------------------------


def plan_rows(plan: Plan) -> list[Sequence[object]]:
    return [
        (
            g.code,
            g.title,
            g.parent.code if g.parent else "",
            plan.level_name(g.level),
            "verksamhetsmål" if g.kind == GoalKind.BUSINESS else "förvaltningsmål",
            g.deadline.isoformat() if g.deadline else "",
        )
        for g in plan.goals.select_related("parent").order_by("level", "code")
    ]


def distribution_rows(plan: Plan) -> list[Sequence[object]]:
    return list(
        Assignment.objects.filter(goal__plan=plan)
        .order_by("node__path", "goal__code")
        .values_list("goal__code", "node__code")
    )


def activity_rows(plan: Plan) -> list[Sequence[object]]:
    labels = dict(ActivityStatus.choices)
    rows: list[Sequence[object]] = []
    for activity in (
        Activity.objects.filter(goals__plan=plan)
        .distinct()
        .select_related("node")
        .prefetch_related("goals")
        .order_by("node__path", "title")
    ):
        codes = "|".join(sorted(g.code for g in activity.goals.all() if g.plan_id == plan.pk))
        rows.append(
            (
                activity.node.code,
                activity.title,
                codes,
                str(labels[activity.status]).lower(),
                activity.comment,
            )
        )
    return rows
