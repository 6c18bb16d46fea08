"""Bulk imports of plans, distributions and activities from CSV or XLSX (services: atomic, every
problem listed in Swedish with its line number, nothing stored when any line is wrong), and the
exports in the same columns."""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_noop

from nettonoll.accounts.models import User
from nettonoll.calc.problems import Problem, Rejected, register
from nettonoll.common.history import changed_by
from nettonoll.common.tabular import field_lengths, read_table
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
        "deadline_invalid": gettext_noop(
            "datumet %(value)s kan inte läsas (skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ)"
        ),
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
        "node_unknown": gettext_noop("okänd enhet %(code)s"),
        "organisation_unknown": gettext_noop("Organisationen %(code)s finns inte."),
        "parent_unknown": gettext_noop("okänd överordnad kod %(code)s"),
        "plan_unknown": gettext_noop("Planen %(name)s finns inte. Importera planen först."),
        "title_missing": gettext_noop("titeln saknas"),
    }
)

PLAN_COLUMNS = ("code", "title", "parent_code", "level", "kind", "deadline")
DISTRIBUTION_COLUMNS = ("goal_code", "node_code")
ACTIVITY_COLUMNS = ("node_code", "title", "goal_codes", "status", "comment")

KIND_ALIASES = {
    "verksamhetsmål": GoalKind.BUSINESS,
    "verksamhetsmal": GoalKind.BUSINESS,
    "business": GoalKind.BUSINESS,
    "förvaltningsmål": GoalKind.ADMINISTRATION,
    "forvaltningsmal": GoalKind.ADMINISTRATION,
    "administration": GoalKind.ADMINISTRATION,
    "": GoalKind.ADMINISTRATION,
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
    "": ActivityStatus.NOT_STARTED,
}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _q(value: str) -> str:
    return f"'{value}'"


def _parse_deadline(raw: str) -> datetime.date | None:
    raw = raw.strip()
    if not raw:
        return None
    if re.fullmatch(r"\d{4}", raw):
        return datetime.date(int(raw), 12, 31)
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValueError(raw)


def _organisation(code: str) -> Organisation:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise Rejected([Problem("organisation_unknown", {"code": code})])
    return organisation


def _plan(organisation: Organisation, name: str) -> Plan:
    plan = Plan.objects.filter(organisation=organisation, name=name).first()
    if plan is None:
        raise Rejected([Problem("plan_unknown", {"name": _q(name)})])
    return plan


# --- Plan: code,title,parent_code,level,kind,deadline --------------------------------------------


@dataclass
class _GoalLine:
    line: int
    code: str
    title: str
    parent_code: str
    level: str
    kind: str
    deadline: datetime.date | None


