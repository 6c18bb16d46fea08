"""The klimatbokslut: activity data × emission factors, aggregation first (METHODS.md §1,
docs/methods/klimatbokslut.md).

Emissions are linear in the quantity, so rows are summed per (org unit, category, year, unit)
once, and only the sums meet the factors: a factor change recalculates from the aggregates,
whatever the number of rows. Units in column names: `quantity` is in the row's `unit`,
`emissions_t_co2e` in tonnes of CO2e.

At scale (benchmarks/klimatbokslut.py, ten million rows): the four key columns are read as
categoricals, so that every check on their text (padding, empty, period format, year) runs once
per distinct value, and the quantity is read as a number straight away when every value is one;
only a file with a problem pays for the scans that list the problems with their lines.
"""

import hashlib
from dataclasses import dataclass

import polars as pl

from nettonoll.calc.activity_files import KEY_COLUMNS, read_activity_table
from nettonoll.calc.categories import category_label
from nettonoll.calc.completeness import ALL_MONTHS
from nettonoll.calc.factors import Factor, FactorError, FactorTable
from nettonoll.calc.mappings import Mapping, apply_mapping, mapping_get
from nettonoll.calc.problems import Problem, ProblemGroup, Rejected, groups_of, swedish_number
from nettonoll.calc.units import UnitError, conversion_factor

ACTIVITY_COLUMNS = ("org_unit", "category", "period", "quantity", "unit")
OPTIONAL_COLUMNS = ("source_ref", "note", "reg_no")
GROUP_KEYS = ["org_unit", "category", "year", "unit"]
MAX_QUANTITY = 1e12  # a quantity in any unit; sums of ten million rows stay finite
FIRST_YEAR, LAST_YEAR = 1990, 2050  # periods outside are typing errors (9999-12-31, 2099)
DECIMALS = 9  # t CO2e to the milligram: hides binary rounding (59.99999999999999), loses nothing
PERIOD = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


def _text(column: str, dtype: pl.DataType) -> pl.Expr:
    return pl.col(column) if dtype == pl.Utf8 else pl.col(column).cast(pl.Utf8)


def _padded(values: pl.Expr) -> pl.Expr:
    """Whether a value has padding (as a spreadsheet user leaves by accident)."""
    return (
        values.str.starts_with(" ")
        | values.str.ends_with(" ")
        | values.str.contains("\t", literal=True)
    ).any()


def _distinct(keys: pl.DataFrame) -> dict[str, tuple[pl.Series, pl.Series]]:
    """Per categorical column the codes of its distinct values and their text, from one parallel
    pass over the codes: the text of each distinct value is then looked at once, not per row."""
    values = keys.select([pl.col(c).unique().drop_nulls().implode() for c in keys.columns])
    distinct = {}
    for column in keys.columns:
        unique = values.get_column(column).explode().drop_nulls()
        distinct[column] = (unique.to_physical(), unique.cast(pl.Utf8))
    return distinct


def _key_columns(
    frame: pl.DataFrame,
) -> tuple[pl.DataFrame, dict[str, tuple[pl.Series, pl.Series]]]:
    """The key columns as categoricals, each stripped when one of its values has padding, and
    their distinct values."""
    keys = pl.DataFrame(
        [
            s if s.dtype == pl.Categorical else s.cast(pl.Utf8).cast(pl.Categorical)
            for s in (frame.get_column(c) for c in KEY_COLUMNS)
        ]
    )
    distinct = _distinct(keys)
    padded = [
        c
        for c, (_codes, text) in distinct.items()
        if text.to_frame().select(_padded(pl.col(c))).item()
    ]
    if padded:
        keys = keys.with_columns(
            pl.col(c).cast(pl.Utf8).str.strip_chars().cast(pl.Categorical) for c in padded
        )
        distinct |= _distinct(keys.select(padded))
    return keys, distinct


