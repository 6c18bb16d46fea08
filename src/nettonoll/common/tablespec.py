"""Declarative table imports and exports: a `TableSpec` names its typed columns once, and gives
the reading (every problem with line and column, through `nettonoll.calc.problems`), the checks
every import shares (required values, lengths of the model fields, duplicates of a key in the
file, unknown parents and cycles of a parent column), the XLSX/CSV template and the export.

An import reads with `spec.read(...)` (nothing written, no transaction), raises `Rejected` when
there are problems, and writes everything in one transaction, counting `ImportResult` (created,
updated, unchanged). Column kinds: `Text`, `Code`, `Reference` (a code looked up in `refs`),
`Choice` (Swedish and English aliases), `Decimal` (unit, bounds), `Date`, `Month` and `Year`
(bounds), `CodeList` (`a|b|c`), `Boolean` (ja/nej, yes/no, true/false, 1/0).
"""

import datetime
import decimal
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_noop

from nettonoll.calc.problems import Problem, Rejected, register
from nettonoll.calc.trees import shape
from nettonoll.common.tabular import read_table, write_csv, write_xlsx

PROBLEMS = register(
    {
        "choice_unknown": gettext_noop("okänt värde %(value)s (tillåtna: %(allowed)s)"),
        "code_invalid": gettext_noop("koden %(value)s får inte innehålla mellanslag"),
        "codes_unknown": gettext_noop("okänd kod %(codes)s"),
        "date_invalid": gettext_noop(
            "datumet %(value)s kan inte läsas (skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ)"
        ),
        "date_out_of_range": gettext_noop("datumet %(value)s ligger utanför %(first)s–%(last)s"),
        "decimal_invalid": gettext_noop("värdet %(value)s är inget tal"),
        "decimal_out_of_range": gettext_noop(
            "värdet %(value)s %(unit)s ligger utanför %(first)s–%(last)s"
        ),
        "boolean_invalid": gettext_noop("värdet %(value)s ska vara ja eller nej"),
        "key_repeated": gettext_noop("samma rad finns redan på rad %(line)d"),
        "node_unknown": gettext_noop("okänd enhet %(code)s"),
        "parent_unknown": gettext_noop("okänd överordnad kod %(code)s"),
        "reference_unknown": gettext_noop("okänd kod %(code)s"),
        "tree_cycle": gettext_noop("cykel: %(chain)s"),
        "month_invalid": gettext_noop(
            "månaden %(value)s kan inte läsas (skriv ÅÅÅÅ-MM, till exempel 2024-01)"
        ),
        "year_invalid": gettext_noop("året %(value)s kan inte läsas (skriv ÅÅÅÅ)"),
        "year_out_of_range": gettext_noop("året %(value)s ligger utanför %(first)s–%(last)s"),
    }
)

FORMATS = ("csv", "xlsx")
SPACES = re.compile(r"[\s\u00a0]")  # between a number's thousands
MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-0?1(?: 00:00:00)?)?")


def quoted(value: object) -> str:
    return f"'{value}'"


def max_length(model: type[Model], name: str) -> int | None:
    """The longest value the model field stores (checked here: SQLite would store it whole,
    PostgreSQL refuse it)."""
    return model._meta.get_field(name).max_length  # type: ignore[union-attr]


class Invalid(ValueError):
    """A value a column cannot take: a problem code and its parameters."""

    def __init__(self, code: str, params: Mapping[str, Any]) -> None:
        super().__init__(code)
        self.code, self.params = code, dict(params)


@dataclass(frozen=True, kw_only=True)
class Column:
    """A column: its header, whether a value is required (`missing`: the problem code when it is
    empty), the longest value, and an example for the template. `optional_header`: the column
    may be left out of a file (added to a spec after files were written without it): then
    `Parsed.absent` names it and an import leaves what it would set as it is."""

    name: str
    required: bool = False
    optional_header: bool = False
    missing: str = "value_missing"
    max_length: int | None = None
    example: str = ""

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        """The value of a non-empty cell; `Invalid` when it cannot be one."""
        return raw

    def empty(self) -> Any:
        return None


@dataclass(frozen=True, kw_only=True)
class Text(Column):
    def empty(self) -> Any:
        return ""


