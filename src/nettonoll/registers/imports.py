"""Import and export of the registers (`nettonoll import|export register …`, the web's import
page and export): vehicles, charging sites and backup-power units in the columns of their
declaration's spec (`registers.declarations.REGISTERS[key].spec`, a contract).

An import is all or nothing: the file is read and every row checked before the transaction opens
(unknown values, a code twice in the file, a node that does not exist or has ended, a registration
number outside the Swedish format, HVO100 without the maker's approval, more parking spaces with
charging than parking spaces, a service end before its start), and `Rejected` lists every problem
with its line and column. A row whose code the organisation already has updates that record
(through `save_versioned`: its history says who changed what), unless nothing differs; new codes
are created in bulk with their history rows. Records not in the file stay as they are.
"""

import decimal
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from nettonoll.accounts.models import User
from nettonoll.calc import regno
from nettonoll.calc.problems import Problem, Rejected, register
from nettonoll.common.records import StaleEdit, save_versioned
from nettonoll.common.tablespec import (
    Choice,
    Code,
    Column,
    ImportResult,
    Invalid,
    Line,
    TableSpec,
    quoted,
)
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.records import NodeRecord, in_subtree
from nettonoll.organisations.selectors import current_successors, organisation_root
from nettonoll.registers.declarations import REGISTERS, Register
from nettonoll.registers.models import BackupEnergy, BackupUnit, Ownership, VehicleEnergy
from nettonoll.registers.services import current_contracts_refusals

PROBLEMS = register(
    {
        "register_organisation_unknown": gettext_noop("Organisationen %(code)s finns inte."),
        "register_changed": gettext_noop(
            "registret ändrades av någon annan medan filen lästes; importera filen igen"
        ),
        "reg_no_invalid": gettext_noop(
            "registreringsnumret %(value)s har inte svenskt format (ABC123 eller ABC12D; "
            "bokstäverna I, Q, V, Å, Ä och Ö används inte och det sista tecknet är aldrig O)"
        ),
        "reg_no_repeated": gettext_noop(
            "registreringsnumret %(reg_no)s finns redan på rad %(line)d"
        ),
        "site_code_repeated": gettext_noop("platskoden %(site_code)s finns redan på rad %(line)d"),
        "unit_code_repeated": gettext_noop("aggregatet %(unit_code)s finns redan på rad %(line)d"),
        "register_code_repeated": gettext_noop("koden %(code)s finns redan på rad %(line)d"),
        "register_node_ended": gettext_noop(
            "enheten %(code)s är avvecklad; använd %(successors)s som har tagit över"
        ),
        "register_node_ended_alone": gettext_noop(
            "enheten %(code)s är avvecklad och har ingen efterträdare"
        ),
        "vehicle_hvo100_not_diesel": gettext_noop(
            "HVO100-godkännande gäller bara dieselfordon (drivmedlet är %(energy)s); skriv nej"
        ),
        "backup_hvo100_not_approved": gettext_noop(
            "HVO100 kräver att motortillverkaren har godkänt motorn för HVO100: skriv ja i "
            "hvo100_approved om motorn är godkänd, annars ett annat bränsle"
        ),
        "vehicle_lease_end_owned": gettext_noop(
            "ett ägt fordon har inget leasingavtal: lämna lease_end tom, eller skriv leasad "
            "eller hyrd i ownership"
        ),
        "parking_with_charging_too_many": gettext_noop(
            "%(with_charging)s parkeringsplatser med laddning är fler än parkeringsplatserna "
            "(%(spaces)s)"
        ),
        "in_service_to_before_from": gettext_noop(
            "i trafik till %(to)s ligger före i trafik från %(from)s"
        ),
        # everything but vehicles (solar panels, backup power …) is in service, not in traffic
        "in_service_to_before_from_other": gettext_noop(
            "i drift till %(to)s ligger före i drift från %(from)s"
        ),
        "value_not_whole": gettext_noop("värdet %(value)s ska vara ett heltal"),
        "reserve_above_battery": gettext_noop(
            "%(reserved)s kWh reserverade för reservkraft är mer än batteriets %(battery)s kWh"
        ),
        "flex_contract_broken": gettext_noop(
            "avtalet på %(market)s från %(day)s kan inte längre uppfyllas: %(reason)s"
        ),
        "battery_fields_not_battery": gettext_noop(
            "batteriets energi och reserv anges bara för aggregat med energin batteri"
        ),
    }
)

