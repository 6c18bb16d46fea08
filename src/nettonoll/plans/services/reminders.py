"""Reminders to the managers below a node who have not distributed their goals further or not
reported in the open round: who will be reminded and who cannot be (shown before sending), the
sending itself (a background job, after the transaction commits), and the scheduled reminders a
chosen number of days before a round's last day (once per round and day)."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common import jobs
from nettonoll.common.history import changed_by
from nettonoll.organisations.models import Node, Role, RoleGrant
from nettonoll.organisations.selectors import node_subtree
from nettonoll.plans.models import FollowUpRound, Plan, ReminderSent, RoundStatus
from nettonoll.plans.selectors import ChildCoverage, coverage
from nettonoll.plans.services.errors import PlanError

REMINDERS = "plans.reminders"  # job kind; the handler is in tasks.py


@dataclass(frozen=True)
class Reminder:
    """A unit below the node that has something left to do, and its managers' addresses (empty
    when it cannot be reminded: `reason` says why)."""

    node: Node
    missing: list[str]
    managers: list[str] = field(default_factory=list)  # names, for the page
    addresses: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass(frozen=True)
class ReminderPlan:
    node: Node
    plan: Plan
    round: FollowUpRound | None
    reminders: list[Reminder]

    @property
    def to_send(self) -> list[Reminder]:
        return [r for r in self.reminders if r.addresses]

    @property
    def cannot(self) -> list[Reminder]:
        return [r for r in self.reminders if not r.addresses]

    @property
    def addresses(self) -> list[str]:
        return [a for r in self.to_send for a in r.addresses]


def _rows(node: Node, plan: Plan, round_: FollowUpRound | None, deep: bool) -> list[ChildCoverage]:
    parents = [node]
    if deep:
        parents += [n for n in node_subtree(node).filter(numchild__gt=0) if n.pk != node.pk]
    return [row for parent in parents for row in coverage(parent, plan, round_).children]


def reminder_plan(
    *, node: Node, plan: Plan, round_: FollowUpRound | None, deep: bool = False
) -> ReminderPlan:
    """Who would be reminded now, and who cannot be (no manager, or no manager with an active
    account and an e-mail address): the children of `node` whose subtree has something left to
    do, or with `deep` every unit below `node` whose subtree has."""
    reminders = []
    for row in _rows(node, plan, round_, deep):
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
        grants = RoleGrant.objects.filter(node=row.node, role=Role.MANAGER).select_related("user")
        managers = [g.user for g in grants]
        reachable = [u for u in managers if u.email and u.is_active]
        if not managers:
            reason = _("enheten har ingen chef i Nettonoll")
        elif not reachable:
            reason = _("chefen saknar e-postadress eller aktivt konto")
        else:
            reason = ""
        reminders.append(
            Reminder(
                node=row.node,
                missing=missing,
                managers=sorted(str(u.get_full_name() or u.username) for u in reachable),
                addresses=sorted({u.email for u in reachable}),
                reason=reason,
            )
        )
    return ReminderPlan(node, plan, round_, reminders)


def reminders_send(
    *,
    node: Node,
    plan: Plan,
    round_: FollowUpRound | None,
    by: User | None = None,
    deep: bool = False,
) -> ReminderPlan:
    """E-mail the managers of the children below `node` that have not distributed their goals
    further or not reported in the open round. Returns who was written to and who could not be.
    Mail goes out after the transaction commits, as a background job (`tasks.py`)."""
    reminders = reminder_plan(node=node, plan=plan, round_=round_, deep=deep)
    messages: list[list[object]] = []
    for reminder in reminders.to_send:
        body = _(
            "Hej!\n\nI %(plan)s väntar följande på %(node)s: %(missing)s.\n\n"
            "Logga in i Nettonoll för att se målen och vad som saknas.\n\n%(sender)s"
        ) % {
            "plan": plan.name,
            "node": reminder.node.name,
            "missing": "; ".join(reminder.missing),
            "sender": str(by) if by else "Nettonoll",
        }
        subject = _("Påminnelse: %(plan)s – %(node)s") % {
            "plan": plan.name,
            "node": reminder.node.name,
        }
        messages.append([subject, body, None, reminder.addresses])
    if messages:
        jobs.job_queue(
            kind=REMINDERS,
            title=f"{plan.name} – {node.name}"[:255],
            subject=plan,
            params={"messages": messages},
            by=by,
        )
    return reminders


def round_set_reminder_days(
    *, round_: FollowUpRound, days_before: int | None, by: User | None = None
) -> FollowUpRound:
    """Send reminders automatically `days_before` days before the round's last day (None: no
    scheduled reminder)."""
    if not round_.is_open:
        raise PlanError(_("Omgången är stängd; den behöver inga påminnelser."))
    if days_before is not None and not 0 <= days_before <= 365:
        raise PlanError(_("Ange mellan 0 och 365 dagar."))
    round_.reminder_days_before = days_before
    changed_by(round_, by)
    round_.save(update_fields=["reminder_days_before"])
    return round_


def reminder_day(round_: FollowUpRound) -> datetime.date | None:
    """The day the round's scheduled reminder goes out, or None when none is set."""
    if round_.reminder_days_before is None:
        return None
    return round_.deadline - datetime.timedelta(days=round_.reminder_days_before)


def reminder_goes_out(
    round_: FollowUpRound, today: datetime.date | None = None
) -> datetime.date | None:
    """The day the scheduled reminder will really go out (`reminders_due`): its day, or today when
    that day has passed but the last day has not; None when none is set or the last day has
    passed."""
    today = today or timezone.localdate()
    day = reminder_day(round_)
    if day is None or round_.deadline < today:
        return None
    return max(day, today)


def reminders_due(today: datetime.date | None = None) -> list[ReminderSent]:
    """Send the scheduled reminders that are due: for each open round whose reminder day has come
    and whose last day has not passed, once. Run by the task worker (`tasks.py`); a row per round
    and day is written in the same transaction as the job, so running again the same day, or
    after a restart, sends nothing twice. The managers of every unit in the organisation whose
    part of the tree has not reported are reminded."""
    today = today or timezone.localdate()
    sent = []
    rounds = FollowUpRound.objects.filter(
        status=RoundStatus.OPEN, reminder_days_before__isnull=False, deadline__gte=today
    ).select_related("plan__organisation")
    for round_ in rounds:
        day = reminder_day(round_)
        if day is None or day > today:
            continue
        if ReminderSent.objects.filter(round=round_, day=day).exists():
            continue
        root = Node.objects.get_root_nodes().filter(organisation=round_.plan.organisation).first()
        if root is None:
            continue
        try:
            with transaction.atomic():
                row = ReminderSent.objects.create(round=round_, day=day)
                reminders = reminders_send(node=root, plan=round_.plan, round_=round_, deep=True)
                row.recipients = reminders.addresses
                row.save(update_fields=["recipients"])
        except IntegrityError:  # already sent for this day (by this or another worker)
            continue
        sent.append(row)
    return sent