@dataclass(frozen=True, kw_only=True)
class Code(Text):
    """A code: no white space inside."""

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        if re.search(r"\s", raw):
            raise Invalid("code_invalid", {"value": quoted(raw)})
        return raw


@dataclass(frozen=True, kw_only=True)
class Reference(Column):
    """A code of something that exists: the value is `refs[code]` (the refs for this column are
    given to `read`)."""

    unknown: str = "reference_unknown"

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        if refs is None or raw not in refs:
            raise Invalid(self.unknown, {"code": quoted(raw)})
        return refs[raw]


@dataclass(frozen=True, kw_only=True)
class NodeReference(Reference):
    """An organisation node by its code."""

    unknown: str = "node_unknown"


@dataclass(frozen=True, kw_only=True)
class Choice(Column):
    """One of a few values, written in Swedish or English in any case (`aliases`: spelling →
    value); `default` for an empty cell; `unknown`, `param` and `allowed` make the problem."""

    aliases: Mapping[str, str]
    default: str | None = None
    unknown: str = "choice_unknown"
    param: str = "value"
    allowed: str = ""

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        value = self.aliases.get(raw.strip().lower())
        if value is None:
            allowed = self.allowed or ", ".join(dict.fromkeys(self.aliases))
            raise Invalid(self.unknown, {self.param: quoted(raw), "allowed": allowed})
        return value

    def empty(self) -> Any:
        return self.default


def bound_text(value: decimal.Decimal) -> str:
    """A bound as Swedish writes it: "1 000 000" (no-break spaces), "0,5"; never "1E+6"."""
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", "\xa0")
    return format(value.normalize(), "f").replace(".", ",")


@dataclass(frozen=True, kw_only=True)
class Decimal(Column):
    """A number in `unit` (decimal comma or point, spaces between thousands) within bounds."""

    unit: str = ""
    min: decimal.Decimal | None = None
    max: decimal.Decimal | None = None

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        text = SPACES.sub("", raw).replace(",", ".")
        try:
            value = decimal.Decimal(text)
        except decimal.InvalidOperation as exc:
            raise Invalid("decimal_invalid", {"value": quoted(raw)}) from exc
        low = self.min if self.min is not None else decimal.Decimal("-1e15")
        high = self.max if self.max is not None else decimal.Decimal("1e15")
        if not value.is_finite() or not low <= value <= high:
            params = {
                "value": quoted(raw),
                "unit": self.unit,
                "first": bound_text(low),
                "last": bound_text(high),
            }
            raise Invalid("decimal_out_of_range", params)
        return value


@dataclass(frozen=True, kw_only=True)
class Date(Column):
    """A date `ÅÅÅÅ-MM-DD` (or a year, meaning its last day, when `year_is_last_day`)."""

    min: datetime.date = datetime.date(1900, 1, 1)
    max: datetime.date = datetime.date(2100, 12, 31)
    year_is_last_day: bool = False
    invalid: str = "date_invalid"

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        value: datetime.date | None = None
        if self.year_is_last_day and re.fullmatch(r"\d{4}", raw):
            value = datetime.date(int(raw), 12, 31)
        for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):  # XLSX dates come with a time
            if value is None:
                try:
                    value = datetime.datetime.strptime(raw, pattern).date()
                except ValueError:
                    continue
        if value is None:
            raise Invalid(self.invalid, {"value": quoted(raw)})
        if not self.min <= value <= self.max:
            params = {"value": quoted(raw), "first": self.min, "last": self.max}
            raise Invalid("date_out_of_range", params)
        return value


@dataclass(frozen=True, kw_only=True)
class Month(Column):
    """A calendar month `ÅÅÅÅ-MM` (also `ÅÅÅÅ-MM-01`, as XLSX dates come): the value is the
    month's first day; written back as `ÅÅÅÅ-MM`."""

    min: datetime.date = datetime.date(1900, 1, 1)
    max: datetime.date = datetime.date(2100, 12, 1)

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        found = MONTH.fullmatch(raw.strip())
        month = int(found.group(2)) if found else 0
        if found is None or not 1 <= month <= 12:
            raise Invalid("month_invalid", {"value": quoted(raw)})
        value = datetime.date(int(found.group(1)), month, 1)
        if not self.min <= value <= self.max:
            params = {"value": quoted(raw), "first": self.min, "last": self.max}
            raise Invalid("date_out_of_range", params)
        return value