# The file's column → the model field, where their names differ (the code and node columns and
# the service dates); every other column is the field of the same name.
FIELD_OF = {"node_code": "node", "in_service_from": "valid_from", "in_service_to": "valid_to"}
REPEATED = {"vehicles": "reg_no_repeated", "charging-points": "site_code_repeated"}
REPEATED["backup-power"] = "unit_code_repeated"
BATCH = 1000


@dataclass(frozen=True, kw_only=True)
class RegNo(Code):
    """A Swedish registration number, written with or without spaces and hyphens, in any case:
    the value is the normalised number (`ABC123`)."""

    def parse(self, raw: str, refs: Any) -> Any:
        reg_no = regno.checked(raw)
        if reg_no is None:
            raise Invalid("reg_no_invalid", {"value": quoted(raw)})
        return reg_no


def reading_spec(register_: Register) -> TableSpec:
    """The register's spec as the import reads it: the same columns, a registration number
    normalised and checked, an unknown choice answered with the values (not every English
    spelling), and a repeated code named in words."""
    return replace(
        register_.spec,
        columns=tuple(_reading_column(c) for c in register_.spec.columns),
        repeated=_repeated(register_),
    )


def _repeated(register_: Register) -> str:
    return REPEATED.get(register_.key, register_.repeated)


def _reading_column(column: Column) -> Column:
    if column.name == "reg_no":
        return RegNo(
            name=column.name,
            required=column.required,
            max_length=column.max_length,
            example=column.example,
        )
    if isinstance(column, Choice) and not column.allowed:  # the values, not every spelling
        return replace(column, allowed=", ".join(dict.fromkeys(column.aliases.values())))
    return column


def _model_field(register_: Register, column: str) -> models.Field[Any, Any]:
    name = register_.field_of.get(column) or FIELD_OF.get(column, column)
    return register_.model._meta.get_field(name)  # type: ignore[return-value]


def _fields(
    register_: Register, absent: frozenset[str] = frozenset()
) -> dict[str, models.Field[Any, Any]]:
    """The file's columns other than the code, with the model field each sets (`absent`:
    optional columns the file does not have, whose fields are left as they are)."""
    code_column = register_.spec.key[0]
    return {
        c: _model_field(register_, c)
        for c in register_.spec.headers
        if c != code_column and c not in absent
    }


def stored_value(field: models.Field[Any, Any], value: Any) -> Any:
    """A parsed cell as the model stores it: decimals rounded to the field's places, whole
    numbers as int, yes/no as bool."""
    if isinstance(field, models.BooleanField):
        return bool(value)
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        places = decimal.Decimal(1).scaleb(-(field.decimal_places or 0))
        return value.quantize(places, rounding=decimal.ROUND_HALF_UP)
    if isinstance(field, models.IntegerField):
        return int(value)
    return value


