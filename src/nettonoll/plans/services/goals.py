"""Writes for plans and goals: creating them, distributing goals down the tree, status."""

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.common.records import save_versioned
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.selectors import node_children
from nettonoll.plans.models import (
    Activity,
    Assignment,
    Goal,
    GoalKind,
    GoalStatus,
    Plan,
    PlanStatus,
)
from nettonoll.plans.selectors import goals_reaching
from nettonoll.plans.services.errors import PlanError


@transaction.atomic
def plan_create(
    *,
    organisation: Organisation,
    name: str,
    period_start_year: int,
    period_end_year: int,
    level_names: Sequence[str] = (),
    status: str = PlanStatus.DRAFT,
    adopted_on: datetime.date | None = None,
    decision_reference: str = "",
    by: User | None = None,
) -> Plan:
    if period_end_year < period_start_year:
        raise PlanError(_("Planperiodens slutår kan inte ligga före startåret."))
    if Plan.objects.filter(organisation=organisation, name=name).exists():
        raise PlanError(_("Det finns redan en plan med namnet %(name)s.") % {"name": name})
    plan = Plan(
        organisation=organisation,
        name=name,
        period_start_year=period_start_year,
        period_end_year=period_end_year,
        level_names=list(level_names),
        status=status,
        adopted_on=adopted_on,
        decision_reference=decision_reference,
    )
    changed_by(plan, by)
    plan.save()
    return plan


@transaction.atomic
def goal_create(
    *,
    plan: Plan,
    code: str,
    title: str,
    parent: Goal | None = None,
    kind: str = GoalKind.ADMINISTRATION,
    description: str = "",
    deadline: datetime.date | None = None,
    by: User | None = None,
) -> Goal:
    if plan.goals.filter(code=code).exists():
        raise PlanError(_("Koden %(code)s finns redan i planen.") % {"code": code})
    if parent is not None and parent.plan_id != plan.pk:
        raise PlanError(_("Det överordnade målet hör till en annan plan."))
    goal = Goal(
        plan=plan,
        parent=parent,
        code=code,
        title=title,
        kind=kind,
        description=description,
        deadline=deadline,
        level=parent.level + 1 if parent else 0,
    )
    changed_by(goal, by)
    goal.save()
    return goal


def _may_hold(goal: Goal, node: Node) -> bool:
    """A goal may reach a node when it is at the parent already (or the parent is the root)."""
    parent = Node.objects.get_parent(node)
    if parent is None:
        return False
    return parent.is_root() or Assignment.objects.filter(goal=goal, node=parent).exists()


@transaction.atomic
def goal_distribute(
    *, goal: Goal, from_node: Node, to_nodes: Iterable[Node], by: User | None = None
) -> int:
    """Distribute a goal from a node to some of its children in one action; returns how many
    received it now (those that had it already are left as they are)."""
    if not goal.is_distributed:
        raise PlanError(
            _("%(code)s är ett verksamhetsmål som mäts centralt och fördelas inte.")
            % {"code": goal.code}
        )
    if goal.is_ended:
        raise PlanError(_("%(code)s är avslutat och fördelas inte.") % {"code": goal.code})
    if goal.plan.organisation_id != from_node.organisation_id:
        raise PlanError(_("Målet hör till en annan organisation."))
    if (
        not from_node.is_root()
        and not Assignment.objects.filter(goal=goal, node=from_node).exists()
    ):
        raise PlanError(
            _("%(code)s har inte nått %(node)s och kan inte fördelas vidare därifrån.")
            % {"code": goal.code, "node": from_node.name}
        )
    assignment = Assignment.objects.filter(goal=goal, node=from_node).first()
    if assignment and assignment.not_applicable_reason:
        raise PlanError(
            _("%(code)s är markerat som ej tillämpligt för %(node)s.")
            % {"code": goal.code, "node": from_node.name}
        )
    children = {c.pk: c for c in node_children(from_node)}
    created = 0
    for node in to_nodes:
        if node.pk not in children:
            raise PlanError(
                _("%(node)s ligger inte direkt under %(parent)s.")
                % {"node": node.name, "parent": from_node.name}
            )
        if Assignment.objects.filter(goal=goal, node=node).exists():
            continue
        new = Assignment(goal=goal, node=node, assigned_by=by)
        changed_by(new, by)
        new.save()
        created += 1
    return created