def _years(codes: pl.Series, periods: pl.Series, period: pl.Series) -> pl.DataFrame:
    """The year and month mask (calc.completeness: bit 0 January, 4095 a whole year) of every
    row from its period's code; null where the period is not ÅÅÅÅ, ÅÅÅÅ-MM or ÅÅÅÅ-MM-DD, or not
    a day of the calendar (checked once per distinct period). A spreadsheet's date cell
    ("2023-03-01 00:00:00") counts as its date."""
    periods = periods.str.replace(r"^(\d{4}-\d{2}-\d{2})[ T]00:00:00(\.0+)?$", "${1}")
    is_day = periods.str.len_chars() == 10
    real_day = periods.str.to_date("%Y-%m-%d", strict=False).is_not_null()
    valid = periods.str.contains(PERIOD) & (~is_day | real_day)
    month = periods.str.slice(5, 2).cast(pl.Int32, strict=False)
    decoded = pl.select(
        pl.when(valid).then(periods.str.slice(0, 4).cast(pl.Int32, strict=False)).alias("year"),
        pl.when(valid)
        .then(
            pl.when(month.is_null())
            .then(pl.lit(ALL_MONTHS, dtype=pl.Int32))
            .otherwise(pl.lit(2, dtype=pl.Int32).pow(month.clip(1, 12) - 1).cast(pl.Int32))
        )
        .alias("months"),
    )
    size = int(codes.max() or 0) + 1  # type: ignore[arg-type]
    positions = period.to_physical()
    return pl.DataFrame(
        [
            pl.repeat(None, size, dtype=pl.Int32, eager=True)
            .scatter(codes, decoded.get_column(column))
            .gather(positions)
            .alias(column)
            for column in ("year", "months")
        ]
    )


def parse_activities(
    frame: pl.DataFrame, *, decimal_comma: bool
) -> tuple[pl.DataFrame, list[ProblemGroup]]:
    """Typed rows `line, org_unit, category, year, quantity, unit, months` (+ optional columns;
    `months`: the period's month mask, calc.completeness) of the
    valid lines, and every problem grouped by cause with its line numbers. The text columns
    `org_unit, category, unit` come as categoricals (aggregate gives them back as text).

    Each check costs one cheap pass, the key columns' checks one pass over their few distinct
    values; the lines are listed only for a check that found a problem."""
    missing = [c for c in ACTIVITY_COLUMNS if c not in frame.columns]
    if missing:
        raise Rejected([Problem("columns_missing", {"missing": ", ".join(missing)}, 1)])
    optional = [c for c in OPTIONAL_COLUMNS if c in frame.columns]
    schema = frame.schema
    keys, distinct = _key_columns(frame)
    year = _years(*distinct["period"], keys.get_column("period"))  # year, months
    numeric = schema["quantity"] == pl.Float64  # read as numbers (read_activity_table, typed)
    texts = [c for c in ("quantity", *optional) if not (numeric and c == "quantity")]
    padded = (
        frame.select([_padded(_text(c, schema[c])).alias(c) for c in texts]).row(0, named=True)
        if texts
        else {}
    )

    def text(column: str) -> pl.Expr:
        # strip only columns that have padding: copying ten million strings costs seconds and GB
        expression = _text(column, schema[column])
        return expression.str.strip_chars() if padded[column] else expression

    def empty(column: str) -> pl.Expr:
        if numeric and column == "quantity":
            return pl.col(column).is_null()
        return pl.col(column).is_null() | (pl.col(column) == "")

    finite = pl.col("quantity_value").is_finite()  # "nan", "inf" and 1e400 are no quantities
    if numeric:
        quantity = [pl.col("quantity"), pl.col("quantity").alias("quantity_value")]
    else:  # the text rules: thousands separators, decimal comma, anything else is no number
        number = text("quantity")
        number = (
            pl.when(
                number.str.contains(" ", literal=True) | number.str.contains("\u00a0", literal=True)
            )
            .then(number.str.replace_all(r"[\s\u00a0]", ""))
            .otherwise(number)
        )
        if decimal_comma:
            number = number.str.replace(",", ".", literal=True)
        quantity = [
            text("quantity").alias("quantity"),
            number.cast(pl.Float64, strict=False).alias("quantity_value"),
        ]
    rows = (
        pl.concat(
            [frame.select("line"), keys, year, frame.select("quantity", *optional)],
            how="horizontal",
        )
        .lazy()
        .select(
            "line",
            *KEY_COLUMNS,
            "year",
            "months",
            *quantity,
            *[text(c).fill_null("").alias(c) for c in optional],
        )
        .with_columns(pl.when(finite).then(pl.col("quantity_value")).alias("quantity_value"))
        .collect()
    )
    blank = rows.select(pl.all_horizontal([empty(c) for c in ACTIVITY_COLUMNS])).to_series()
    if blank.any():  # empty lines are skipped
        rows = rows.filter(~blank)
    if rows.height == 0:
        raise Rejected([Problem("file_empty")])
    bad_number = ~empty("quantity") & pl.col("quantity_value").is_null()
    bad_period = ~empty("period") & pl.col("year").is_null()
    too_large = pl.col("quantity_value").abs() > MAX_QUANTITY
    out_of_range = (pl.col("year") < FIRST_YEAR) | (pl.col("year") > LAST_YEAR)
    checks: list[tuple[str, str, pl.Expr, dict[str, object]]] = [
        *[("value_missing", c, empty(c), {}) for c in ACTIVITY_COLUMNS],
        ("quantity_invalid", "quantity", bad_number, {}),
        ("quantity_too_large", "quantity", too_large, {"limit": swedish_number(int(MAX_QUANTITY))}),
        ("period_invalid", "period", bad_period, {}),
        ("period_out_of_range", "period", out_of_range, {"first": FIRST_YEAR, "last": LAST_YEAR}),
    ]
    found = rows.select(
        *[bad.fill_null(False).any().alias(str(i)) for i, (_c, _col, bad, _f) in enumerate(checks)]
    ).row(0)
    problems: list[ProblemGroup] = []
    for (code, column, bad, fixed), any_bad in zip(checks, found, strict=True):
        if any_bad:  # only a check that found a problem pays for listing its lines
            failing = rows.filter(bad.fill_null(False))
            params = {} if code == "value_missing" else {"value": "value"}
            failing = failing.select("line", _text(column, rows.schema[column]).alias("value"))
            problems += groups_of(failing, code, column, params, fixed)
    valid = rows.lazy()
    if problems:  # the valid lines go on to the factor checks, so that all errors are listed
        valid = valid.filter(
            pl.col("quantity_value").is_not_null()
            & pl.col("year").is_not_null()
            & ~too_large
            & ~out_of_range
            & ~pl.any_horizontal([empty(c) for c in ACTIVITY_COLUMNS])
        )
    return valid.select(
        "line",
        "org_unit",
        "category",
        "year",
        pl.col("quantity_value").alias("quantity"),
        "unit",
        "months",
        *optional,
    ).collect(), problems


