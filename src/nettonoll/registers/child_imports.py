"""Import and export of child tables (`registers.children`): every row read and checked before
the transaction opens (`Rejected` lists every problem with line and column, nothing written),
then rows with a known key updated, new ones inserted in bulk (with history rows when the model
keeps history), and rows not in the file left as they are."""

from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from nettonoll.accounts.models import User
from nettonoll.calc.problems import Problem, Rejected
from nettonoll.common.tablespec import ImportResult, Line
from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.children import CHILD_TABLES, ChildTable
from nettonoll.registers.declarations import REGISTERS
from nettonoll.registers.imports import BATCH, insert_rows, stored_value


def _fields(table: ChildTable, absent: frozenset[str]) -> dict[str, models.Field[Any, Any]]:
    return {
        c: table.model._meta.get_field(table.field_name(c))  # type: ignore[misc]
        for c in table.spec.headers
        if c not in absent
    }


def _parents(table: ChildTable, organisation: Organisation) -> dict[str, Any]:
    parent = REGISTERS[table.parent]
    model: Any = parent.model
    records = model._default_manager.filter(organisation=organisation)
    return {getattr(r, parent.code_field): r for r in records.select_related("node")}


def child_import(
    table_key: str,
    *,
    organisation_code: str,
    data: bytes,
    filename: str,
    by: User | None = None,
) -> ImportResult:
    """Import a child table's rows into an organisation, all or nothing (see the module)."""
    table = CHILD_TABLES[table_key]
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise Rejected([Problem("register_organisation_unknown", {"code": organisation_code})])
    if table.importer is not None:
        result: ImportResult = table.importer(table, organisation, data, filename, by)
        return result
    parsed = table.spec.read(
        data, filename, refs={table.parent_column: _parents(table, organisation)}
    )
    fields = _fields(table, parsed.absent)
    if table.checks is not None:
        for row in parsed.rows:
            parsed.problems += table.checks(row, fields)
    if table.file_checks is not None and not parsed.problems:
        parsed.problems += table.file_checks(parsed.rows)
    parsed.reject()
    try:
        with transaction.atomic():
            return _write(table, parsed.rows, fields, by)
    except IntegrityError as error:
        raise Rejected([Problem("register_changed")]) from error


def _values(row: Line, fields: dict[str, models.Field[Any, Any]]) -> dict[str, Any]:
    return {
        f.attname: (row[c].pk if row[c] is not None else None)
        if f.is_relation
        else stored_value(f, row[c])
        for c, f in fields.items()
    }


def _write(
    table: ChildTable,
    rows: list[Line],
    fields: dict[str, models.Field[Any, Any]],
    by: User | None,
) -> ImportResult:
    model: Any = table.model
    key_names = [fields[c].attname for c in table.spec.key]
    parent_ids = {row[table.parent_column].pk for row in rows}
    existing: dict[tuple[Any, ...], dict[str, Any]] = {}
    names = [f.attname for f in fields.values()]
    versioned = any(f.name == "version" for f in model._meta.concrete_fields)
    read = ["pk", *names, *(["version"] if versioned else [])]
    for start in range(0, len(parent_ids), BATCH):
        chunk = sorted(parent_ids)[start : start + BATCH]
        query = model._default_manager.filter(**{f"{table.parent_field}_id__in": chunk})
        for stored in query.values(*read):
            existing[tuple(stored[n] for n in key_names)] = stored
    audited = hasattr(model, "history")
    new: list[Any] = []  # model instances (audited) or their values (inserted as they are)
    changed: list[Any] = []
    unchanged = 0
    for row in rows:
        values = _values(row, fields)
        stored = existing.get(tuple(values[n] for n in key_names)) if existing else None
        if stored is None:
            new.append(model(**values) if audited else values)
        elif all(stored[n] == v for n, v in values.items()):
            unchanged += 1
        else:
            record = model(**(stored | values))
            if versioned:
                record.version = stored["version"] + 1
            changed.append(record)
    update = [n for n in names if n not in key_names] + (["version"] if versioned else [])
    if audited:
        user = {"default_user": by} if by is not None else {}
        if new:
            bulk_create_with_history(new, model, batch_size=BATCH, **user)
        if changed:
            bulk_update_with_history(changed, model, update, batch_size=BATCH, **user)
    else:
        if new:
            insert_rows(model, new, _value_or_default(model))
        if changed:
            model._default_manager.bulk_update(changed, update, batch_size=BATCH)
    return ImportResult(len(new), len(changed), unchanged)


def _value_or_default(model: Any) -> Any:
    """`value(values, attname)` for `insert_rows`: a value of the file, or the field's default
    (a model instance would give the same, at many times the cost for a large file)."""
    defaults = {
        f.attname: f.get_default() for f in model._meta.concrete_fields if not f.primary_key
    }

    def value(values: dict[str, Any], name: str) -> Any:
        return values[name] if name in values else defaults[name]

    return value


def child_rows(
    table_key: str, organisation: Organisation, node: Node | None = None
) -> list[list[object]]:
    """The child table's rows of the organisation (of `node`'s subtree when given), ordered by
    their key, in the spec's columns."""
    table = CHILD_TABLES[table_key]
    model: Any = table.model
    parent = table.parent_field
    where = Q(**{f"{parent}__organisation": organisation})
    if node is not None:
        where &= Q(**{f"{parent}__node__path__startswith": node.path})
    order = [table.field_name(c) for c in table.spec.key]
    order = [f"{parent}__{REGISTERS[table.parent].code_field}" if o == parent else o for o in order]
    records = model._default_manager.filter(where).select_related(parent).order_by(*order)
    return [list(table.row(record)) for record in records]