@transaction.atomic
def goal_undistribute(*, goal: Goal, node: Node, by: User | None = None) -> int:
    """Undo a distribution to a node and everything below it; refused while activities below
    are linked to the goal. Returns how many assignments were removed (kept in history)."""
    below = Assignment.objects.filter(goal=goal, node__path__startswith=node.path)
    linked = Activity.objects.filter(goals=goal, node__path__startswith=node.path)
    if linked.exists():
        raise PlanError(
            _(
                "%(count)d aktiviteter under %(node)s är kopplade till %(code)s. Koppla bort dem "
                "först, så att inget arbete försvinner."
            )
            % {"count": linked.count(), "node": node.name, "code": goal.code}
        )
    removed = 0
    for assignment in below:
        changed_by(assignment, by)
        assignment.delete()
        removed += 1
    return removed


@transaction.atomic
def goal_mark_not_applicable(
    *, goal: Goal, node: Node, reason: str, by: User | None = None
) -> Assignment:
    if not reason.strip():
        raise PlanError(_("Skriv varför målet inte är tillämpligt."))
    assignment = Assignment.objects.filter(goal=goal, node=node).first()
    if assignment is None:
        raise PlanError(
            _("%(code)s har inte nått %(node)s.") % {"code": goal.code, "node": node.name}
        )
    if (
        Assignment.objects.filter(goal=goal, node__path__startswith=node.path)
        .exclude(pk=assignment.pk)
        .exists()
    ):
        raise PlanError(
            _("%(code)s är redan fördelat vidare från %(node)s; ångra det först.")
            % {"code": goal.code, "node": node.name}
        )
    assignment.not_applicable_reason = reason.strip()
    changed_by(assignment, by)
    assignment.save()
    return assignment


@transaction.atomic
def goal_mark_applicable(*, goal: Goal, node: Node, by: User | None = None) -> None:
    assignment = Assignment.objects.filter(goal=goal, node=node).first()
    if assignment and assignment.not_applicable_reason:
        assignment.not_applicable_reason = ""
        changed_by(assignment, by)
        assignment.save()


@transaction.atomic
def goal_override_status(*, goal: Goal, status: str, reason: str, by: User | None = None) -> Goal:
    """A manual status overrides the rolled-up one; it requires a justification. An empty status
    returns the goal to the rule."""
    if status and status not in GoalStatus.values:
        raise PlanError(_("Okänd status."))
    if status and not reason.strip():
        raise PlanError(_("En manuell status kräver en motivering."))
    goal.status_override = status
    goal.status_override_reason = reason.strip() if status else ""
    changed_by(goal, by)
    goal.save()
    return goal


def _check_goals_reach(node: Node, goals: Sequence[Goal]) -> None:
    if not goals:
        raise PlanError(_("Koppla aktiviteten till minst ett mål."))
    plans = {g.plan_id for g in goals}
    reaching: set[int] = set()
    for plan in Plan.objects.filter(pk__in=plans):
        reaching |= set(goals_reaching(node, plan).values_list("pk", flat=True))
    missing = [g for g in goals if g.pk not in reaching]
    if missing:
        raise PlanError(
            _(
                "Målet %(codes)s har inte nått %(node)s. Be din chef att fördela målet hit, "
                "eller välj ett av de mål som nått enheten."
            )
            % {"codes": ", ".join(g.code for g in missing), "node": node.name}
        )


GOAL_EDITABLE = (
    "title",
    "description",
    "kind",
    "deadline",
    "supports_paris_agreement",
    "regional_strategies",
    "ended_on",
)


def _descendants(goal: Goal) -> list[Goal]:
    found, frontier = [], [goal]
    while frontier:
        children = list(Goal.objects.filter(parent__in=frontier))
        found += children
        frontier = children
    return found


