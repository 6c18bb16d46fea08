"""Reading and writing tables as Swedish public sector moves them: CSV (comma or semicolon,
UTF-8 or Windows-1252, as Excel writes it) and XLSX.

Line numbers are those a spreadsheet shows: the header is line 1, the first data row line 2.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

XLSX_SUFFIXES = (".xlsx", ".xlsm")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    """One problem with an uploaded file, at a line (0 = the file as a whole) and maybe a column."""

    line: int
    message: str
    column: str = ""

    def __str__(self) -> str:
        if self.line == 0:
            return self.message
        where = _("rad %(line)d") % {"line": self.line}
        if self.column:
            where += _(", kolumn %(column)s") % {"column": self.column}
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The file was refused; nothing was stored. `problems` lists every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


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


def _read_csv(data: bytes) -> Table:
    if b"\x00" in data[:4096]:
        raise ImportRejected([Problem(0, _("Filen är inte en textfil (CSV) eller en XLSX-fil."))])
    try:
        text = _decode(data)
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [Problem(0, _("Filen kunde inte läsas som UTF-8 eller Windows-1252."))]
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = list(reader)
    if not records:
        raise ImportRejected([Problem(0, _("Filen är tom."))])
    headers = [_normalise_header(h) for h in records[0]]
    table = Table(headers=headers)
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        values = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(headers)}
        table.rows.append(Row(line=index, values=values))
    return table


def _read_xlsx(data: bytes) -> Table:
    import fastexcel

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise zipfile.BadZipFile
        reader = fastexcel.read_excel(data)
        sheet = reader.load_sheet(0, header_row=None, dtypes="string", skip_rows=0)
        frame = sheet.to_polars()
    except (zipfile.BadZipFile, fastexcel.FastExcelError, ValueError) as exc:
        raise ImportRejected([Problem(0, _("Filen är ingen giltig XLSX-arbetsbok."))]) from exc
    rows = frame.rows()
    if not rows:
        raise ImportRejected([Problem(0, _("Filen är tom."))])
    headers = [_normalise_header(h) for h in rows[0]]
    table = Table(headers=headers)
    for index, record in enumerate(rows[1:], start=2):
        cells = ["" if c is None else str(c).strip() for c in record]
        if not any(cells):
            continue
        table.rows.append(Row(line=index, values=dict(zip(headers, cells, strict=False))))
    return table


def read_table(data: bytes, filename: str, *, required: Iterable[str]) -> Table:
    """Read CSV or XLSX by its real content (a ZIP signature means XLSX), check required columns."""
    if data[:4] == b"PK\x03\x04":
        table = _read_xlsx(data)
    elif filename.lower().endswith(XLSX_SUFFIXES):
        raise ImportRejected([Problem(0, _("Filen heter .xlsx men är ingen XLSX-arbetsbok."))])
    else:
        table = _read_csv(data)
    missing = [c for c in required if c not in table.headers]
    if missing:
        raise ImportRejected(
            [
                Problem(
                    1,
                    _("kolumner saknas: %(missing)s (rubrikraden ska innehålla %(required)s)")
                    % {"missing": ", ".join(missing), "required": ",".join(required)},
                )
            ]
        )
    return table


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
    from openpyxl import Workbook

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
