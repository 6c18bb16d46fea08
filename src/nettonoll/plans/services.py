"""Writes for plans: goals, distribution, activities, follow-up rounds and entries.

Every write is atomic and keeps history (simple-history, with the acting user). Concurrent edits of
the same activity or entry are refused (optimistic locking on `version`), never overwritten."""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common import jobs
from nettonoll.common.history import changed_by
from nettonoll.common.records import save_versioned
from nettonoll.organisations.models import Node, Organisation, Role, RoleGrant
from nettonoll.organisations.selectors import node_children
from nettonoll.plans.models import (
    Activity,
    ActivityStatus,
    Assignment,
    FollowUpEntry,
    FollowUpRound,
    Goal,
    GoalKind,
    GoalStatus,
    Plan,
    PlanStatus,
    RoundStatus,
)
from nettonoll.plans.selectors import coverage, followup_summary, goals_reaching


class PlanError(ValueError):
    """A change that breaks a rule of plans and follow-up; the message is for the user."""


class ConflictError(PlanError):
    """Someone else saved the same record first; `current` is what they saved."""

    def __init__(self, message: str, current: object) -> None:
        super().__init__(message)
        self.current = current


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


ACTIVITY_FIELDS = (
    "title",
    "description",
    "responsible",
    "start_on",
    "end_on",
    "status",
    "expected_effect_quantity",
    "expected_effect_unit",
    "cost_sek",
    "comment",
)


def _validate_activity(values: dict[str, object]) -> None:
    if not str(values.get("title") or "").strip():
        raise PlanError(_("Aktiviteten behöver en titel."))
    start, end = values.get("start_on"), values.get("end_on")
    if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
        raise PlanError(_("Slutdatum kan inte ligga före startdatum."))
    if values.get("status", ActivityStatus.NOT_STARTED) not in ActivityStatus.values:
        raise PlanError(_("Okänd status för aktiviteten."))
    quantity, unit = values.get("expected_effect_quantity"), values.get("expected_effect_unit")
    if quantity is not None and not unit:
        raise PlanError(_("Ange enheten för den förväntade effekten."))
    cost = values.get("cost_sek")
    if isinstance(cost, Decimal) and cost < 0:
        raise PlanError(_("Kostnaden kan inte vara negativ."))


@transaction.atomic
def activity_create(
    *, node: Node, goals: Sequence[Goal], by: User | None = None, **values: object
) -> Activity:
    _check_goals_reach(node, goals)
    _validate_activity(values)
    activity = Activity(
        node=node, created_by=by, **{k: v for k, v in values.items() if k in ACTIVITY_FIELDS}
    )
    changed_by(activity, by)
    activity.save()
    activity.goals.set(goals)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    expected_version: int,
    goals: Sequence[Goal],
    by: User | None = None,
    **values: object,
) -> Activity:
    _check_goals_reach(activity.node, goals)
    _validate_activity(values)
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != expected_version:
        raise ConflictError(
            _(
                "Någon annan har sparat aktiviteten medan du redigerade den. Din ändring är inte "
                "sparad; se den sparade versionen nedan och gör om din ändring."
            ),
            current,
        )
    for key, value in values.items():
        if key in ACTIVITY_FIELDS:
            setattr(current, key, value)
    current.version += 1
    changed_by(current, by)
    current.save()
    current.goals.set(goals)
    return current


@transaction.atomic
def round_open(
    *, plan: Plan, name: str, deadline: datetime.date, by: User | None = None
) -> FollowUpRound:
    if plan.rounds.filter(status=RoundStatus.OPEN).exists():
        raise PlanError(
            _("Det finns redan en öppen uppföljningsomgång för planen. Stäng den först.")
        )
    if plan.rounds.filter(name=name).exists():
        raise PlanError(_("Det finns redan en omgång med namnet %(name)s.") % {"name": name})
    round_ = FollowUpRound(plan=plan, name=name, deadline=deadline)
    changed_by(round_, by)
    round_.save()
    return round_


def _snapshot(round_: FollowUpRound) -> dict[str, object]:
    root = Node.objects.get_root_nodes().filter(organisation=round_.plan.organisation).first()
    assert root is not None
    entries = [
        {
            "node": e.node.code,
            "activity": e.activity.title if e.activity else None,
            "goal": e.goal.code if e.goal else None,
            "status": e.status,
            "comment": e.comment,
            "reported_at": e.reported_at.isoformat(),
        }
        for e in round_.entries.select_related("node", "activity", "goal").order_by("node__path")
    ]
    return {"summary": followup_summary(root, round_.plan, round_), "entries": entries}


@transaction.atomic
def round_close(*, round_: FollowUpRound, by: User | None = None) -> FollowUpRound:
    round_ = FollowUpRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status == RoundStatus.CLOSED:
        raise PlanError(_("Omgången är redan stängd."))
    round_.snapshot = _snapshot(round_)
    round_.status = RoundStatus.CLOSED
    round_.closed_at = timezone.now()
    changed_by(round_, by)
    round_.save()
    return round_


