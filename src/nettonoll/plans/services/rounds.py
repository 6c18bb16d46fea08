"""Writes for follow-up rounds: opening, closing with a snapshot, entries (reminders:
`reminders.py`)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.organisations.models import Node
from nettonoll.plans.models import (
    Activity,
    ActivityStatus,
    FollowUpEntry,
    FollowUpRound,
    Goal,
    GoalStatus,
    Plan,
    RoundStatus,
)
from nettonoll.plans.selectors import followup_summary, goals_reaching
from nettonoll.plans.services.errors import ConflictError, PlanError
from nettonoll.plans.snapshots import followup_state


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
    return {
        "summary": followup_summary(root, round_.plan, round_),
        "entries": entries,
        # everything the board report of any node shows, as it was (plans/snapshots.py)
        "report": followup_state(root, round_.plan, round_, whole_tree=True),
    }


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
    *,
    round_: FollowUpRound,
    text: str,
    by: User | None = None,
    signatories: str | None = None,
    extract_to: str | None = None,
) -> FollowUpRound:
    """The report's own wording: the decision proposal, and the "I tjänsten" and "Utdrag till"
    lines (one per line). Not figures: they stay editable after the round has closed."""
    round_.decision_proposal = text.strip()
    if signatories is not None:
        round_.signatories = signatories.strip()
    if extract_to is not None:
        round_.extract_to = extract_to.strip()
    changed_by(round_, by)
    round_.save()
    return round_