def content_checksum(rows: pl.DataFrame) -> str:
    """SHA-256 of the parsed rows in file order, without line numbers: the same rows with another
    header case, column order, encoding or line endings give the same checksum."""
    canonical = rows.select(
        pl.col("org_unit", "category", "unit").cast(pl.Utf8),
        "year",
        "quantity",
        *[pl.col(c).cast(pl.Utf8) for c in OPTIONAL_COLUMNS if c in rows.columns],
    )
    hashes = canonical.hash_rows(0)
    digest = hashlib.sha256(f"{rows.height}:{','.join(canonical.columns)}".encode())
    for start in range(0, hashes.len(), 1_000_000):  # bounded memory at any size
        chunk = hashes.slice(start, 1_000_000).cast(pl.Utf8).str.join(",")
        digest.update(chunk.item().encode() + b";")
    return digest.hexdigest()


def aggregate(rows: pl.DataFrame) -> pl.DataFrame:
    """Sum quantities per (org unit, category, year, unit); keeps the months covered (a mask,
    calc.completeness), the first line and row count of each group to name it in errors and to
    trace it back. Keys come back as text."""
    return (
        rows.lazy()
        .group_by(GROUP_KEYS)
        .agg(
            pl.col("quantity").sum().alias("quantity"),
            pl.col("months").bitwise_or().alias("months"),
            pl.col("line").min().alias("first_line"),
            pl.len().alias("rows"),
        )
        .with_columns(pl.col("org_unit", "category", "unit").cast(pl.Utf8))
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
    "scope3_category": pl.Int8,
    "gwp_set": pl.Utf8,
    "category_label": pl.Utf8,  # the category's Swedish name; the code stays in `category`
}


def compute(aggregates: pl.DataFrame, factors: FactorTable) -> pl.DataFrame:
    """Emissions per aggregate and factor part (a fuel's combustion in scope 1, its well-to-tank
    in scope 3): quantity converted to the factor's denominator × factor. Any unknown category,
    missing factor or impossible conversion rejects the whole computation."""
    records = []
    problems: list[ProblemGroup] = []
    # thousands of aggregates share a few (category, year, unit): each is looked up once
    Parts = tuple[tuple[Factor, float], ...]
    known: dict[tuple[str, int, str], tuple[Parts, float] | FactorError | UnitError] = {}
    for org_unit, category, year, unit, quantity, first_line, rows in aggregates.select(
        *GROUP_KEYS, "quantity", "first_line", "rows"
    ).iter_rows():
        found = known.get((category, year, unit))
        if found is None:
            try:
                parts = factors.parts(category, year)
                to_denominator = conversion_factor(unit, parts[0].denominator)
            except (FactorError, UnitError) as error:
                found = error
            else:
                found = (tuple((f, f.tonnes_per_unit) for f in parts), to_denominator)
            known[(category, year, unit)] = found
        if isinstance(found, FactorError | UnitError):
            column = "category" if isinstance(found, FactorError) else "unit"
            problem = Problem(found.code, dict(found.params), first_line, column)
            problems.append(ProblemGroup(problem, (first_line,), rows))
            continue
        parts_found, to_denominator = found
        for factor, tonnes_per_unit in parts_found:
            records.append(
                (
                    year,
                    org_unit,
                    category,
                    factor.scope,
                    round(quantity * to_denominator * tonnes_per_unit, DECIMALS),
                    quantity,
                    unit,
                    factor.factor,
                    factor.unit,
                    factor.valid_year,
                    factor.source,
                    rows,
                    factor.scope3_category,
                    factors.gwp_set,
                    category_label(category),
                )
            )
    if problems:
        raise Rejected(problems)
    return pl.DataFrame(records, schema=RESULT_SCHEMA, orient="row").sort(
        ["year", "org_unit", "category", "scope"]
    )


