"""The klimatbokslut: activity data × emission factors, aggregation first (METHODS.md §1,
docs/methods/klimatbokslut.md).

Emissions are linear in the quantity, so rows are summed per (org unit, category, year, unit)
once, and only the sums meet the factors: a factor change recalculates from the aggregates,
whatever the number of rows. Units in column names: `quantity` is in the row's `unit`,
`emissions_t_co2e` in tonnes of CO2e.
"""

import io
import zipfile
from dataclasses import dataclass

import polars as pl

from nettonoll.calc.factors import FactorError, FactorTable
from nettonoll.calc.messages import Problem, Rejected
from nettonoll.calc.units import UnitError, conversion_factor

ACTIVITY_COLUMNS = ("org_unit", "category", "period", "quantity", "unit")
OPTIONAL_COLUMNS = ("source_ref", "note")
GROUP_KEYS = ["org_unit", "category", "year", "unit"]
MAX_PROBLEMS = 1000
DECIMALS = 9  # t CO2e to the milligram: hides binary rounding (59.99999999999999), loses nothing
PERIOD = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


def read_activity_table(data: bytes) -> tuple[pl.DataFrame, bool]:
    """All columns as text, with `line` as a spreadsheet numbers it (header = 1), and whether
    numbers use a decimal comma (semicolon-separated CSV, as Swedish Excel writes it)."""
    decimal_comma = False
    if not data.strip():
        raise Rejected([Problem(0, "file_blank")])
    try:
        if data[:4] == b"PK\x03\x04":
            import fastexcel

            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "[Content_Types].xml" not in archive.namelist():
                    raise zipfile.BadZipFile
            frame = fastexcel.read_excel(data).load_sheet(0, dtypes="string").to_polars()
        else:
            if b"\x00" in data[:4096]:
                raise Rejected([Problem(0, "file_unreadable")])
            # Polars reads the bytes as they are when they are UTF-8 (no copy of a large file);
            # a Windows-1252 file (Swedish Excel) is decoded once.
            body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
            first = body[: body.find(b"\n")] if b"\n" in body else body
            separator = ";" if first.count(b";") > first.count(b",") else ","
            decimal_comma = separator == ";"
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                body = body.decode("cp1252").encode("utf-8")
            frame = pl.read_csv(
                body,
                separator=separator,
                infer_schema=False,
                raise_if_empty=False,
                truncate_ragged_lines=True,
            )
    except Rejected:
        raise
    except Exception as exc:  # polars, fastexcel and zipfile raise many kinds
        raise Rejected([Problem(0, "file_unreadable")]) from exc
    frame = frame.rename({c: c.strip().lower() for c in frame.columns})
    frame = frame.with_row_index("line", offset=2).with_columns(pl.col("line").cast(pl.Int64))
    return frame, decimal_comma


def parse_activities(
    frame: pl.DataFrame, *, decimal_comma: bool
) -> tuple[pl.DataFrame, list[Problem]]:
    """Typed rows `line, org_unit, category, year, quantity, unit` (+ optional columns) of the
    valid lines, and every problem (up to MAX_PROBLEMS) with its line number."""
    missing = [c for c in ACTIVITY_COLUMNS if c not in frame.columns]
    if missing:
        raise Rejected([Problem(1, "columns_missing", params={"missing": ", ".join(missing)})])
    present = [c for c in (*ACTIVITY_COLUMNS, *OPTIONAL_COLUMNS) if c in frame.columns]
    padded = frame.select(
        [
            (
                pl.col(c).cast(pl.Utf8).str.starts_with(" ")
                | pl.col(c).cast(pl.Utf8).str.ends_with(" ")
                | pl.col(c).cast(pl.Utf8).str.contains("\t", literal=True)
            )
            .any()
            .alias(c)
            for c in present
        ]
    ).row(0, named=True)

    def text(column: str) -> pl.Expr:
        # strip only columns that have padding: copying ten million strings costs seconds and GB
        expression = pl.col(column).cast(pl.Utf8)
        return (expression.str.strip_chars() if padded[column] else expression).alias(column)

    texts = [text(c) for c in ACTIVITY_COLUMNS]
    extra = [text(c).fill_null("") for c in OPTIONAL_COLUMNS if c in frame.columns]
    number = pl.col("quantity")
    number = (
        pl.when(
            number.str.contains(" ", literal=True) | number.str.contains("\u00a0", literal=True)
        )
        .then(number.str.replace_all(r"[\s\u00a0]", ""))
        .otherwise(number)
    )
    if decimal_comma:
        number = number.str.replace(",", ".", literal=True)
    rows = (
        frame.lazy()
        .select(["line", *texts, *extra])
        .filter(
            ~pl.all_horizontal([pl.col(c).is_null() | (pl.col(c) == "") for c in ACTIVITY_COLUMNS])
        )
        .with_columns(
            quantity_value=number.cast(pl.Float64, strict=False),
            period_ok=pl.col("period").str.contains(PERIOD),
        )
        .collect()
    )
    if rows.height == 0:
        raise Rejected([Problem(0, "file_empty")])
    problems: list[Problem] = []
    for column in ACTIVITY_COLUMNS:
        empty = rows.filter(pl.col(column).is_null() | (pl.col(column) == "")).head(MAX_PROBLEMS)
        problems += [Problem(line, "value_missing", column) for line in empty["line"]]
    bad_numbers = rows.filter(
        (pl.col("quantity").fill_null("") != "") & pl.col("quantity_value").is_null()
    ).head(MAX_PROBLEMS)
    problems += [
        Problem(line, "quantity_invalid", "quantity", {"value": value})
        for line, value in bad_numbers.select("line", "quantity").iter_rows()
    ]
    bad_periods = rows.filter(
        (pl.col("period").fill_null("") != "") & ~pl.col("period_ok").fill_null(False)
    ).head(MAX_PROBLEMS)
    problems += [
        Problem(line, "period_invalid", "period", {"value": value})
        for line, value in bad_periods.select("line", "period").iter_rows()
    ]
    valid = rows.lazy()
    if problems:  # the valid lines go on to the factor checks, so that all errors are listed
        valid = valid.filter(
            pl.col("quantity_value").is_not_null()
            & pl.col("period_ok").fill_null(False)
            & pl.all_horizontal([pl.col(c).fill_null("") != "" for c in ACTIVITY_COLUMNS])
        )
    return valid.select(
        "line",
        "org_unit",
        "category",
        pl.col("period").str.slice(0, 4).cast(pl.Int32).alias("year"),
        pl.col("quantity_value").alias("quantity"),
        "unit",
        *[c for c in OPTIONAL_COLUMNS if c in rows.columns],
    ).collect(), problems[:MAX_PROBLEMS]