def plan_import(
    *, organisation_code: str, plan_name: str, data: bytes, filename: str, by: User | None = None
) -> ImportResult:
    """Import a plan's goal hierarchy; the plan is created when it does not exist, with the level
    names in the order the file uses them."""
    organisation = _organisation(organisation_code)
    plan = Plan.objects.filter(organisation=organisation, name=plan_name).first()
    table = read_table(
        data,
        filename,
        required=PLAN_COLUMNS,
        lengths=field_lengths(Goal, code="code", title="title", parent_code="code"),
    )
    problems: list[Problem] = []
    lines: list[_GoalLine] = []
    first_line: dict[str, int] = {}
    existing = {g.code: g for g in plan.goals.select_related("parent")} if plan else {}
    for row in table.rows:
        v = row.values
        code, title = v["code"], v["title"]
        if not code:
            problems.append(Problem("code_missing", {}, row.line, "code"))
        if not title:
            problems.append(Problem("title_missing", {}, row.line, "title"))
        if not v["level"]:
            problems.append(Problem("level_missing", {}, row.line, "level"))
        kind = KIND_ALIASES.get(v["kind"].strip().lower())
        if kind is None:
            problems.append(Problem("goal_kind_unknown", {"kind": _q(v["kind"])}, row.line, "kind"))
        try:
            deadline = _parse_deadline(v["deadline"])
        except ValueError:
            problems.append(
                Problem("deadline_invalid", {"value": _q(v["deadline"])}, row.line, "deadline")
            )
            deadline = None
        if code in first_line:
            problems.append(
                Problem(
                    "code_repeated", {"code": _q(code), "line": first_line[code]}, row.line, "code"
                )
            )
            continue
        if code:
            first_line[code] = row.line
        lines.append(
            _GoalLine(row.line, code, title, v["parent_code"], v["level"], kind or "", deadline)
        )
    in_file = {ln.code: ln for ln in lines if ln.code}
    parent_of = {code: (g.parent.code if g.parent else "") for code, g in existing.items()}
    parent_of |= {ln.code: ln.parent_code for ln in lines if ln.code}
    depth_of_level: dict[str, int] = {}
    level_names = list(plan.level_names) if plan else []
    for ln in lines:
        if not ln.code:
            continue
        if ln.parent_code and ln.parent_code not in in_file and ln.parent_code not in existing:
            problems.append(
                Problem("parent_unknown", {"code": _q(ln.parent_code)}, ln.line, "parent_code")
            )
            continue
        chain, current, seen = [ln.code], ln.parent_code, {ln.code}
        while current and current not in seen:
            chain.append(current)
            seen.add(current)
            current = parent_of.get(current, "")
        if current == ln.code:
            problems.append(
                Problem(
                    "goal_cycle", {"chain": " → ".join([*chain, ln.code])}, ln.line, "parent_code"
                )
            )
            continue
        depth = len(chain) - 1
        if level_names and ln.level and ln.level not in level_names:
            problems.append(
                Problem(
                    "goal_level_unknown",
                    {"level": _q(ln.level), "levels": ", ".join(level_names)},
                    ln.line,
                    "level",
                )
            )
        elif level_names and ln.level and level_names.index(ln.level) != depth:
            problems.append(
                Problem(
                    "goal_level_misplaced",
                    {
                        "level": _q(ln.level),
                        "expected": level_names[depth] if depth < len(level_names) else "–",
                    },
                    ln.line,
                    "level",
                )
            )
        elif not level_names and ln.level and depth_of_level.setdefault(ln.level, depth) != depth:
            problems.append(Problem("goal_level_depths", {"level": _q(ln.level)}, ln.line, "level"))
    if not lines and not problems:
        problems.append(Problem("file_empty"))
    if problems:
        raise Rejected(problems)

    created = updated = unchanged = 0
    with transaction.atomic():
        if plan is None:
            names = [name for name, _depth in sorted(depth_of_level.items(), key=lambda kv: kv[1])]
            years = [ln.deadline.year for ln in lines if ln.deadline]
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
        placed: set[str] = set()

        def place(ln: _GoalLine) -> None:
            nonlocal created, updated, unchanged
            if ln.code in placed:
                return
            if ln.parent_code in in_file:
                place(in_file[ln.parent_code])
            placed.add(ln.code)
            parent = goals.get(ln.parent_code) if ln.parent_code else None
            goal = goals.get(ln.code)
            if goal is None:
                goals[ln.code] = services.goal_create(
                    plan=plan,
                    code=ln.code,
                    title=ln.title,
                    parent=parent,
                    kind=ln.kind,
                    deadline=ln.deadline,
                    by=by,
                )
                created += 1
                return
            new = (ln.title, parent.pk if parent else None, ln.kind, ln.deadline)
            if (goal.title, goal.parent_id, goal.kind, goal.deadline) == new:
                unchanged += 1
                return
            goal.title, goal.parent, goal.kind, goal.deadline = (
                ln.title,
                parent,
                ln.kind,
                ln.deadline,
            )
            goal.level = parent.level + 1 if parent else 0
            changed_by(goal, by)
            goal.save()
            updated += 1

        for ln in lines:
            place(ln)
    return ImportResult(created, updated, unchanged)


# --- Distributions: goal_code,node_code ----------------------------------------------------------


