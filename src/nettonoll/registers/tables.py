"""Every importable table of the registers by its key or slug: a register (`declarations`) or a
child table (`children`) — what `nettonoll import|export register KEY`, the web's import page and
its export read."""

from typing import Any

from nettonoll.accounts.models import User
from nettonoll.common.tablespec import ImportResult
from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.child_imports import child_import, child_rows
from nettonoll.registers.children import CHILD_TABLES, ChildTable, child_by_slug
from nettonoll.registers.declarations import REGISTERS, Register, register_by_slug
from nettonoll.registers.imports import register_import, register_rows

Table = Register | ChildTable


def table_get(key: str) -> Table | None:
    return REGISTERS.get(key) or CHILD_TABLES.get(key)


def table_by_slug(slug: str) -> Table | None:
    return register_by_slug(slug) or child_by_slug(slug)


def table_word(table: Table) -> Any:
    """The rows in words for a summary ("fordon", "energiavläsningar")."""
    return table.word or str(table.label_plural).lower()


def table_import(
    key: str, *, organisation_code: str, data: bytes, filename: str, by: User | None = None
) -> ImportResult:
    run = register_import if key in REGISTERS else child_import
    return run(key, organisation_code=organisation_code, data=data, filename=filename, by=by)


def table_rows(
    key: str, organisation: Organisation, node: Node | None = None
) -> list[list[object]]:
    read = register_rows if key in REGISTERS else child_rows
    return read(key, organisation, node)
