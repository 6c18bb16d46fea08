"""Emission factors and their lookup (METHODS.md §1, docs/methods/klimatbokslut.md).

A factor is `category, valid_year, factor, unit, scope, scope3_category, gwp_set, source`, the
unit being `<g|kg|t> CO2e/<activity unit>`. An activity of year Y uses the factors of its category
with the greatest `valid_year` ≤ Y; for gases those of the chosen GWP set. A category may have
several parts in one year, one per scope, as the GHG Protocol draws them: a fuel's combustion
(scope 1) and its production and transport, well to tank (scope 3, category 3).
"""

import csv
import io
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from nettonoll.calc.categories import labels
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
    scope3_category: int | None = None  # GHG Protocol scope-3 category 1–15 (scope 3 only)
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


GWP_SETS = ("AR4", "AR5", "AR6")


def gwp_set_of_file(factors: Iterable[Factor]) -> str | None:
    """The GWP set a factor file is written in: the one set its gas factors name, None when no
    factor names one. A file naming several sets is refused (`gwp_sets_mixed`): which one to use
    must then be chosen (`--gwp-set`), not guessed."""
    sets = sorted({f.gwp_set for f in factors if f.gwp_set})
    if len(sets) > 1:
        raise FactorError("gwp_sets_mixed", sets=", ".join(sets))
    return sets[0] if sets else None


class FactorTable:
    """Factors by category, each list sorted by valid year. Factors of another GWP set than the
    chosen one are not used, but kept to say so (`factor_other_gwp_set`)."""

    def __init__(self, factors: Iterable[Factor], *, gwp_set: str = DEFAULT_GWP_SET) -> None:
        self.gwp_set = gwp_set
        self._by_category: dict[str, list[Factor]] = defaultdict(list)
        self._other_sets: dict[str, set[str]] = defaultdict(set)
        for factor in factors:
            if factor.gwp_set and factor.gwp_set != gwp_set:
                self._other_sets[factor.category].add(factor.gwp_set)
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
        """The factor of `category` with the greatest valid year ≤ `year` (its first part, by
        scope, when it has several: see `parts`)."""
        return self.parts(category, year)[0]

    def parts(self, category: str, year: int) -> tuple[Factor, ...]:
        """Every part (one per scope) of `category`'s factors with the greatest valid year ≤
        `year`: a later vintage replaces all parts of an earlier one."""
        factors = self._by_category.get(category)
        if not factors:
            if category in self._other_sets:
                raise FactorError(
                    "factor_other_gwp_set",
                    category=category,
                    available=", ".join(sorted(self._other_sets[category])),
                    gwp_set=self.gwp_set,
                )
            if category in labels():
                raise FactorError("factor_missing_for_category", category=category)
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
        return tuple(
            sorted((f for f in factors if f.valid_year == chosen.valid_year), key=lambda f: f.scope)
        )


def _detail(exc: Exception, row: dict[str, str]) -> str:
    """What could not be read, in Swedish (Python's own messages are English)."""
    if isinstance(exc, KeyError):
        return f"kolumnen {exc.args[0]} saknas"
    return (
        "ett av värdena factor, valid_year, scope, scope3_category eller year är inget "
        "(ändligt) tal"
    )


def _parse_rows(
    rows: Iterable[dict[str, str]],
) -> tuple[list[Factor], list[tuple[int, str, dict[str, object]]]]:
    factors: list[Factor] = []
    problems: list[tuple[int, str, dict[str, object]]] = []
    parts: dict[tuple[str, int, str], str] = {}  # the parts of a factor share one denominator
    for line, row in enumerate(rows, start=2):
        try:
            factor = Factor(
                category=row["category"].strip(),
                valid_year=int(row["valid_year"]),
                factor=float(row["factor"].replace(",", ".").replace("\xa0", "").replace(" ", "")),
                unit=row["unit"].strip(),
                scope=int(row["scope"]),
                gwp_set=(row.get("gwp_set") or "").strip().upper(),
                boundary=(row.get("boundary") or "").strip(),
                publisher=(row.get("publisher") or "").strip(),
                title=(row.get("title") or "").strip(),
                year=int(row["year"]) if (row.get("year") or "").strip() else None,
                link=(row.get("link") or "").strip(),
                confidence=(row.get("confidence") or "").strip(),
                scope3_category=(
                    int(row["scope3_category"])
                    if (row.get("scope3_category") or "").strip()
                    else None
                ),
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
        if factor.gwp_set and factor.gwp_set not in GWP_SETS:
            problems.append(
                (line, "gwp_set_unknown", {"gwp_set": factor.gwp_set, "known": ", ".join(GWP_SETS)})
            )
            continue
        if factor.scope not in (1, 2, 3):
            problems.append((line, "scope_invalid", {"scope": factor.scope}))
            continue
        if factor.scope3_category is not None and (
            factor.scope != 3 or not 1 <= factor.scope3_category <= 15
        ):
            problems.append(
                (line, "scope3_category_invalid", {"scope3_category": factor.scope3_category})
            )
            continue
        key = (factor.category, factor.valid_year, factor.gwp_set)
        if parts.setdefault(key, factor.denominator) != factor.denominator:
            problems.append(
                (line, "factor_parts_units", {"category": factor.category, "unit": factor.unit})
            )
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