@transaction.atomic
def entry_report(
    *,
    round_: FollowUpRound,
    node: Node,
    status: str,
    comment: str,
    expected_version: int | None,
    activity: Activity | None = None,
    goal: Goal | None = None,
    by: User | None = None,
) -> FollowUpEntry:
    """A unit's status and comment on one of its activities or goals. `expected_version` is the
    version the user saw (None: there was no entry yet); a mismatch is a conflict."""
    if not round_.is_open:
        raise PlanError(_("Omgången är stängd; rapporter kan inte längre ändras."))
    if activity is not None:
        if activity.node_id != node.pk:
            raise PlanError(_("Aktiviteten hör till en annan enhet."))
        if status not in ActivityStatus.values:
            raise PlanError(_("Okänd status för aktiviteten."))
        existing = FollowUpEntry.objects.select_for_update().filter(round=round_, activity=activity)
    elif goal is not None:
        if not goals_reaching(node, round_.plan).filter(pk=goal.pk).exists():
            raise PlanError(_("Målet har inte nått enheten."))
        if status not in GoalStatus.values:
            raise PlanError(_("Okänd status för målet."))
        existing = FollowUpEntry.objects.select_for_update().filter(
            round=round_, node=node, goal=goal
        )
    else:
        raise PlanError(_("Rapporten gäller varken en aktivitet eller ett mål."))
    entry = existing.first()
    seen = expected_version or 0
    if (entry.version if entry else 0) != seen:
        raise ConflictError(
            _(
                "Någon annan har rapporterat här medan du skrev. Din rapport är inte sparad; "
                "läs den sparade rapporten och gör om din ändring."
            ),
            entry,
        )
    if entry is None:
        entry = FollowUpEntry(round=round_, node=node, activity=activity, goal=goal)
    else:
        entry.version += 1
    entry.status, entry.comment = status, comment.strip()
    entry.reported_by, entry.reported_at = by, timezone.now()
    changed_by(entry, by)
    entry.save()
    if activity is not None and activity.status != status:
        activity.status = status
        activity.version += 1
        changed_by(activity, by)
        activity.save()
    return entry


@transaction.atomic
def round_set_decision_proposal(
    *, round_: FollowUpRound, text: str, by: User | None = None
) -> FollowUpRound:
    round_.decision_proposal = text.strip()
    changed_by(round_, by)
    round_.save()
    return round_


REMINDERS = "plans.reminders"  # job kind; the handler is in tasks.py


def reminders_send(
    *, node: Node, plan: Plan, round_: FollowUpRound | None, by: User | None = None
) -> list[str]:
    """E-mail the managers of the children below `node` that have not distributed their goals
    further or not reported in the open round. Returns the addresses written to. Mail goes out
    after the transaction commits, as a background job (`tasks.py`), not in the request."""
    messages: list[list[object]] = []
    recipients: list[str] = []
    for row in coverage(node, plan, round_).children:
        missing = []
        if row.goals_received and row.node.numchild and not row.goals_distributed_further:
            missing.append(_("fördela målen vidare till era enheter"))
        if round_ is not None and row.expected_reports and row.reports < row.expected_reports:
            missing.append(
                _("rapportera i %(round)s senast %(deadline)s")
                % {"round": round_.name, "deadline": round_.deadline.isoformat()}
            )
        if not missing:
            continue
        managers = RoleGrant.objects.filter(node=row.node, role=Role.MANAGER).select_related("user")
        addresses = sorted({g.user.email for g in managers if g.user.email and g.user.is_active})
        if not addresses:
            continue
        body = _(
            "Hej!\n\nI %(plan)s väntar följande på %(node)s: %(missing)s.\n\n"
            "Logga in i Nettonoll för att se målen och vad som saknas.\n\n%(sender)s"
        ) % {
            "plan": plan.name,
            "node": row.node.name,
            "missing": "; ".join(missing),
            "sender": str(by) if by else "Nettonoll",
        }
        subject = _("Påminnelse: %(plan)s – %(node)s") % {"plan": plan.name, "node": row.node.name}
        messages.append([subject, body, None, addresses])
        recipients += addresses
    if messages:
        jobs.job_queue(
            kind=REMINDERS,
            title=f"{plan.name} – {node.name}"[:255],
            subject=plan,
            params={"messages": messages},
            by=by,
        )
    return recipients


GOAL_EDITABLE = (
    "title",
    "description",
    "kind",
    "deadline",
    "supports_paris_agreement",
    "regional_strategies",
)


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
    """Edit a goal's texts, kind, deadline and links (history kept, links included). A form
    built from an older `expected_version` is refused with `StaleEdit`."""
    if values.get("kind") == GoalKind.BUSINESS and goal.assignments.exists():
        raise PlanError(
            _("%(code)s är redan fördelat; ångra fördelningarna innan det blir ett verksamhetsmål.")
            % {"code": goal.code}
        )
    for key in GOAL_EDITABLE:
        if key in values:
            setattr(goal, key, values[key])
    save_versioned(goal, expected_version=expected_version, by=by)
    goal.agenda2030_targets.set(agenda2030_targets)  # type: ignore[arg-type]
    goal.quality_objectives.set(quality_objectives)  # type: ignore[arg-type]
    goal.indicators.set(indicators)  # type: ignore[arg-type]
    return goal