def month_text(value: datetime.date | None) -> str:
    """A month as the files write it: `2024-01`."""
    return "" if value is None else f"{value.year:04d}-{value.month:02d}"


@dataclass(frozen=True, kw_only=True)
class Year(Column):
    min: int = 1900
    max: int = 2100

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        if not re.fullmatch(r"\d{4}(\.0)?", raw):  # XLSX numbers may come as 2024.0
            raise Invalid("year_invalid", {"value": quoted(raw)})
        value = int(raw[:4])
        if not self.min <= value <= self.max:
            raise Invalid(
                "year_out_of_range", {"value": quoted(raw), "first": self.min, "last": self.max}
            )
        return value


@dataclass(frozen=True, kw_only=True)
class CodeList(Column):
    """Codes separated by `|`; with refs, each must be known (`unknown`: the problem code)."""

    separator: str = "|"
    unknown: str = "codes_unknown"

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        codes = list(dict.fromkeys(c.strip() for c in raw.split(self.separator) if c.strip()))
        if refs is not None:
            missing = [c for c in codes if c not in refs]
            if missing:
                raise Invalid(self.unknown, {"codes": ", ".join(map(quoted, missing))})
            return [refs[c] for c in codes]
        return codes

    def empty(self) -> Any:
        return []


BOOLEANS = {
    **dict.fromkeys(("ja", "yes", "true", "sant", "1", "1.0", "x"), True),
    **dict.fromkeys(("nej", "no", "false", "falskt", "0", "0.0"), False),
}


@dataclass(frozen=True, kw_only=True)
class Boolean(Column):
    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        value = BOOLEANS.get(raw.strip().lower())
        if value is None:
            raise Invalid("boolean_invalid", {"value": quoted(raw)})
        return value


@dataclass(frozen=True)
class Line:
    """A row of the file: its line number (the header is line 1) and its values by column."""

    line: int
    values: dict[str, Any]
    raw: dict[str, str]

    def __getitem__(self, column: str) -> Any:
        return self.values[column]


