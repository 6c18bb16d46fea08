"""Child tables: rows that belong to a register's record — a building's monthly energy readings,
a solar installation's monthly production, a procurement's requirements. A child table is a model
plus this declaration; the shared import, export and templates read it (`registers.tables`).

A row is identified by the spec's `key` columns (the parent's code first: `building_code, month,
carrier`): an import updates the row with the same key, adds new ones and leaves the rest as they
are, all or nothing. The parent is found by its code in the organisation (`parent`: the parent
register's key); its node decides who may read and change the row. When the model has
`history` (simple-history), every created or changed row gets its history row."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from nettonoll.calc.problems import Problem
from nettonoll.common.tablespec import Line, TableSpec


@dataclass(frozen=True)
class ChildTable:
    """`key`: the CLI's name (`energy-readings`); `slug`: the URL segment of its import page;
    `parent`: the parent register's key; `parent_column`: the file's column with the parent's
    code; `parent_field`: the model's foreign key to the parent; `row(record)`: a row in the
    spec's columns (the export, which the import reads back unchanged); `checks(row, fields)`:
    problems beyond the cells; `field_of`: file column → model field where the names differ;
    `file_checks(rows)`: problems of the rows together (e.g. a sum over a parent's rows, with
    those stored but not in the file); `importer(table, organisation, data, filename, by)`: an
    import of its own in place of the shared one (e.g. one that also creates parents);
    `import_links(organisation)`: (url, words) shown on the import page (another way in, such as
    an energy supplier's file through a column template)."""

    key: str
    slug: str
    model: type[models.Model]
    label_plural: Any
    word: Any
    parent: str
    parent_column: str
    parent_field: str
    spec: TableSpec
    row: Callable[[Any], Sequence[object]]
    checks: Callable[[Line, Mapping[str, Any]], Iterable[Problem]] | None = None
    field_of: Mapping[str, str] = field(default_factory=dict)
    file_checks: Callable[[list[Line]], Iterable[Problem]] | None = None
    importer: Callable[..., Any] | None = None
    import_links: Callable[[Any], Iterable[tuple[str, Any]]] | None = None

    def field_name(self, column: str) -> str:
        if column == self.parent_column:
            return self.parent_field
        return self.field_of.get(column, column)


CHILD_TABLES: dict[str, ChildTable] = {}


def child_declare(table: ChildTable) -> None:
    CHILD_TABLES[table.key] = table


def child_by_slug(slug: str) -> ChildTable | None:
    return next((t for t in CHILD_TABLES.values() if t.slug == slug), None)