def distributions_import(
    *, organisation_code: str, plan_name: str, data: bytes, filename: str, by: User | None = None
) -> ImportResult:
    """Each line: the goal has been distributed to the node. The node's parent must have the goal
    already, or get it on another line of the file (the root's children may receive it directly)."""
    organisation = _organisation(organisation_code)
    plan = _plan(organisation, plan_name)
    table = read_table(data, filename, required=DISTRIBUTION_COLUMNS)
    goals = {g.code: g for g in plan.goals.all()}
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    by_path = {n.path: n for n in nodes.values()}
    held = {
        (g, n)
        for g, n in Assignment.objects.filter(goal__plan=plan).values_list(
            "goal__code", "node__code"
        )
    }
    wanted: dict[tuple[str, str], int] = {}
    problems: list[Problem] = []
    for row in table.rows:
        goal_code, node_code = row.values["goal_code"], row.values["node_code"]
        goal, node = goals.get(goal_code), nodes.get(node_code)
        if goal is None:
            problems.append(Problem("goal_unknown", {"code": _q(goal_code)}, row.line, "goal_code"))
        elif not goal.is_distributed:
            problems.append(
                Problem("goal_not_distributed", {"code": _q(goal_code)}, row.line, "goal_code")
            )
        if node is None:
            problems.append(Problem("node_unknown", {"code": _q(node_code)}, row.line, "node_code"))
        elif node.is_root():
            problems.append(Problem("distribution_to_root", {}, row.line, "node_code"))
        if goal is not None and node is not None and goal.is_distributed and not node.is_root():
            key = (goal_code, node_code)
            if key in wanted:
                problems.append(Problem("distribution_repeated", {"line": wanted[key]}, row.line))
            else:
                wanted[key] = row.line
    for (goal_code, node_code), line in wanted.items():
        node = nodes[node_code]
        parent = by_path.get(node.path[: -Node.steplen])
        if parent is None or parent.is_root():
            continue
        if (goal_code, parent.code) not in held and (goal_code, parent.code) not in wanted:
            problems.append(
                Problem(
                    "goal_not_at_parent",
                    {"goal": _q(goal_code), "parent": _q(parent.code), "node": _q(node_code)},
                    line,
                    "node_code",
                )
            )
    if not table.rows and not problems:
        problems.append(Problem("file_empty"))
    if problems:
        raise Rejected(problems)
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
    table = read_table(
        data, filename, required=ACTIVITY_COLUMNS, lengths=field_lengths(Activity, title="title")
    )
    goals = {g.code: g for g in plan.goals.all()}
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    reach: dict[str, set[str]] = {}
    for goal_code, node_code in Assignment.objects.filter(goal__plan=plan).values_list(
        "goal__code", "node__code"
    ):
        reach.setdefault(node_code, set()).add(goal_code)
    problems: list[Problem] = []
    parsed: list[tuple[Node, str, list[Goal], str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        v = row.values
        node = nodes.get(v["node_code"])
        if node is None:
            problems.append(
                Problem("node_unknown", {"code": _q(v["node_code"])}, row.line, "node_code")
            )
        if not v["title"]:
            problems.append(Problem("title_missing", {}, row.line, "title"))
        codes = [c.strip() for c in v["goal_codes"].split("|") if c.strip()]
        if not codes:
            problems.append(Problem("goal_required", {}, row.line, "goal_codes"))
        unknown = [c for c in codes if c not in goals]
        if unknown:
            problems.append(
                Problem(
                    "goals_unknown", {"codes": ", ".join(map(_q, unknown))}, row.line, "goal_codes"
                )
            )
        if node is not None and not unknown:
            reaching = set(goals) if node.is_root() else reach.get(node.code, set())
            missing = [c for c in codes if c not in reaching]
            if missing:
                problems.append(
                    Problem(
                        "goal_not_at_node",
                        {"codes": ", ".join(map(_q, missing)), "node": _q(node.code)},
                        row.line,
                        "goal_codes",
                    )
                )
        status = STATUS_ALIASES.get(v["status"].strip().lower())
        if status is None:
            problems.append(
                Problem("activity_status_unknown", {"status": _q(v["status"])}, row.line, "status")
            )
        key = (v["node_code"], v["title"])
        if key in seen:
            problems.append(Problem("activity_repeated", {"line": seen[key]}, row.line, "title"))
        seen.setdefault(key, row.line)
        if node is not None and v["title"] and codes and not unknown and status is not None:
            parsed.append((node, v["title"], [goals[c] for c in codes], status, v["comment"]))
    if not table.rows and not problems:
        problems.append(Problem("file_empty"))
    if problems:
        raise Rejected(problems)
    created = updated = unchanged = 0
    with transaction.atomic():
        for node, title, linked, status, comment in parsed:
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
