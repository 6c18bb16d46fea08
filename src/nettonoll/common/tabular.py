"""Reading and writing tables as Swedish public sector moves them: CSV (comma or semicolon,
UTF-8 or Windows-1252, as Excel writes it) and XLSX.

Line numbers are those a spreadsheet shows: the header is line 1, the first data row line 2.
A refused file raises `Rejected` (nettonoll.calc.problems); no file can end the process: a
workbook is checked (sizes, declared dimensions) before it is parsed, cells and headers before
they are used.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import fastexcel
from django.db.models import Model

from nettonoll.calc.problems import Problem, Rejected
from nettonoll.calc.spreadsheets import check_xlsx

XLSX_SUFFIXES = (".xlsx", ".xlsm")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767  # characters in a cell, as in Excel


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


@dataclass
class Table:
    headers: list[str]
    rows: list[Row] = field(default_factory=list)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def _normalise_header(name: object) -> str:
    return str(name or "").strip().lower()


def _headers(cells: Sequence[object]) -> list[str]:
    """The header row in lower case; a header given twice (in any case) is refused."""
    headers = [_normalise_header(h) for h in cells]
    repeated = [h for h in dict.fromkeys(headers) if h and headers.count(h) > 1]
    if repeated:
        raise Rejected([Problem("header_repeated", {"header": h}, 1) for h in repeated])
    return headers


def _check_cells(line: int, headers: Sequence[str], cells: Sequence[str]) -> None:
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL:
            column = headers[index] if index < len(headers) else ""
            params = {"length": len(cell), "limit": MAX_CELL}
            raise Rejected([Problem("cell_too_long", params, line, column)])


def _read_csv(data: bytes) -> Table:
    if b"\x00" in data[:4096]:
        raise Rejected([Problem("file_not_text")])
    try:
        text = _decode(data)
    except UnicodeDecodeError as exc:
        raise Rejected([Problem("file_encoding")]) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            _check_cells(len(records) + 1, [], record)
            records.append(record)
    except csv.Error as exc:  # a cell over the csv module's limit (131 072 characters)
        params = {"length": f"> {csv.field_size_limit()}", "limit": MAX_CELL}
        raise Rejected([Problem("cell_too_long", params, len(records) + 1)]) from exc
    if not records:
        raise Rejected([Problem("file_blank")])
    headers = _headers(records[0])
    table = Table(headers=headers)
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        values = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(headers)}
        table.rows.append(Row(line=index, values=values))
    return table


def _read_xlsx(data: bytes) -> Table:
    check_xlsx(data)  # before any parsing: a declared A1:XFD1048576 would end the process
    try:
        reader = fastexcel.read_excel(data)
        sheet = reader.load_sheet(0, header_row=None, dtypes="string", skip_rows=0)
        frame = sheet.to_polars()
    except (zipfile.BadZipFile, fastexcel.FastExcelError, ValueError) as exc:
        raise Rejected([Problem("file_not_xlsx")]) from exc
    rows = frame.rows()
    if not rows:
        raise Rejected([Problem("file_blank")])
    headers = _headers(rows[0])
    table = Table(headers=headers)
    for index, record in enumerate(rows[1:], start=2):
        cells = ["" if c is None else str(c).strip() for c in record]
        if not any(cells):
            continue
        _check_cells(index, headers, cells)
        table.rows.append(Row(line=index, values=dict(zip(headers, cells, strict=False))))
    return table


def read_table(
    data: bytes,
    filename: str,
    *,
    required: Iterable[str],
    lengths: Mapping[str, int | None] | None = None,
) -> Table:
    """Read CSV or XLSX by its real content (a ZIP signature means XLSX), check required columns
    and, for `lengths` (column → the longest value its model field stores), every value's length:
    a database may otherwise store it cut (SQLite) or fail (PostgreSQL)."""
    if data[:4] == b"PK\x03\x04":
        table = _read_xlsx(data)
    elif filename.lower().endswith(XLSX_SUFFIXES):
        raise Rejected([Problem("file_named_xlsx")])
    else:
        table = _read_csv(data)
    required = list(required)
    missing = [c for c in required if c not in table.headers]
    if missing:
        params = {"missing": ", ".join(missing), "required": ",".join(required)}
        raise Rejected([Problem("columns_missing_required", params, 1)])
    problems = [
        Problem(
            "value_too_long", {"length": len(row.values[column]), "limit": limit}, row.line, column
        )
        for column, limit in (lengths or {}).items()
        if limit is not None and column in table.headers
        for row in table.rows
        if len(row.values[column]) > limit
    ]
    if problems:
        raise Rejected(problems)
    return table


def field_lengths(model: type[Model], **columns: str) -> dict[str, int | None]:
    """column → the max_length of the model field it is stored in (`column="field"`)."""
    return {column: model._meta.get_field(name).max_length for column, name in columns.items()}  # type: ignore[union-attr]


def neutralise(value: object) -> object:
    """Keep a spreadsheet from running a cell as a formula (CSV/XLSX injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV as Swedish Excel opens it directly: UTF-8 with BOM, semicolon separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[object]], *, title: str) -> bytes:
    from openpyxl import Workbook  # on use only: openpyxl takes 0.2 s to import

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