def _move(goal: Goal, parent: Goal | None, by: User | None) -> None:
    """Re-parent within the plan; the goal's level and its sub-goals' levels follow."""
    if parent is not None:
        if parent.plan_id != goal.plan_id:
            raise PlanError(_("Det överordnade målet hör till en annan plan."))
        if parent.pk == goal.pk or parent.pk in {d.pk for d in _descendants(goal)}:
            raise PlanError(
                _("%(code)s kan inte flyttas under sig självt eller ett av sina delmål.")
                % {"code": goal.code}
            )
    shift = (parent.level + 1 if parent else 0) - goal.level
    goal.parent, goal.level = parent, goal.level + shift
    if shift:
        for below in _descendants(goal):
            below.level += shift
            save_versioned(below, expected_version=None, by=by)


def _end_below(goal: Goal, by: User | None) -> None:
    """Ending a goal ends its sub-goals that are still open, on the same day."""
    assert goal.ended_on is not None
    for below in _descendants(goal):
        if below.ended_on is None or below.ended_on > goal.ended_on:
            below.ended_on = goal.ended_on
            save_versioned(below, expected_version=None, by=by)


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    values: dict[str, object],
    agenda2030_targets: Iterable[object],
    quality_objectives: Iterable[object],
    indicators: Iterable[object],
    expected_version: int | None = None,
    by: User | None = None,
) -> Goal:
    """Edit a goal's texts, kind, deadline and links, move it under another goal of the plan
    (`values["parent"]`, levels follow) or end it (`values["ended_on"]`, its sub-goals end with
    it); history kept, links included. A form built from an older `expected_version` is refused
    with `StaleEdit`."""
    if values.get("kind") == GoalKind.BUSINESS and goal.assignments.exists():
        raise PlanError(
            _("%(code)s är redan fördelat; ångra fördelningarna innan det blir ett verksamhetsmål.")
            % {"code": goal.code}
        )
    ending = "ended_on" in values and values["ended_on"] and values["ended_on"] != goal.ended_on
    for key in GOAL_EDITABLE:
        if key in values:
            setattr(goal, key, values[key])
    if "parent" in values and values["parent"] != goal.parent:
        parent = values["parent"]
        assert parent is None or isinstance(parent, Goal)
        _move(goal, parent, by)
    save_versioned(goal, expected_version=expected_version, by=by)
    if ending:
        _end_below(goal, by)
    goal.agenda2030_targets.set(agenda2030_targets)  # type: ignore[arg-type]
    goal.quality_objectives.set(quality_objectives)  # type: ignore[arg-type]
    goal.indicators.set(indicators)  # type: ignore[arg-type]
    return goal


@transaction.atomic
def goal_add(
    *,
    plan: Plan,
    code: str,
    values: dict[str, object],
    agenda2030_targets: Iterable[object] = (),
    quality_objectives: Iterable[object] = (),
    indicators: Iterable[object] = (),
    by: User | None = None,
) -> Goal:
    """A new goal from the web form: `goal_create` with the form's values and links."""
    parent = values.get("parent")
    assert parent is None or isinstance(parent, Goal)
    goal = goal_create(
        plan=plan, code=code.strip(), title=str(values["title"]), parent=parent, by=by
    )
    rest = {k: v for k, v in values.items() if k != "parent"}
    return goal_update(
        goal=goal,
        values=rest,
        agenda2030_targets=agenda2030_targets,
        quality_objectives=quality_objectives,
        indicators=indicators,
        expected_version=goal.version,
        by=by,
    )


@transaction.atomic
def plan_update(
    *, plan: Plan, values: dict[str, object], expected_version: int | None, by: User | None = None
) -> Plan:
    """Edit the plan itself (name, period, status, adoption, decision reference, level names);
    a form built from an older version is refused with `StaleEdit`."""
    start, end = values["period_start_year"], values["period_end_year"]
    assert isinstance(start, int) and isinstance(end, int)
    if end < start:
        raise PlanError(_("Planperiodens slutår kan inte ligga före startåret."))
    name = values["name"]
    if Plan.objects.filter(organisation=plan.organisation, name=name).exclude(pk=plan.pk).exists():
        raise PlanError(_("Det finns redan en plan med namnet %(name)s.") % {"name": name})
    for key in PLAN_EDITABLE:
        setattr(plan, key, values[key])
    save_versioned(plan, expected_version=expected_version, by=by)
    return plan


PLAN_EDITABLE = (
    "name",
    "period_start_year",
    "period_end_year",
    "status",
    "adopted_on",
    "decision_reference",
    "level_names",
)
