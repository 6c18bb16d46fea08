"""Register declarations: a register is a model plus this declaration, which the shared pages,
imports, exports, history and metric sources read (nothing per register is copied).

`REGISTERS[key]` — key as the CLI names it (`vehicles`, `charging-points`, `backup-power`, and
those other apps declare with `registers.declare.declare` in their `ready`: `buildings`,
`procurements` …)."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from nettonoll.calc.problems import Problem
from nettonoll.common.records import history_register
from nettonoll.common.tablespec import Line, TableSpec
from nettonoll.organisations.records import NodeRecord, node_record_register
from nettonoll.registers import specs
from nettonoll.registers.models import (
    BackupUnit,
    ChargingSite,
    FlexParticipation,
    FuelDelivery,
    Vehicle,
)
from nettonoll.registers.validators import code_checked, reg_no_checked


def date_cell(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def number_cell(value: Any) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text


def yes_no_cell(value: bool) -> str:
    return "ja" if value else "nej"


def vehicle_row(v: Vehicle) -> list[object]:
    return [
        v.reg_no,
        v.node.code,
        v.vehicle_type,
        v.ownership,
        v.energy,
        yes_no_cell(v.hvo100_approved),
        number_cell(v.co2_g_per_km),
        date_cell(v.valid_from),
        date_cell(v.valid_to),
        date_cell(v.lease_end),
    ]


def charging_row(s: ChargingSite) -> list[object]:
    return [
        s.site_code,
        s.node.code,
        s.address,
        s.points,
        number_cell(s.power_kw),
        s.access,
        number_cell(s.parking_spaces),
        number_cell(s.parking_spaces_with_charging),
        date_cell(s.valid_from),
        date_cell(s.valid_to),
    ]


def backup_row(u: BackupUnit) -> list[object]:
    return [
        u.unit_code,
        u.site_code,
        u.node.code,
        number_cell(u.power_kw),
        u.energy,
        yes_no_cell(u.hvo100_approved),
        number_cell(u.tank_l),
        number_cell(u.test_hours_per_year),
        date_cell(u.valid_from),
        date_cell(u.valid_to),
        number_cell(u.battery_kwh),
        number_cell(u.reserved_backup_kwh),
    ]


@dataclass(frozen=True)
class Register:
    """`key`: the CLI's name; `slug`: the URL segment; `code_field`: the record's code within the
    organisation (the import's key); `row`: a record as a row of `spec`'s columns; `list_fields`:
    the columns of the list page; `filters`: fields the list can be filtered on; `form_fields`:
    the fields of the new/edit page; `code_checked`: the code as stored, or a ValidationError;
    `new_label`: the heading of the new page; `column_labels`: a list column's shorter heading
    than its field's name (field → words).

    For the import: `checks(row, fields)` yields the problems of a row beyond its cells (the
    model's cross-field rules; `fields`: column → model field of the columns the file has);
    `repeated`: the problem code of a code twice in a file; `references(organisation)`: column →
    code → object for the spec's `Reference` columns other than `node_code`; `node_column` and
    `node_of`: where a record's node comes from when the file has no `node_code` (a solar
    installation's is its building's: `node_column="building_code"`, `node_of=lambda b: b.node`);
    `field_of`: file column → model field where the names differ beyond the shared ones
    (`node_code`, `in_service_from`, `in_service_to`). `word`: the records in words for a
    summary ("byggnader"); `count_label(n)`: "3 byggnader" (a reorganisation's carrier);
    `describe(record)`: a record in a line. Pages: `list_on_day` — the list shows what is in
    service on a day (False: every record, e.g. dated events); `endable` — the record can be
    taken out of service. `page(record)`: the URL of a page of the register's own that shows the
    record (with its child rows), where the generic record page sends the reader; `at_root`: the
    records belong to the organisation's root (the file has no node column: green bonds,
    holdings); `overview`: the URL name of a page of figures the registers index links beside
    the register (`circular:reuse`); `links(record)`: (url, words) of the record's own pages
    beyond the shared ones, shown on its detail page (a building's area shares and energy)."""

    key: str
    slug: str
    model: type[NodeRecord]
    label: Any
    label_plural: Any
    code_field: str
    spec: TableSpec
    row: Callable[[Any], Sequence[object]]
    list_fields: tuple[str, ...]
    filters: tuple[str, ...]
    form_fields: tuple[str, ...] = ()
    code_checked: Callable[[str], str] = code_checked
    new_label: Any = ""
    column_labels: dict[str, Any] = field(default_factory=dict)
    checks: Callable[[Line, Mapping[str, Any]], Iterable[Problem]] | None = None
    repeated: str = "register_code_repeated"
    references: Callable[[Any], Mapping[str, Mapping[str, Any]]] | None = None
    node_column: str = "node_code"
    node_of: Callable[[Any], Any] | None = None
    field_of: Mapping[str, str] = field(default_factory=dict)
    word: Any = ""
    count_label: Callable[[int], str] | None = None
    describe: Callable[[Any], str] = str
    list_on_day: bool = True
    endable: bool = True
    page: Callable[[Any], str] | None = None
    at_root: bool = False
    overview: str = ""  # the URL name (taking the organisation's code) of the family's page
    links: Callable[[Any], Iterable[tuple[str, Any]]] | None = None


REGISTERS: dict[str, Register] = {
    r.key: r
    for r in (
        Register(
            key="vehicles",
            slug="fordon",
            model=Vehicle,
            label=_("fordon"),
            label_plural=_("Fordon"),
            code_field="reg_no",
            spec=specs.VEHICLES,
            row=vehicle_row,
            list_fields=(
                "reg_no",
                "node",
                "vehicle_type",
                "ownership",
                "energy",
                "hvo100_approved",
                "valid_from",
                "valid_to",
                "lease_end",
            ),
            filters=("vehicle_type", "ownership", "energy", "hvo100_approved"),
            form_fields=(
                "reg_no",
                "node",
                "vehicle_type",
                "ownership",
                "energy",
                "hvo100_approved",
                "co2_g_per_km",
                "valid_from",
                "valid_to",
                "lease_end",
            ),
            code_checked=reg_no_checked,
            new_label=_("Nytt fordon"),
            word=_("fordon"),
            column_labels={"hvo100_approved": _("HVO100")},
        ),
        Register(
            key="charging-points",
            slug="laddplatser",
            model=ChargingSite,
            label=_("laddplats"),
            label_plural=_("Laddplatser"),
            code_field="site_code",
            spec=specs.CHARGING_POINTS,
            row=charging_row,
            list_fields=(
                "site_code",
                "node",
                "address",
                "points",
                "power_kw",
                "access",
                "valid_from",
            ),
            filters=("access",),
            form_fields=(
                "site_code",
                "node",
                "address",
                "points",
                "power_kw",
                "access",
                "parking_spaces",
                "parking_spaces_with_charging",
                "valid_from",
                "valid_to",
            ),
            new_label=_("Ny laddplats"),
            word=_("laddplatser"),
        ),
        Register(
            key="backup-power",
            slug="reservkraft",
            model=BackupUnit,
            label=_("reservkraftaggregat"),
            label_plural=_("Reservkraft"),
            code_field="unit_code",
            spec=specs.BACKUP_POWER,
            row=backup_row,
            list_fields=("unit_code", "site_code", "node", "power_kw", "energy", "valid_from"),
            filters=("energy",),
            form_fields=(
                "unit_code",
                "site_code",
                "node",
                "power_kw",
                "energy",
                "hvo100_approved",
                "tank_l",
                "test_hours_per_year",
                "battery_kwh",
                "reserved_backup_kwh",
                "valid_from",
                "valid_to",
            ),
            new_label=_("Nytt reservkraftaggregat"),
            word=_("reservkraftaggregat"),
        ),
    )
}


def register_by_slug(slug: str) -> Register | None:
    return next((r for r in REGISTERS.values() if r.slug == slug), None)


def register_all() -> None:
    """History pages of every register (called from `RegistersConfig.ready`)."""
    for register in REGISTERS.values():
        node_record_register(
            register.slug,
            register.model,
            register.label,
            lambda record: str(record),
        )
    # a backup unit's deliveries and flexibility contracts: readable by those who see the unit
    history_register(
        "reservkraft-leverans", FuelDelivery, _("bränsleleverans"), lambda d: d.unit.node
    )
    history_register(
        "reservkraft-flex", FlexParticipation, _("deltagande i flexmarknad"), lambda p: p.unit.node
    )
