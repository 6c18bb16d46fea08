"""Open data files: a published table as CSV for Swedish Excel (semicolon, decimal comma, UTF-8
with BOM: `common.tabular.write_csv`), as plain CSV (comma, decimal point, UTF-8 without BOM),
as Parquet (typed columns, polars), and the organisation's `datapackage.json` (Frictionless
Data Package v1) describing every published table's columns and units."""

import csv
import io
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from nettonoll.common.tabular import neutralise, write_csv
from nettonoll.organisations.models import Organisation
from nettonoll.publication.opendata import BOOLEAN, INTEGER, NUMBER, OpenTable, Row

LICENSE = {
    "name": "CC0-1.0",
    "title": "Creative Commons Zero v1.0 Universal",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
}
POLARS_TYPES = {INTEGER: pl.Int64, NUMBER: pl.Float64, BOOLEAN: pl.Boolean}
FORMATS = {  # format → (file name suffix, content type)
    "csv": (".csv", "text/csv; charset=utf-8"),
    "csv-utf8": ("-utf8.csv", "text/csv; charset=utf-8"),
    "parquet": (".parquet", "application/vnd.apache.parquet"),
}


def file_name(table: str, file_format: str) -> str:
    return table + FORMATS[file_format][0]


def number_text(value: float | int) -> str:
    """`1234.5` → "1234.5", never "1e-05" nor binary noise beyond what the value holds."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return ""
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text.removesuffix(".0")


class _Literal:
    """A number already written as text: `write_csv` neutralises text that starts with "-" (a
    formula in a spreadsheet), and a negative number is no formula."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def _cells(row: Row, types: Sequence[str], *, swedish: bool) -> list[object]:
    cells: list[object] = []
    for value, kind in zip(row, types, strict=True):
        if value is None:
            cells.append("")
        elif kind == BOOLEAN:
            cells.append((_("ja") if value else _("nej")) if swedish else str(bool(value)).lower())
        elif kind in (INTEGER, NUMBER):
            text = number_text(value)
            cells.append(_Literal(text.replace(".", ",") if swedish else text))
        else:
            cells.append(value)
    return cells


def _types(table: OpenTable) -> list[str]:
    return [c.type for c in table.definition.columns]


def excel_csv(table: OpenTable) -> bytes:
    """Semicolons, decimal commas, UTF-8 with BOM: Swedish Excel opens it with å, ä, ö right."""
    types = _types(table)
    return write_csv(table.definition.headers, (_cells(r, types, swedish=True) for r in table.rows))


def utf8_csv(table: OpenTable) -> bytes:
    """Commas, decimal points, UTF-8 without BOM, `true`/`false` (RFC 4180, as Frictionless
    reads it by default); text that a spreadsheet would run as a formula is neutralised."""
    types = _types(table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.definition.headers)
    for row in table.rows:
        writer.writerow([neutralise(c) for c in _cells(row, types, swedish=False)])
    return buffer.getvalue().encode("utf-8")


def parquet(table: OpenTable) -> bytes:
    """Typed columns: integers as Int64, numbers as Float64, booleans, text as String."""
    schema = {c.name: POLARS_TYPES.get(c.type, pl.String) for c in table.definition.columns}
    frame = pl.DataFrame(table.rows, schema=schema, orient="row")
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


WRITERS = {"csv": excel_csv, "csv-utf8": utf8_csv, "parquet": parquet}


def _field(column: Any) -> dict[str, object]:
    description = str(column.description)
    field: dict[str, object] = {"name": column.name, "type": column.type}
    if column.unit:
        field["unit"] = column.unit
        if column.unit not in description:
            description = f"{description} ({column.unit})"
    field["description"] = description
    return field


def _resource(table: OpenTable) -> dict[str, object]:
    definition = table.definition
    fields = [_field(c) for c in definition.columns]
    excel_fields = [
        f
        | ({"decimalChar": ","} if f["type"] == NUMBER else {})
        | ({"trueValues": [_("ja")], "falseValues": [_("nej")]} if f["type"] == BOOLEAN else {})
        for f in fields
    ]
    return {
        "name": definition.name,
        "title": str(definition.title),
        "description": str(definition.description),
        "profile": "tabular-data-resource",
        "path": file_name(definition.name, "csv-utf8"),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": {"fields": fields, "missingValues": [""]},
        "rows": len(table.rows),
        # the same rows in other files (a custom property: Data Package v1 has one path per
        # resource, several paths only for parts of one file)
        "alternates": [
            {
                "path": file_name(definition.name, "csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ";", "lineTerminator": "\r\n", "header": True},
                "schema": {"fields": excel_fields, "missingValues": [""]},
            },
            {
                "path": file_name(definition.name, "parquet"),
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
            },
        ],
    }


def datapackage(organisation: Organisation, tables: list[OpenTable], homepage: str) -> dict:
    """The Data Package: only the published tables, each path relative to this file."""
    return {
        "profile": "tabular-data-package",
        "name": f"nettonoll-{organisation.code.lower()}",
        "title": _("%(organisation)s: öppna data") % {"organisation": organisation.name},
        "description": _(
            "Det %(organisation)s har publicerat i Nettonoll: klimatbokslut, indikatorer, mål och "
            "koldioxidbudget som tabeller med kolumner och enheter."
        )
        % {"organisation": organisation.name},
        "homepage": homepage,
        "licenses": [LICENSE],
        "resources": [_resource(t) for t in tables],
    }