def _checks(
    register_: Register, row: Line, fields: dict[str, models.Field[Any, Any]]
) -> Iterator[Problem]:
    """What one row must satisfy beyond its cells (the models' `clean` rules, and whole
    numbers where the model counts)."""
    key = register_.key
    if register_.checks is not None:
        yield from register_.checks(row, fields)
    for column, field in fields.items():
        value = row[column]
        if isinstance(field, models.IntegerField) and value is not None and value != int(value):
            yield Problem("value_not_whole", {"value": quoted(row.raw[column])}, row.line, column)
    if "in_service_to" in fields:
        start, end = row["in_service_from"], row["in_service_to"]
        if start is not None and end is not None and end < start:
            params = {"to": end.isoformat(), "from": start.isoformat()}
            code = (
                "in_service_to_before_from"
                if key == "vehicles"
                else "in_service_to_before_from_other"
            )
            yield Problem(code, params, row.line, "in_service_to")
    if key == "vehicles":
        energy = row["energy"]
        if row["hvo100_approved"] and energy and energy != VehicleEnergy.DIESEL:
            params = {"energy": VehicleEnergy(energy).label.lower()}
            yield Problem("vehicle_hvo100_not_diesel", params, row.line, "hvo100_approved")
        owned = "ownership" in fields and row["ownership"] == Ownership.OWNED
        if owned and "lease_end" in fields and row["lease_end"] is not None:
            yield Problem("vehicle_lease_end_owned", {}, row.line, "lease_end")
    elif key == "charging-points":
        spaces, with_charging = row["parking_spaces"], row["parking_spaces_with_charging"]
        if spaces is not None and with_charging is not None and with_charging > spaces:
            column = "parking_spaces_with_charging"
            params = {"with_charging": row.raw[column], "spaces": row.raw["parking_spaces"]}
            yield Problem("parking_with_charging_too_many", params, row.line, column)
    elif key == "backup-power":
        if row["energy"] == BackupEnergy.HVO100 and not row["hvo100_approved"]:
            yield Problem("backup_hvo100_not_approved", {}, row.line, "hvo100_approved")
        battery, reserved = row["battery_kwh"], row["reserved_backup_kwh"]
        if row["energy"] != BackupEnergy.BATTERY and (battery or reserved):
            column = "battery_kwh" if battery else "reserved_backup_kwh"
            yield Problem("battery_fields_not_battery", {}, row.line, column)
        elif battery is not None and reserved is not None and reserved > battery:
            params = {"reserved": row.raw["reserved_backup_kwh"], "battery": row.raw["battery_kwh"]}
            yield Problem("reserve_above_battery", params, row.line, "reserved_backup_kwh")


def _node(register_: Register, row: Line) -> Node | None:
    """The row's node: its `node_code`, or what `node_of` finds from the declared column."""
    if register_.at_root:
        return None
    value = row[register_.node_column]
    if value is None or register_.node_of is None:
        return value
    node: Node = register_.node_of(value)
    return node


def _ended(node: Node, line: int, seen: dict[int, Problem], column: str = "node_code") -> Problem:
    """An ended node is refused, naming the unit(s) that took over."""
    if node.pk not in seen:
        successors = current_successors(node)
        if successors:
            names = ", ".join(f"{quoted(s.code)} ({s.name})" for s in successors)
            seen[node.pk] = Problem(
                "register_node_ended", {"code": quoted(node.code), "successors": names}
            )
        else:
            seen[node.pk] = Problem("register_node_ended_alone", {"code": quoted(node.code)})
    found = seen[node.pk]
    return Problem(found.code, found.params, line, column)


def _read(
    register_: Register, organisation: Organisation, data: bytes, filename: str
) -> tuple[list[Line], frozenset[str]]:
    """Every row read and checked, and the optional columns the file does not have; `Rejected`
    with every problem, nothing written."""
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    refs = {
        "node_code": nodes,
        **(register_.references(organisation) if register_.references else {}),
    }
    parsed = reading_spec(register_).read(data, filename, refs=refs)
    code_column = register_.spec.key[0]
    fields = _fields(register_, parsed.absent)
    first_line: dict[str, int] = {}
    ended: dict[int, Problem] = {}
    rows = []
    for row in parsed.rows:
        code = row[code_column]
        if code is not None and code in first_line:  # the same number written differently
            params = {"line": first_line[code], code_column: quoted(code), "code": quoted(code)}
            parsed.problems.append(Problem(_repeated(register_), params, row.line, code_column))
            continue
        if code is not None:
            first_line[code] = row.line
        node = _node(register_, row)
        if node is not None and not node.is_active:
            parsed.problems.append(_ended(node, row.line, ended, register_.node_column))
        parsed.problems += _checks(register_, row, fields)
        rows.append(row)
    parsed.reject()
    return rows, parsed.absent


def register_import(
    register_key: str,
    *,
    organisation_code: str,
    data: bytes,
    filename: str,
    by: User | None = None,
) -> ImportResult:
    """Import a register's rows into an organisation, all or nothing (see the module text)."""
    register_ = REGISTERS[register_key]
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise Rejected([Problem("register_organisation_unknown", {"code": organisation_code})])
    rows, absent = _read(register_, organisation, data, filename)
    try:
        with transaction.atomic():
            return _write(register_, organisation, rows, by, absent)
    except (StaleEdit, IntegrityError) as error:
        raise Rejected([Problem("register_changed")]) from error