def factor_problems(rows: pl.DataFrame, factors: FactorTable) -> list[ProblemGroup]:
    """Every line whose category has no factor for its year, or whose unit cannot be converted
    to the factor's, grouped by cause. Each distinct (category, year, unit) is looked up once;
    the failing lines are found by a join, not one by one."""
    keys = rows.select("category", "year", "unit").unique()
    causes: dict[tuple[str, str, tuple[tuple[str, str], ...]], int] = {}
    failing: list[tuple[str, int, str, int]] = []
    found: list[Problem] = []
    for category, year, unit in keys.iter_rows():
        try:
            factor = factors.lookup(category, year)
            conversion_factor(unit, factor.denominator)
        except (FactorError, UnitError) as error:
            column = "category" if isinstance(error, FactorError) else "unit"
            problem = Problem(error.code, dict(error.params), 0, column)
            cause = causes.setdefault(problem.cause, len(found))
            if cause == len(found):
                found.append(problem)
            failing.append((category, year, unit, cause))
    if not failing:
        return []
    bad = pl.DataFrame(
        failing,
        schema={"category": pl.Utf8, "year": pl.Int32, "unit": pl.Utf8, "cause": pl.Int64},
        orient="row",
    )
    lines = rows.lazy().select(
        "line", pl.col("category", "unit").cast(pl.Utf8), pl.col("year").cast(pl.Int32)
    )
    grouped = groups_of(
        lines.join(bad.lazy(), on=["category", "year", "unit"]).select("line", "cause").collect(),
        "value_missing",  # a placeholder: each group takes its cause's problem below
        params={"cause": "cause"},
    )
    groups = []
    for each in grouped:
        problem = found[int(each.problem.params["cause"])]
        first = Problem(problem.code, problem.params, each.first_line, problem.column)
        groups.append(ProblemGroup(first, each.lines, each.count))
    return groups


@dataclass(frozen=True)
class Summary:
    total_t_co2e: float
    by_year: dict[str, float]
    by_scope: dict[str, float]
    by_category: dict[str, float]
    by_org_unit: dict[str, float]
    by_scope3_category: dict[str, float]


def summarise(results: pl.DataFrame) -> Summary:
    def by(column: str, frame: pl.DataFrame = results) -> dict[str, float]:
        grouped = frame.group_by(column).agg(pl.col("emissions_t_co2e").sum()).sort(column)
        return {str(key): round(float(value), DECIMALS) for key, value in grouped.iter_rows()}

    scope3 = results.filter(pl.col("scope") == 3).with_columns(
        pl.col("scope3_category").cast(pl.Utf8).fill_null("")
    )

    return Summary(
        total_t_co2e=round(float(results["emissions_t_co2e"].sum()), DECIMALS),
        by_year=by("year"),
        by_scope=by("scope"),
        by_category=by("category"),
        by_org_unit=by("org_unit"),
        by_scope3_category=by("scope3_category", scope3),
    )


def read_mapped(
    data: bytes, mapping: str | Mapping = "", accounts: bytes | None = None
) -> tuple[pl.DataFrame, bool]:
    """The file as text columns in the canonical names, through a column-mapping template — a
    shipped one by name, or an organisation's own `Mapping` — and, for the ledger, the
    organisation's account → purchase-group table when given."""
    if isinstance(mapping, Mapping):
        template: Mapping | None = mapping
    else:
        template = mapping_get(mapping, accounts) if mapping else None  # unknown: refused first
    frame, decimal_comma = read_activity_table(data, typed=template is None)
    if template is not None:
        frame = apply_mapping(frame, template)
    return frame, decimal_comma


def klimatbokslut(
    data: bytes, factors: FactorTable, mapping: str = ""
) -> tuple[pl.DataFrame, Summary]:
    """Read, validate, aggregate and compute a whole activity file."""
    frame, decimal_comma = read_mapped(data, mapping)
    rows, problems = parse_activities(frame, decimal_comma=decimal_comma)
    problems += factor_problems(rows, factors)
    if problems:
        raise Rejected(problems)
    results = compute(aggregate(rows), factors)
    return results, summarise(results)
