"""One problem type for everything Nettonoll refuses: a code with parameters, at a line (0: the
input as a whole) and maybe a column; one exception, `Rejected`; and grouping by cause.

`calc` has no Django and so no gettext. The message templates are Swedish source texts marked
with the local `gettext_noop`, so that Django's `makemessages` extracts them; `text()` gives the
Swedish source, `nettonoll.common.problems` renders the same templates through gettext in the
user's language. Capabilities above `calc` register their own codes with `register`.

Grouping: problems with the same cause (code, column, parameters) become one `ProblemGroup`
with the count and every line number (up to LINES_KEPT), so a file where 100 000 lines fail for
one reason is one line for the user. Large inputs build their groups straight from a table
(`ProblemGroup(problem, lines, count)`), without one object per line.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl


def gettext_noop(message: str) -> str:
    """Marks a text for translation (makemessages extracts it); the text itself is unchanged."""
    return message


LINES_KEPT = 100_000  # line numbers kept per cause (the count is always exact)
LINES_SHOWN = 5  # line numbers shown after a grouped message
MAX_GROUPS = 1000  # causes kept per rejection, the first ones by line

MESSAGES: dict[str, str] = {
    # reading tables
    "file_blank": gettext_noop("filen är tom"),
    "file_empty": gettext_noop("filen innehåller inga rader under rubrikraden"),
    "file_unreadable": gettext_noop("filen är inte en CSV- eller XLSX-fil som går att läsa"),
    "file_not_text": gettext_noop("filen är inte en textfil (CSV) eller en XLSX-fil"),
    "file_encoding": gettext_noop("filen kunde inte läsas som UTF-8 eller Windows-1252"),
    "file_not_xlsx": gettext_noop("filen är ingen giltig XLSX-arbetsbok"),
    "file_named_xlsx": gettext_noop("filen heter .xlsx men är ingen XLSX-arbetsbok"),
    "file_too_large": gettext_noop(
        "arbetsboken är för stor: %(detail)s (högst %(limit)s); dela upp filen"
    ),
    "cell_too_long": gettext_noop("cellen har %(length)s tecken (högst %(limit)s)"),
    "header_repeated": gettext_noop("rubriken %(header)s finns flera gånger"),
    "columns_missing": gettext_noop("kolumner saknas: %(missing)s"),
    "columns_missing_required": gettext_noop(
        "kolumner saknas: %(missing)s (rubrikraden ska innehålla %(required)s)"
    ),
    "value_missing": gettext_noop("värde saknas"),
    "value_too_long": gettext_noop("värdet har %(length)s tecken (högst %(limit)s)"),
    # the klimatbokslut
    "quantity_invalid": gettext_noop("mängden '%(value)s' är inget tal"),
    "quantity_too_large": gettext_noop("mängden %(value)s är orimligt stor (högst %(limit)s)"),
    "period_invalid": gettext_noop(
        "perioden '%(value)s' kan inte läsas (skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)"
    ),
    "period_out_of_range": gettext_noop(
        "perioden '%(value)s' ligger utanför åren %(first)s–%(last)s"
    ),
    "unit_missing": gettext_noop("enheten saknas"),
    "unit_unknown": gettext_noop("okänd enhet '%(unit)s'"),
    "unit_mismatch": gettext_noop(
        "enheten '%(unit)s' kan inte räknas om till faktorns enhet '%(target)s'"
    ),
    "category_unknown": gettext_noop("okänd kategori '%(category)s' (ingen emissionsfaktor)"),
    "factor_missing_for_category": gettext_noop(
        "kategorin '%(category)s' saknar emissionsfaktor bland faktorerna"
    ),
    "factor_other_gwp_set": gettext_noop(
        "faktorn för '%(category)s' finns för %(available)s, inte för %(gwp_set)s "
        "(välj GWP-uppsättning)"
    ),
    "gwp_sets_mixed": gettext_noop(
        "faktorfilen blandar GWP-uppsättningar (%(sets)s); ange vilken som ska användas "
        "med --gwp-set"
    ),
    "gwp_set_unknown": gettext_noop("okänd GWP-uppsättning '%(gwp_set)s' (kända: %(known)s)"),
    "factor_missing_for_year": gettext_noop(
        "ingen emissionsfaktor för '%(category)s' år %(year)s (första år: %(first_year)s)"
    ),
    "factor_unit_invalid": gettext_noop(
        "faktorns enhet '%(unit)s' ska vara g, kg eller t CO2e per enhet"
    ),
    "factor_row_invalid": gettext_noop("raden kan inte läsas: %(detail)s"),
    "scope_invalid": gettext_noop("scope %(scope)s ska vara 1, 2 eller 3"),
    "scope3_category_invalid": gettext_noop(
        "scope 3-kategorin %(scope3_category)s ska vara 1–15 och bara anges för scope 3"
    ),
    "factor_parts_units": gettext_noop(
        "faktorns delar för '%(category)s' har olika enheter ('%(unit)s'); alla delar av en "
        "faktor ska gälla samma enhet"
    ),
    "mapping_unknown": gettext_noop("okänd kolumnmall '%(name)s' (finns: %(known)s)"),
    "mapping_value_unknown": gettext_noop(
        "värdet '%(value)s' finns inte i kolumnmallen (kända: %(known)s)"
    ),
    "account_range_invalid": gettext_noop("kontointervallet kan inte läsas ('%(value)s')"),
    "value_line_invalid": gettext_noop("raden '%(value)s' ska vara värde;kategori"),
    "file_already_imported": gettext_noop(
        "samma fil (%(filename)s) importerades redan %(date)s; välj att ersätta den "
        "tidigare importen om du vill läsa in den igen"
    ),
    "org_unit_unknown": gettext_noop("okänd enhet '%(org_unit)s' i organisationen"),
}
LINE = gettext_noop("rad %(line)s")
COLUMN = gettext_noop("kolumn %(column)s")
GROUPED = gettext_noop("%(message)s (%(count)s rader: rad %(lines)s)")
MORE = "…"


def swedish_number(value: int) -> str:
    """2 200 (a no-break space between thousands, as Swedish writes numbers)."""
    return f"{value:,}".replace(",", "\u00a0")


def rows(groups: Iterable["ProblemGroup"], translate: Any = None) -> Iterator[tuple[Any, ...]]:
    """Every kept line with its problem: (line or "", column, message), for a CSV of the list."""
    for each in groups:
        message = each.problem.message(translate)
        for line in each.lines:
            yield (line or "", each.problem.column, message)


def register(messages: Mapping[str, str]) -> Mapping[str, str]:
    """Add a capability's problem codes (templates marked with gettext_noop) to the catalogue."""
    for code, template in messages.items():
        if MESSAGES.get(code, template) != template:
            raise ValueError(f"problem code {code!r} is registered twice with different texts")
        MESSAGES[code] = template
    return messages


