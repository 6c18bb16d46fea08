"""Reading an activity-data file (CSV in any Swedish or English dialect, or XLSX) into a frame:
the klimatbokslut's first step (`calc.inventory`), kept apart from the computing. The four key
columns are read as categoricals; the quantity as a number when every value is one (`typed`).
"""

from typing import Any

import fastexcel
import polars as pl

from nettonoll.calc.problems import Problem, Rejected
from nettonoll.calc.spreadsheets import check_xlsx

KEY_COLUMNS = ("org_unit", "category", "period", "unit")  # few distinct values: categoricals


def _is_utf8(body: bytes) -> bool:
    if body.isascii():  # the common case, at memory speed
        return True
    try:  # checked in Rust: many times faster than bytes.decode on a large file
        pl.Series([body], dtype=pl.Binary).cast(pl.Utf8)
    except pl.exceptions.PolarsError:
        return False
    return True


def _read_csv(body: bytes, separator: str, *, typed: bool, decimal_comma: bool) -> pl.DataFrame:
    def read(**options: Any) -> pl.DataFrame:
        return pl.read_csv(
            body,
            separator=separator,
            infer_schema=False,
            raise_if_empty=False,
            truncate_ragged_lines=True,
            **options,
        )

    if typed:
        names = {c.strip().lower(): c for c in read(n_rows=0).columns}
        overrides: dict[str, Any] = {names[c]: pl.Categorical for c in KEY_COLUMNS if c in names}
        if "quantity" in names:
            overrides[names["quantity"]] = pl.Float64
        try:  # succeeds when every quantity is a number (or empty) that the text rules read alike
            return read(schema_overrides=overrides, decimal_comma=decimal_comma)
        except Exception:  # some value is not: the text read decides, as without `typed`
            return read()
    return read()


def read_activity_table(data: bytes, *, typed: bool = False) -> tuple[pl.DataFrame, bool]:
    """All columns as text, with `line` as a spreadsheet numbers it (header = 1), and whether
    numbers use a decimal comma (semicolon-separated CSV, as Swedish Excel writes it).

    `typed` (a CSV in the canonical columns; for ten million rows, about a third of the time and
    memory): the key columns come as categoricals, and `quantity` as Float64 when every value in
    it is a number; parse_activities takes either form and gives the same rows and problems."""
    decimal_comma = False
    if not data or data.isspace():  # as `not data.strip()`, without copying a large file
        raise Rejected([Problem("file_blank")])
    try:
        if data[:4] == b"PK\x03\x04":
            check_xlsx(data)  # before any parsing: no workbook can end the process
            frame = fastexcel.read_excel(data).load_sheet(0, dtypes="string").to_polars()
        else:
            if b"\x00" in data[:4096]:
                raise Rejected([Problem("file_unreadable")])
            # Polars reads the bytes as they are when they are UTF-8 (no copy of a large file);
            # a Windows-1252 file (Swedish Excel) is decoded once.
            body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
            first = body[: body.find(b"\n")] if b"\n" in body else body
            separator = ";" if first.count(b";") > first.count(b",") else ","
            decimal_comma = separator == ";"
            if not _is_utf8(body):
                body = body.decode("cp1252").encode("utf-8")
            frame = _read_csv(body, separator, typed=typed, decimal_comma=decimal_comma)
    except Rejected as rejected:
        if rejected.has("file_not_xlsx"):  # as any other file that cannot be read
            raise Rejected([Problem("file_unreadable")]) from None
        raise
    except Exception as exc:  # polars, fastexcel and zipfile raise many kinds
        raise Rejected([Problem("file_unreadable")]) from exc
    names = [c.strip().lower() for c in frame.columns]
    repeated = [n for n in dict.fromkeys(names) if n and names.count(n) > 1]
    if repeated:
        raise Rejected([Problem("header_repeated", {"header": n}, 1) for n in repeated])
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
    frame = frame.with_row_index("line", offset=2).with_columns(pl.col("line").cast(pl.Int64))
    return frame, decimal_comma
