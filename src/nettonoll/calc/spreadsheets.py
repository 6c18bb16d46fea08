"""Checks on an XLSX workbook before any spreadsheet reader parses it.

A reader allocates the sheet's rectangle up front: a 2 KB file whose sheet declares the dimension
`A1:XFD1048576` (or holds one cell there) asks for 512 GiB and ends the process. So the ZIP's
entries (count and uncompressed sizes), each sheet's declared dimension and its cell references
are checked here first, streaming, with bounded memory; a file beyond the limits is refused.
"""

import io
import re
import zipfile

from nettonoll.calc.problems import Problem, Rejected

MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # bytes, all entries together
MAX_COLUMNS = 1_000
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_CELLS = 20_000_000  # the rectangle a reader allocates
CHUNK = 1024 * 1024

DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?"')
REFERENCE = re.compile(rb'\sr="([A-Z]{1,3})(\d{1,7})"')
ROW = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d{1,7})"')


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _too_large(detail: str, limit: str) -> Rejected:
    return Rejected([Problem("file_too_large", {"detail": detail, "limit": limit})])


def _check_shape(rows: int, columns: int) -> None:
    if columns > MAX_COLUMNS:
        raise _too_large(f"{columns} kolumner", f"{MAX_COLUMNS}")
    if rows > MAX_ROWS:
        raise _too_large(f"{rows} rader", f"{MAX_ROWS}")
    if rows * columns > MAX_CELLS:
        raise _too_large(f"{rows} × {columns} celler", f"{MAX_CELLS}")


def _scan(archive: zipfile.ZipFile, name: str) -> None:
    """Read an entry in chunks (so its CRC proves its declared size); for a sheet, the declared
    dimension and the largest row and column any cell names."""
    rows = columns = 0
    tail = b""
    sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
    with archive.open(name) as entry:
        while chunk := entry.read(CHUNK):
            if not sheet:
                continue
            text = tail + chunk
            for found in DIMENSION.finditer(text):
                first_col, first_row, last_col, last_row = found.groups()
                columns = max(columns, column_number(last_col or first_col or b""))
                rows = max(rows, int(last_row or first_row or 0))
            for found in REFERENCE.finditer(text):
                columns = max(columns, column_number(found.group(1)))
                rows = max(rows, int(found.group(2)))
            for found in ROW.finditer(text):
                rows = max(rows, int(found.group(1)))
            _check_shape(rows, columns)
            tail = text[-256:]  # a reference cut by the chunk's end is found in the next


def check_xlsx(data: bytes) -> None:
    """Refuse (Rejected) a workbook a reader cannot open safely; the ZIP must be valid."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise Rejected([Problem("file_not_xlsx")]) from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise _too_large(f"{len(entries)} delar", f"{MAX_ENTRIES}")
        total = sum(entry.file_size for entry in entries)
        if total > MAX_UNCOMPRESSED:
            megabytes = MAX_UNCOMPRESSED // (1024 * 1024)
            raise _too_large(f"{total // (1024 * 1024)} MB uppackad", f"{megabytes} MB")
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise Rejected([Problem("file_not_xlsx")])
        try:
            for name in sorted(names):
                _scan(archive, name)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise Rejected([Problem("file_not_xlsx")]) from error