def _write(
    register_: Register,
    organisation: Organisation,
    rows: list[Line],
    by: User | None,
    absent: frozenset[str] = frozenset(),
) -> ImportResult:
    model: Any = register_.model
    code_field = register_.code_field
    code_column = register_.spec.key[0]
    fields = _fields(register_, absent)
    existing: dict[str, Any] = {
        getattr(r, code_field): r for r in model._default_manager.filter(organisation=organisation)
    }
    created: list[NodeRecord] = []
    updated = unchanged = 0
    root = organisation_root(organisation) if register_.at_root else None
    broken: list[Problem] = []
    for row in rows:
        values = {
            f.attname: (row[c].pk if row[c] is not None else None)
            if f.is_relation
            else stored_value(f, row[c])
            for c, f in fields.items()
        }
        if register_.node_of is not None:
            values["node_id"] = _node(register_, row).pk  # type: ignore[union-attr]
        if root is not None:
            values["node_id"] = root.pk
        record = existing.get(row[code_column])
        if record is None:
            created.append(
                model(organisation=organisation, **{code_field: row[code_column]}, **values)
            )
            continue
        if all(getattr(record, name) == value for name, value in values.items()):
            unchanged += 1
            continue
        for name, value in values.items():
            setattr(record, name, value)
        if isinstance(record, BackupUnit):
            broken += _contracts_broken(record, row.line)
        save_versioned(record, expected_version=record.version, by=by)
        updated += 1
    if broken:  # the transaction is rolled back: nothing is saved
        raise Rejected(broken)
    if created:
        _insert_with_history(register_, organisation, created, by)
    return ImportResult(len(created), updated, unchanged)


def _contracts_broken(unit: BackupUnit, line: int) -> list[Problem]:
    """A changed unit (less power, a smaller battery, a larger reserve) may not leave a current
    flexibility contract, alone or with those in force at the same time, offering more than it
    can deliver (the web's rule, services.py)."""
    return [
        Problem(
            "flex_contract_broken",
            {
                "market": participation.get_market_display(),
                "day": participation.period_from.isoformat(),
                "reason": reason,
            },
            line,
            "power_kw",
        )
        for participation, reason in current_contracts_refusals(unit)
    ]


def _insert_with_history(
    register_: Register, organisation: Organisation, records: list[Any], by: User | None
) -> None:
    """New records and a "created" history row each (by `by`, now), one prepared INSERT per
    table: Django's bulk_create compiles every value of every batch, most of a large import's
    time (see benchmarks/registers.py)."""
    model: Any = register_.model
    insert_rows(model, records, getattr)
    pks = dict(
        model._default_manager.filter(organisation=organisation).values_list(
            register_.code_field, "pk"
        )
    )
    for record in records:
        record.pk = pks[getattr(record, register_.code_field)]
    history = {
        "history_date": timezone.now(),
        "history_change_reason": "",
        "history_type": "+",
        "history_user_id": by.pk if by is not None else None,
    }
    insert_rows(
        model.history.model,
        records,
        lambda r, name: history[name] if name in history else getattr(r, name),
    )


def insert_rows(model: Any, items: list[Any], value: Any) -> None:
    """INSERT a row per item into the model's table, every column but the primary key
    (`value(item, attname)`), with the values prepared as Django saves them."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    # the connection itself, not the per-attribute proxy `connection` (a large import's hot loop)
    database = connections[DEFAULT_DB_ALIAS]
    prepare = [(f.attname, f.get_db_prep_save) for f in fields]
    step = BATCH * 10
    with connection.cursor() as cursor:
        for start in range(0, len(items), step):
            prepared = [
                [save(value(item, name), database) for name, save in prepare]
                for item in items[start : start + step]
            ]
            cursor.executemany(sql, prepared)


def register_rows(
    register_key: str, organisation: Organisation, node: Node | None = None
) -> list[list[object]]:
    """The register's records of the organisation (of `node`'s subtree when given), in the
    spec's columns, by code: what the import reads back unchanged."""
    register_ = REGISTERS[register_key]
    model: Any = register_.model
    records = model._default_manager.filter(organisation=organisation)
    if node is not None:
        records = records.filter(in_subtree(node))
    records = records.select_related("node").order_by(register_.code_field)
    return [list(register_.row(record)) for record in records]