def template(code: str) -> str:
    return MESSAGES[code]


@dataclass(frozen=True)
class Problem:
    """A problem with a code and parameters, at a line (0: the input as a whole) and maybe a
    column."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    line: int = 0
    column: str = ""

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"unknown problem code {self.code!r}")

    @property
    def cause(self) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        """What problems with the same reason share (the line is not part of it)."""
        return self.code, self.column, tuple(sorted((k, str(v)) for k, v in self.params.items()))

    def message(self, translate: Any = None) -> str:
        """The message without its place; `translate` is gettext (the Swedish source without)."""
        translate = translate or gettext_noop
        return str(translate(MESSAGES[self.code]) % dict(self.params))

    def text(self, translate: Any = None) -> str:
        """`rad 5, kolumn unit: …` (a capitalised sentence for the input as a whole)."""
        capital = MESSAGES[self.code][:1].islower()  # "filen är tom", not "%(detail)s: …"
        return place(self.line, self.column, self.message(translate), translate, capital=capital)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "params": dict(self.params),
            "line": self.line,
            "column": self.column,
        }


def place(
    line: int, column: str, message: str, translate: Any = None, *, capital: bool = True
) -> str:
    translate = translate or gettext_noop
    if line == 0 and not column:
        return message[:1].upper() + message[1:] if capital else message
    where = [translate(LINE) % {"line": line}] if line else []
    if column:
        where.append(translate(COLUMN) % {"column": column})
    return f"{', '.join(where)}: {message}"


@dataclass(frozen=True)
class ProblemGroup:
    """Every line with one cause: the first line's problem, the line numbers (ascending, up to
    LINES_KEPT) and their exact count."""

    problem: Problem
    lines: Sequence[int]
    count: int

    @classmethod
    def of(cls, problem: Problem) -> "ProblemGroup":
        return cls(problem, (problem.line,), 1)

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else self.problem.line

    def problems(self) -> Iterator[Problem]:
        """One problem per kept line."""
        p = self.problem
        for line in self.lines:
            yield Problem(p.code, p.params, line, p.column)

    def text(self, translate: Any = None, number: Any = None) -> str:
        """One line for the cause: `kolumn unit: … (2 200 rader: rad 2, 5, 9 …)`; `number`
        formats the count as the user's language writes it."""
        translate = translate or gettext_noop
        number = number or swedish_number
        p = self.problem
        if self.count == 1:
            return p.text(translate)
        shown = ", ".join(str(line) for line in self.lines[:LINES_SHOWN])
        if self.count > LINES_SHOWN:
            shown += " " + MORE
        message = translate(GROUPED) % {
            "message": p.message(translate),
            "count": number(self.count),
            "lines": shown,
        }
        return place(0, p.column, message, translate) if p.column else message

    def as_dict(self) -> dict[str, Any]:
        """JSON for a job's stored outcome; `line` is the first line."""
        return {
            "code": self.problem.code,
            "params": dict(self.problem.params),
            "column": self.problem.column,
            "line": self.first_line,
            "count": self.count,
            "lines": list(self.lines),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ProblemGroup":
        line = int(data.get("line", 0))
        lines = [int(n) for n in data.get("lines", [line])]
        problem = Problem(data["code"], data.get("params", {}), line, data.get("column", ""))
        return cls(problem, lines, int(data.get("count", len(lines))))


def groups_of(
    frame: pl.DataFrame,
    code: str,
    column: str = "",
    params: Mapping[str, str] | None = None,
    fixed: Mapping[str, Any] | None = None,
) -> list[ProblemGroup]:
    """The problems of a table's failing rows, grouped in Polars (no object per line): `frame`
    has `line` and, for every parameter, the column that holds its value (`params`: parameter →
    column; `fixed`: parameters with one value for all); one group per distinct parameter values."""
    params = params or {}
    if frame.height == 0:
        return []
    keys = list(dict.fromkeys(params.values()))
    lines = pl.col("line").sort()
    grouped = (
        frame.lazy()
        .group_by(keys or pl.lit(0).alias("_all"))
        .agg(
            lines.head(LINES_KEPT).alias("lines"),
            pl.len().alias("count"),
            pl.col("line").min().alias("first"),
        )
        .sort("first")
        .head(MAX_GROUPS)
        .collect()
    )
    groups = []
    for row in grouped.iter_rows(named=True):
        values = {**(fixed or {}), **{name: row[source] for name, source in params.items()}}
        problem = Problem(code, values, row["first"], column)
        groups.append(ProblemGroup(problem, row["lines"], row["count"]))
    return groups


def group(items: Iterable[Problem | ProblemGroup]) -> list[ProblemGroup]:
    """One group per cause, merged across the items, sorted by first line (then column); at most
    MAX_GROUPS."""
    merged: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[Any]] = {}
    for item in items:
        found = item if isinstance(item, ProblemGroup) else ProblemGroup.of(item)
        key = found.problem.cause
        if key in merged:
            merged[key][1].append(found.lines)
            merged[key][2] += found.count
        else:
            merged[key] = [found.problem, [found.lines], found.count]
    groups = []
    for problem, parts, count in merged.values():
        merged_lines = parts[0] if len(parts) == 1 else sorted({n for part in parts for n in part})
        lines = merged_lines[:LINES_KEPT]
        first = Problem(problem.code, problem.params, lines[0] if lines else 0, problem.column)
        groups.append(ProblemGroup(first, lines, count))
    groups.sort(key=lambda g: (g.first_line, g.problem.column))
    return groups[:MAX_GROUPS]


class Rejected(Exception):
    """Input refused as a whole; nothing is computed or stored. `groups`: one per cause, by first
    line; `problems`: one per line (for small inputs and tests; large ones use `groups`)."""

    def __init__(self, problems: Iterable[Problem | ProblemGroup]) -> None:
        self.groups = group(problems)
        super().__init__("\n".join(g.text() for g in self.groups[:20]))

    @property
    def problems(self) -> list[Problem]:
        every = [p for g in self.groups for p in g.problems()]
        return sorted(every, key=lambda p: (p.line, p.column))

    @property
    def count(self) -> int:
        """The number of lines with a problem (the input as a whole counts once)."""
        return sum(g.count for g in self.groups)

    def has(self, code: str) -> bool:
        return any(g.problem.code == code for g in self.groups)
