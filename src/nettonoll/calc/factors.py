"""Emission factors and their lookup (METHODS.md §1, docs/methods/klimatbokslut.md).

A factor is `category, valid_year, factor, unit, scope, gwp_set, source`, the unit being
`<g|kg|t> CO2e/<activity unit>`. An activity of year Y uses the factor of its category with the
greatest `valid_year` ≤ Y; for gases the factor of the chosen GWP set.
"""

import csv
import io
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from nettonoll.calc.units import UnitError, parse_factor_unit

DEFAULT_GWP_SET = "AR5"  # SKR's 2019 guidance for Swedish regions used AR5
FACTOR_COLUMNS = ("category", "valid_year", "factor", "unit", "scope")


@dataclass(frozen=True)
class Factor:
    category: str
    valid_year: int
    factor: float
    unit: str
    scope: int
    gwp_set: str = ""
    boundary: str = ""
    publisher: str = ""
    title: str = ""
    year: int | None = None
    link: str = ""
    confidence: str = ""
    note: str = ""

    @property
    def tonnes_per_unit(self) -> float:
        """t CO2e per one unit of the factor's denominator."""
        return self.factor * parse_factor_unit(self.unit).tonnes_per_mass_unit

    @property
    def denominator(self) -> str:
        return parse_factor_unit(self.unit).denominator

    @property
    def source(self) -> str:
        parts = [self.publisher, self.title, str(self.year or ""), self.link]
        return ", ".join(p for p in parts if p)


class FactorError(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


class FactorTable:
    """Factors by category, each list sorted by valid year."""

    def __init__(self, factors: Iterable[Factor], *, gwp_set: str = DEFAULT_GWP_SET) -> None:
        self.gwp_set = gwp_set
        self._by_category: dict[str, list[Factor]] = defaultdict(list)
        for factor in factors:
            if factor.gwp_set and factor.gwp_set != gwp_set:
                continue
            self._by_category[factor.category].append(factor)
        for factors_of_category in self._by_category.values():
            factors_of_category.sort(key=lambda f: f.valid_year)

    def __contains__(self, category: str) -> bool:
        return category in self._by_category

    def __iter__(self) -> Iterator[Factor]:
        for factors in self._by_category.values():
            yield from factors

    def lookup(self, category: str, year: int) -> Factor:
        """The factor of `category` with the greatest valid year ≤ `year`."""
        factors = self._by_category.get(category)
        if not factors:
            raise FactorError("category_unknown", category=category)
        chosen = None
        for factor in factors:
            if factor.valid_year <= year:
                chosen = factor
        if chosen is None:
            raise FactorError(
                "factor_missing_for_year",
                category=category,
                year=year,
                first_year=factors[0].valid_year,
            )
        return chosen


def _detail(exc: Exception, row: dict[str, str]) -> str:
    """What could not be read, in Swedish (Python's own messages are English)."""
    if isinstance(exc, KeyError):
        return f"kolumnen {exc.args[0]} saknas"
    return "ett av värdena factor, valid_year, scope eller year är inget (ändligt) tal"


def _parse_rows(
    rows: Iterable[dict[str, str]],
) -> tuple[list[Factor], list[tuple[int, str, dict[str, object]]]]:
    factors: list[Factor] = []
    problems: list[tuple[int, str, dict[str, object]]] = []
    for line, row in enumerate(rows, start=2):
        try:
            factor = Factor(
                category=row["category"].strip(),
                valid_year=int(row["valid_year"]),
                factor=float(row["factor"].replace(",", ".").replace("\xa0", "").replace(" ", "")),
                unit=row["unit"].strip(),
                scope=int(row["scope"]),
                gwp_set=(row.get("gwp_set") or "").strip(),
                boundary=(row.get("boundary") or "").strip(),
                publisher=(row.get("publisher") or "").strip(),
                title=(row.get("title") or "").strip(),
                year=int(row["year"]) if (row.get("year") or "").strip() else None,
                link=(row.get("link") or "").strip(),
                confidence=(row.get("confidence") or "").strip(),
                note=(row.get("note") or "").strip(),
            )
            parse_factor_unit(factor.unit)
            if not math.isfinite(factor.factor):
                raise ValueError(row["factor"])
        except (KeyError, ValueError, TypeError) as exc:
            params: dict[str, object] = {"detail": _detail(exc, row)}
            if isinstance(exc, UnitError):
                params = dict(exc.params)
            problems.append((line, getattr(exc, "code", "factor_row_invalid"), params))
            continue
        if factor.scope not in (1, 2, 3):
            problems.append((line, "scope_invalid", {"scope": factor.scope}))
            continue
        factors.append(factor)
    return factors, problems


def read_factors(text: str) -> tuple[list[Factor], list[tuple[int, str, dict[str, object]]]]:
    """Factors from CSV text (comma or semicolon); returns the factors and (line, code, params)
    problems, the header being line 1."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    missing = [c for c in FACTOR_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [(1, "columns_missing", {"missing": ", ".join(missing)})]
    return _parse_rows(reader)


def default_factors() -> list[Factor]:
    """The shipped Swedish default set, with publisher, title, year and link per factor."""
    text = (
        resources.files("nettonoll.calc")
        .joinpath("data", "factors_se_default.csv")
        .read_text("utf-8")
    )
    factors, problems = read_factors(text)
    assert not problems, problems
    return factors


def factors_from_file(path: Path) -> tuple[list[Factor], list[tuple[int, str, dict[str, object]]]]:
    return read_factors(path.read_bytes().decode("utf-8-sig"))
