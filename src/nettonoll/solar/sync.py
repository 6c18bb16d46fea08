"""An installation's node is always its building's.

Why two mechanisms: a building changes node in two ways, and the solar app may not change the
estate app that does it.
* A building edited or imported onto another node: `building_saved` (a `post_save` receiver on
  `Building`) moves its installations along, saved through `save_versioned` by the same person,
  so each installation's history says its node changed and by whom.
* A reorganisation: the buildings' carrier moves the buildings (and through the receiver their
  installations). The register's own carrier, which would move installations by *their* node
  and ask about each on a split, is replaced by `carry`: it runs after the buildings' carrier,
  never asks (an installation goes where its building went) and puts any installation still on
  the old node onto its building's node.
The figures do not depend on either: they count installations by their building's node and
area shares (`solar.selectors`)."""

from typing import Any

from django.db.models.signals import post_save
from django.utils.translation import ngettext

from nettonoll.common.records import save_versioned
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Node
from nettonoll.organisations.reorganise import Move, add, carrier_register
from nettonoll.solar.models import SolarInstallation

CARRIER_ORDER = 200  # after every register's carrier (buildings among them)


def follow_building(building: Building, by: Any) -> int:
    """Put the building's installations on its node; how many moved."""
    moved = 0
    for installation in SolarInstallation.objects.filter(building=building).exclude(
        node_id=building.node_id
    ):
        installation.node_id = building.node_id
        save_versioned(installation, expected_version=None, by=by)
        moved += 1
    return moved


def building_saved(sender: Any, instance: Building, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    follow_building(instance, getattr(instance, "_history_user", None))


def _count(node: Node) -> int:
    return int(SolarInstallation.objects.filter(node=node).count())


def carry(move: Move) -> dict[int, int]:
    """Installations still on the old node go to their building's node."""
    moved: dict[int, int] = {}
    left = SolarInstallation.objects.filter(node=move.old).select_related("building__node")
    named = {move.default.pk, *(n.pk for n in move.parts.values())}
    for installation in left:
        target = installation.building.node
        if target.pk == move.old.pk:
            continue
        installation.node = target
        save_versioned(installation, expected_version=None, by=move.by)
        if target.pk in named:  # the summary names only the move's new nodes
            add(moved, target)
    return moved


def register() -> None:
    post_save.connect(building_saved, sender=Building, dispatch_uid="solar.building_saved")
    carrier_register(
        "solar",
        lambda n: ngettext("%(n)d solcellsanläggning", "%(n)d solcellsanläggningar", n) % {"n": n},
        _count,
        carry,
        items=None,
        order=CARRIER_ORDER,
    )