@dataclass
class Parsed:
    """What the file says: its rows (without repeated keys), the problems, and for a spec with a
    parent column the depth of every code whose parents lead to a root."""

    rows: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=dict)
    absent: frozenset[str] = frozenset()  # optional columns the file does not have

    def reject(self) -> None:
        """Raise `Rejected` with every problem; a file without rows is a problem."""
        if not self.rows and not self.problems:
            self.problems.append(Problem("file_empty"))
        if self.problems:
            raise Rejected(self.problems)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class TableSpec:
    """Columns in file order; `key`: columns whose values may appear once in a file
    (`repeated`: the problem code, its column `repeated_column`); `parent`: a column of codes of
    the key column's own rows (a tree), checked for unknown codes (`parent_unknown`) and cycles
    (`cycle`)."""

    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    repeated: str = "key_repeated"
    repeated_column: str | None = None
    parent: str = ""
    cycle: str = "tree_cycle"

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def read(
        self,
        data: bytes,
        filename: str,
        *,
        refs: Mapping[str, Mapping[str, Any]] | None = None,
        existing_parents: Mapping[str, str] | None = None,
    ) -> Parsed:
        """Every row parsed and checked; nothing is written. `refs`: column → code → object for
        references; `existing_parents`: code → parent code of the rows already stored (a tree)."""
        required = [c.name for c in self.columns if not c.optional_header]
        table = read_table(data, filename, required=required)
        absent = frozenset(c for c in self.headers if c not in table.headers)
        parsed = Parsed(absent=absent)
        first_line: dict[tuple[str, ...], int] = {}
        for row in table.rows:
            values: dict[str, Any] = {}
            for column in self.columns:
                if column.name in absent:
                    values[column.name] = column.empty()
                    continue
                values[column.name] = self._cell(column, row.values[column.name], row.line, refs)
                if isinstance(values[column.name], Problem):
                    parsed.problems.append(values[column.name])
                    values[column.name] = None
            line = Line(row.line, values, {c: row.values.get(c, "") for c in self.headers})
            key = tuple(line.raw[c] for c in self.key)
            if self.key and all(key):
                if key in first_line:
                    params = {"line": first_line[key]}
                    params |= {c: quoted(line.raw[c]) for c in self.key}  # type: ignore[misc]
                    params.setdefault("code", quoted(line.raw[self.key[-1]]))  # type: ignore[arg-type]
                    where = self.key[0] if self.repeated_column is None else self.repeated_column
                    parsed.problems.append(Problem(self.repeated, params, row.line, where))
                    continue
                first_line[key] = row.line
            parsed.rows.append(line)
        if self.parent:
            parsed.problems += self._tree(parsed, existing_parents or {})
        return parsed

    def _cell(
        self, column: Column, raw: str, line: int, refs: Mapping[str, Mapping[str, Any]] | None
    ) -> Any:
        if column.max_length is not None and len(raw) > column.max_length:
            params = {"length": len(raw), "limit": column.max_length}
            return Problem("value_too_long", params, line, column.name)
        if not raw:
            if column.required:
                return Problem(column.missing, {}, line, column.name)
            return column.empty()
        try:
            return column.parse(raw, (refs or {}).get(column.name))
        except Invalid as invalid:
            return Problem(invalid.code, invalid.params, line, column.name)

    def _tree(self, parsed: Parsed, existing_parents: Mapping[str, str]) -> list[Problem]:
        """Unknown parents and cycles (the one cycle check of every import)."""
        code_column = self.key[0]
        parent_of = dict(existing_parents)
        for row in parsed.rows:
            if row.raw[code_column]:
                parent_of[row.raw[code_column]] = row.raw[self.parent]
        tree = shape(parent_of)
        parsed.depth = tree.depth
        problems = []
        for row in parsed.rows:
            code, parent = row.raw[code_column], row.raw[self.parent]
            if not code:
                continue
            if code in tree.unknown:
                params = {"code": quoted(parent)}
                problems.append(Problem("parent_unknown", params, row.line, self.parent))
            elif code in tree.cycles:
                params = {"chain": " → ".join(tree.cycles[code])}
                problems.append(Problem(self.cycle, params, row.line, self.parent))
        return problems

    def example(self) -> list[str]:
        return [c.example for c in self.columns]

    def write(self, rows: Iterable[Sequence[object]], file_format: str) -> bytes:
        """The rows in this spec's columns, as CSV or XLSX (formula-like cells neutralised). A
        number column's values are numbers in XLSX and written with a decimal comma in CSV (the
        semicolon CSV Swedish Excel opens), as the import reads them back."""
        numbers = [isinstance(c, Decimal) for c in self.columns]
        if file_format == "xlsx":
            return write_xlsx(
                self.headers, (_numbers(r, numbers, _as_number) for r in rows), title=self.title
            )
        if file_format == "csv":
            return write_csv(self.headers, (_numbers(r, numbers, _comma) for r in rows))
        raise ValueError(file_format)

    def template(self, file_format: str, *, example: bool = True) -> bytes:
        """An empty file with the headers (and an example row) to fill in."""
        rows = [self.example()] if example and any(self.example()) else []
        return self.write(rows, file_format)


NUMBER_TEXT = re.compile(r"-?\d+(\.\d+)?")


def _numbers(row: Sequence[object], numbers: list[bool], convert: Any) -> list[object]:
    return [
        convert(v) if is_number else v for v, is_number in zip(row, numbers, strict=False)
    ] + list(row[len(numbers) :])


def _comma(value: object) -> object:
    """`1234.5` → `1234,5` (a number written as text by an export's row)."""
    if isinstance(value, decimal.Decimal | float):
        value = format(value, "f")
    if isinstance(value, str) and NUMBER_TEXT.fullmatch(value):
        return value.replace(".", ",")
    return value


def _as_number(value: object) -> object:
    """A number written as text becomes a number cell (int when whole)."""
    if isinstance(value, str) and NUMBER_TEXT.fullmatch(value):
        number = decimal.Decimal(value)
        return int(number) if number == number.to_integral() else number
    return value
