"""Reads of the registers: a register's rows for a node's subtree (filtered, bounded), counts and
figures in service on a day, the nodes a user may add records on."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node, Organisation, Role
from nettonoll.organisations.records import in_subtree, valid_on
from nettonoll.registers.declarations import REGISTERS, Register
from nettonoll.registers.models import BackupUnit, ChargingSite, Vehicle, VehicleEnergy


def manager(register: Register) -> Any:
    """The register model's manager (every register model has `organisation` and `node`)."""
    return register.model._default_manager


YES_NO = (("ja", _("Ja")), ("nej", _("Nej")))


def filter_choices(register: Register, name: str) -> Any:
    """The values a list can be filtered on for a field: its choices, or ja/nej for a yes/no."""
    field: Any = register.model._meta.get_field(name)
    return YES_NO if isinstance(field, BooleanField) else field.choices


def _filter_value(register: Register, name: str, value: str) -> Any:
    if isinstance(register.model._meta.get_field(name), BooleanField):
        return value == "ja"
    return value


def register_records(
    register: Register,
    node: Node,
    *,
    on: datetime.date | None = None,
    filters: dict[str, str] | None = None,
    descending: bool = False,
) -> QuerySet[Any]:
    """The register's records of the node's subtree: those in service on `on` (every record,
    ended ones too, when `on` is None), matching `filters` (field → stored value), by code."""
    records = manager(register).filter(in_subtree(node)).select_related("node")
    if on is not None:
        records = records.filter(valid_on(on))
    for name, value in (filters or {}).items():
        if name in register.filters and value:
            records = records.filter(**{name: _filter_value(register, name, value)})
    order = f"-{register.code_field}" if descending else register.code_field
    return records.order_by(order, "pk")


def record_get(register: Register, organisation: Organisation, pk: int) -> Any:
    """The register's record with that id in the organisation (None: no such record)."""
    return (
        manager(register)
        .select_related("node", "node__organisation")
        .filter(organisation=organisation, pk=pk)
        .first()
    )


def code_taken(register: Register, organisation_id: int, code: str, pk: int | None) -> bool:
    """Whether another record of the organisation already has this code."""
    others = manager(register).filter(
        organisation_id=organisation_id, **{register.code_field: code}
    )
    return others.exclude(pk=pk).exists() if pk else others.exists()


def in_service_counts(node: Node, on: datetime.date | None = None) -> dict[str, int]:
    """Per register key: its records in the node's subtree in service on the day."""
    return {
        key: manager(register).filter(in_subtree(node), valid_on(on)).count()
        for key, register in REGISTERS.items()
    }


@dataclass(frozen=True)
class NodeFigures:
    """What the registers hold for a node's subtree on a day."""

    vehicles: int
    charging_sites: int
    charging_points: int
    backup_units: int
    backup_kw: Decimal


def node_figures(node: Node, on: datetime.date | None = None) -> NodeFigures:
    here = in_subtree(node) & valid_on(on)
    sites = ChargingSite.objects.filter(here).aggregate(points=Sum("points"))
    units = BackupUnit.objects.filter(here).aggregate(kw=Sum("power_kw"))
    return NodeFigures(
        vehicles=Vehicle.objects.filter(here).count(),
        charging_sites=ChargingSite.objects.filter(here).count(),
        charging_points=sites["points"] or 0,
        backup_units=BackupUnit.objects.filter(here).count(),
        backup_kw=units["kw"] or Decimal(0),
    )


def plug_in_counts(node: Node, on: datetime.date | None = None) -> dict[str, int]:
    """The subtree's electric vehicles and plug-in hybrids in service on the day."""
    here = Vehicle.objects.filter(in_subtree(node), valid_on(on))
    return {
        "electric": here.filter(energy=VehicleEnergy.ELECTRIC).count(),
        "plug_in_hybrid": here.filter(energy=VehicleEnergy.PLUG_IN_HYBRID).count(),
    }


def editable_nodes(access: Access, start: Node) -> list[Node]:
    """The nodes of the start node's subtree where the user may add and change records."""
    return [n for n in org_selectors.node_subtree(start) if access.has(n, Role.CONTRIBUTOR)]


def visible_nodes(start: Node) -> list[Node]:
    """The start node's subtree, for choosing which part of it a list shows."""
    return list(org_selectors.node_subtree(start))