def aggregate(rows: pl.DataFrame) -> pl.DataFrame:
    """Sum quantities per (org unit, category, year, unit); keeps the first line and row count
    of each group to name it in errors and to trace it back."""
    return (
        rows.lazy()
        .group_by(GROUP_KEYS)
        .agg(
            pl.col("quantity").sum().alias("quantity"),
            pl.col("line").min().alias("first_line"),
            pl.len().alias("rows"),
        )
        .collect()
    )


RESULT_SCHEMA = {
    "year": pl.Int32,
    "org_unit": pl.Utf8,
    "category": pl.Utf8,
    "scope": pl.Int8,
    "emissions_t_co2e": pl.Float64,
    "quantity": pl.Float64,
    "unit": pl.Utf8,
    "factor": pl.Float64,
    "factor_unit": pl.Utf8,
    "factor_valid_year": pl.Int32,
    "factor_source": pl.Utf8,
    "rows": pl.Int64,
}


def compute(aggregates: pl.DataFrame, factors: FactorTable) -> pl.DataFrame:
    """Emissions per aggregate: quantity converted to the factor's denominator × factor. Any
    unknown category, missing factor or impossible conversion rejects the whole computation."""
    records = []
    problems: list[Problem] = []
    for org_unit, category, year, unit, quantity, first_line, rows in aggregates.select(
        *GROUP_KEYS, "quantity", "first_line", "rows"
    ).iter_rows():
        try:
            factor = factors.lookup(category, year)
            to_denominator = conversion_factor(unit, factor.denominator)
        except (FactorError, UnitError) as error:
            column = "category" if isinstance(error, FactorError) else "unit"
            problems.append(Problem(first_line, error.code, column, dict(error.params), rows - 1))
            continue
        records.append(
            (
                year,
                org_unit,
                category,
                factor.scope,
                round(quantity * to_denominator * factor.tonnes_per_unit, DECIMALS),
                quantity,
                unit,
                factor.factor,
                factor.unit,
                factor.valid_year,
                factor.source,
                rows,
            )
        )
    if problems:
        raise Rejected(problems[:MAX_PROBLEMS])
    return pl.DataFrame(records, schema=RESULT_SCHEMA, orient="row").sort(
        ["year", "org_unit", "category"]
    )


@dataclass(frozen=True)
class Summary:
    total_t_co2e: float
    by_year: dict[str, float]
    by_scope: dict[str, float]
    by_category: dict[str, float]
    by_org_unit: dict[str, float]


def summarise(results: pl.DataFrame) -> Summary:
    def by(column: str) -> dict[str, float]:
        grouped = results.group_by(column).agg(pl.col("emissions_t_co2e").sum()).sort(column)
        return {str(key): round(float(value), DECIMALS) for key, value in grouped.iter_rows()}

    return Summary(
        total_t_co2e=round(float(results["emissions_t_co2e"].sum()), DECIMALS),
        by_year=by("year"),
        by_scope=by("scope"),
        by_category=by("category"),
        by_org_unit=by("org_unit"),
    )


def read_mapped(
    data: bytes, mapping: str = "", accounts: bytes | None = None
) -> tuple[pl.DataFrame, bool]:
    """The file as text columns in the canonical names, through a column-mapping template (and,
    for the ledger, the organisation's account → purchase-group table when given)."""
    from nettonoll.calc.mappings import apply_mapping, mapping_get

    template = mapping_get(mapping, accounts) if mapping else None  # unknown name: refused first
    frame, decimal_comma = read_activity_table(data)
    if template is not None:
        frame = apply_mapping(frame, template)
    return frame, decimal_comma


def klimatbokslut(
    data: bytes, factors: FactorTable, mapping: str = ""
) -> tuple[pl.DataFrame, Summary]:
    """Read, validate, aggregate and compute a whole activity file."""
    frame, decimal_comma = read_mapped(data, mapping)
    rows, problems = parse_activities(frame, decimal_comma=decimal_comma)
    try:
        results = compute(aggregate(rows), factors)
    except Rejected as rejected:
        raise Rejected(problems + rejected.problems) from None
    if problems:
        raise Rejected(problems)
    return results, summarise(results)
