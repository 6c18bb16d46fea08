"""How the registers' records follow a reorganisation (registered in `RegistersConfig.ready`).

A vehicle, charging site or backup-power unit belongs to a node; when the node merges into
another, ends with a successor or is split, the record goes where the node's work went (on a
split, where the user chose for each record), saved through `save_versioned` so that its history
says the node changed and by whom. A unit's fuel deliveries and flexibility-market participation
belong to the unit and go with it."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import ngettext

from nettonoll.common.records import save_versioned
from nettonoll.organisations.models import Node
from nettonoll.organisations.reorganise import Move, add, carrier_register
from nettonoll.registers.declarations import REGISTERS, Register
from nettonoll.registers.models import BackupUnit, ChargingSite, Vehicle


def _vehicle(v: Vehicle) -> str:
    """`ABC123 Personbil, el`"""
    return f"{v.reg_no} {v.get_vehicle_type_display()}, {v.get_energy_display().lower()}"


def _charging_site(s: ChargingSite) -> str:
    """`P-HUS-A Storgatan 1, 8 laddpunkter`"""
    points = ngettext("%(n)d laddpunkt", "%(n)d laddpunkter", s.points) % {"n": s.points}
    return ", ".join(part for part in (str(s), points) if part)


def _backup_unit(u: BackupUnit) -> str:
    """`RK-01 800 kW, HVO100`"""
    power = format(u.power_kw.normalize(), "f").replace(".", ",")
    return f"{u.unit_code} {power} kW, {u.get_energy_display()}"


DESCRIBE: dict[str, Callable[[Any], str]] = {
    "vehicles": _vehicle,
    "charging-points": _charging_site,
    "backup-power": _backup_unit,
}
LABELS: dict[str, Callable[[int], str]] = {
    "vehicles": lambda n: ngettext("%(n)d fordon", "%(n)d fordon", n) % {"n": n},
    "charging-points": lambda n: ngettext("%(n)d laddplats", "%(n)d laddplatser", n) % {"n": n},
    "backup-power": lambda n: (
        ngettext("%(n)d reservkraftaggregat", "%(n)d reservkraftaggregat", n) % {"n": n}
    ),
}


def _records(register: Register, node: Node) -> Any:
    model: Any = register.model
    return model._default_manager.filter(node=node).order_by(register.code_field)


def _count_of(register: Register) -> Callable[[Node], int]:
    def count(node: Node) -> int:
        return int(_records(register, node).count())

    return count


def _carry_of(register: Register) -> Callable[[Move], dict[int, int]]:
    def carry(move: Move) -> dict[int, int]:
        """Every record of the old node (in service or not) goes to its part."""
        moved: dict[int, int] = {}
        for record in _records(register, move.old):
            target = move.target(record.pk)
            record.node = target
            save_versioned(record, expected_version=None, by=move.by)
            add(moved, target)
        return moved

    return carry


def _items_of(register: Register) -> Callable[[Node], list[tuple[str, str]]]:
    describe = DESCRIBE.get(register.key, register.describe)

    def items(node: Node) -> list[tuple[str, str]]:
        return [(str(r.pk), describe(r)) for r in _records(register, node)]

    return items


def carrier_for(register_: Register, order: int) -> None:
    """The register's records follow their node through a reorganisation."""
    label = LABELS.get(register_.key) or register_.count_label or (lambda n: str(n))
    carrier_register(
        register_.key,
        label,
        _count_of(register_),
        _carry_of(register_),
        items=_items_of(register_),
        order=order,
    )


def register() -> None:
    for order, each in enumerate(REGISTERS.values(), start=55):
        carrier_for(each, order)
