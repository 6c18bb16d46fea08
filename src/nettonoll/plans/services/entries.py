"""A unit's whole checklist saved at once: every changed item in one transaction, each with its
own version check, so a conflict on one item saves nothing and loses nothing the user typed."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.organisations.models import Node
from nettonoll.plans.models import Activity, FollowUpEntry, FollowUpRound, Goal
from nettonoll.plans.services.errors import PlanError
from nettonoll.plans.services.rounds import entry_report


@dataclass(frozen=True)
class EntryInput:
    """One checklist item as the user filled it in; `key` names it on the page (the form's
    prefix), `expected_version` is the version the user saw (0 or None: no report yet)."""

    key: str
    status: str
    comment: str
    expected_version: int | None
    activity: Activity | None = None
    goal: Goal | None = None


class EntriesRefused(PlanError):
    """Nothing was saved. `conflicts`: items someone else reported on since the user opened the
    page, with what they saved; `errors`: items refused for another reason, with the reason."""

    def __init__(self, conflicts: dict[str, FollowUpEntry | None], errors: dict[str, str]) -> None:
        super().__init__(
            _("Inget är sparat: %(count)d punkter behöver ses över (se markeringarna nedan).")
            % {"count": len(conflicts) + len(errors)}
        )
        self.conflicts = conflicts
        self.errors = errors


def _current(round_: FollowUpRound, node: Node, item: EntryInput) -> FollowUpEntry | None:
    entries = FollowUpEntry.objects.select_for_update().filter(round=round_)
    if item.activity is not None:
        return entries.filter(activity=item.activity).first()
    return entries.filter(node=node, goal=item.goal).first()


@transaction.atomic
def entries_report(
    *, round_: FollowUpRound, node: Node, items: list[EntryInput], by: User | None = None
) -> list[FollowUpEntry]:
    """Save the user's reports on several checklist items together. Every item's version is
    checked first (the rows locked); any conflict or refusal raises `EntriesRefused` and saves
    none of them."""
    conflicts: dict[str, FollowUpEntry | None] = {}
    for item in items:
        current = _current(round_, node, item)
        if (current.version if current is not None else 0) != (item.expected_version or 0):
            conflicts[item.key] = current
    if conflicts:
        raise EntriesRefused(conflicts, {})
    saved: list[FollowUpEntry] = []
    errors: dict[str, str] = {}
    for item in items:
        try:
            saved.append(
                entry_report(
                    round_=round_,
                    node=node,
                    activity=item.activity,
                    goal=item.goal,
                    status=item.status,
                    comment=item.comment,
                    expected_version=item.expected_version,
                    by=by,
                )
            )
        except PlanError as error:
            errors[item.key] = str(error)
    if errors:
        raise EntriesRefused({}, errors)  # leaving the transaction undoes the saved ones
    return saved
