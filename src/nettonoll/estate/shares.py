"""The units' area shares of a building, edited as one set: every share 0–100 %, each unit
once, the sum at most 100 % (the rest belongs to the building's own node). A save is refused
when someone else changed the shares since the form was opened (`SharesChanged`); every created,
changed or removed share keeps its history (who, when)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.common.records import save_versioned
from nettonoll.estate.models import Building, BuildingShare
from nettonoll.organisations.models import Node

HUNDRED = Decimal(100)


class SharesChanged(Exception):
    """The building's shares changed since the form was opened."""


class SharesInvalid(ValueError):
    pass


def shares_state(building: Building) -> str:
    """The shares as they are now (unit and version of each): the form carries it, and a save
    from a form opened before another save is refused."""
    rows = BuildingShare.objects.filter(building=building).order_by("node_id")
    return ",".join(f"{node}:{version}" for node, version in rows.values_list("node_id", "version"))


def shares_check(shares: dict[int, Decimal]) -> None:
    total = sum(shares.values(), Decimal(0))
    if any(not Decimal(0) <= s <= HUNDRED for s in shares.values()):
        raise SharesInvalid(_("En andel ska vara mellan 0 och 100 %."))
    if total > HUNDRED:
        raise SharesInvalid(
            _("Andelarna blir %(total)s %% tillsammans; de får vara högst 100 %%.")
            % {"total": format(total.normalize(), "f").replace(".", ",")}
        )


def shares_save(
    *, building: Building, shares: dict[int, Decimal], state: str, by: User | None = None
) -> None:
    """Replace the building's shares by `shares` (unit node id → share %, 0 removes it)."""
    wanted = {node: share for node, share in shares.items() if share > 0}
    shares_check(wanted)
    with transaction.atomic():
        Building.objects.select_for_update().filter(pk=building.pk).first()
        if shares_state(building) != state:
            raise SharesChanged
        existing = {s.node_id: s for s in BuildingShare.objects.filter(building=building)}
        for node_id, share in wanted.items():
            row = existing.get(node_id)
            if row is None:
                row = BuildingShare(building=building, node_id=node_id, share_pct=share)
                changed_by(row, by)
                row.save()
            elif row.share_pct != share:
                row.share_pct = share
                save_versioned(row, expected_version=row.version, by=by)
        for node_id, row in existing.items():
            if node_id not in wanted:
                changed_by(row, by)
                row.delete()


@dataclass(frozen=True)
class ShareChange:
    when: datetime.datetime
    who: str
    unit: str
    what: str  # "+", "~", "-"
    share_pct: Decimal

    @property
    def share_text(self) -> str:
        return pct_text(self.share_pct)


def pct_text(value: Decimal) -> str:
    """A share as the pages write it: 30,5 (no trailing zeros)."""
    return format(value.normalize(), "f").replace(".", ",")


def shares_history(building: Building, limit: int = 50) -> list[ShareChange]:
    """The latest changes of the building's shares, newest first."""
    rows = (
        BuildingShare.history.filter(building_id=building.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    names = dict(Node.objects.filter(pk__in={r.node_id for r in rows}).values_list("pk", "name"))
    return [
        ShareChange(
            r.history_date,
            (r.history_user.get_full_name() or r.history_user.username) if r.history_user else "",
            names.get(r.node_id, ""),
            r.history_type,
            r.share_pct,
        )
        for r in rows
    ]
