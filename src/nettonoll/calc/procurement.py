"""Procurement requirements and their follow-up for a year (docs/methods/procurement.md). No Django.

Over the procurements DECIDED in the year (`decided_on` in it), by count and by value (SEK):
* the share with at least one sustainability requirement — area `klimat`, `cirkularitet`,
  `kemikalier` or `social` (`annat` does not count);
* the share with a circularity requirement (area `cirkularitet`);
* the share with a sustainability requirement at advanced or spearhead level (`avancerad`,
  `spjutspets`; an `annat` requirement at those levels does not count).

Over the requirements whose follow-up was planned on or before 31 December of the year (whatever
year their procurement was decided): the share followed up by then (`followed_up_on` ≤ 31
December), and of those the share whose result is `uppfyllt`.

A share with nothing to divide by is None, never 0 (no procurements decided, no value, no
follow-up due). A share is never above 100 %: the part is always counted among the whole.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

SUSTAINABILITY_AREAS = frozenset({"klimat", "cirkularitet", "kemikalier", "social"})
CIRCULARITY = "cirkularitet"
HIGH_LEVELS = frozenset({"avancerad", "spjutspets"})
FULFILLED = "uppfyllt"

Number = int | float | Decimal


@dataclass(frozen=True)
class RequirementFacts:
    """A requirement as the calculation needs it (`key`: whatever identifies it to the caller)."""

    area: str
    level: str = ""
    follow_up_planned_on: datetime.date | None = None
    followed_up_on: datetime.date | None = None
    result: str = ""
    key: object = None


@dataclass(frozen=True)
class ProcurementFacts:
    decided_on: datetime.date
    value_sek: Number
    requirements: tuple[RequirementFacts, ...] = ()
    key: object = None


@dataclass(frozen=True)
class Share:
    """`part` of `whole` procurements, and their values in SEK."""

    part: int
    whole: int
    part_sek: Decimal
    whole_sek: Decimal

    @property
    def count_pct(self) -> float | None:
        return pct(self.part, self.whole)

    @property
    def value_pct(self) -> float | None:
        return pct(self.part_sek, self.whole_sek)


@dataclass(frozen=True)
class Ratio:
    """`part` of `whole` requirements."""

    part: int
    whole: int

    @property
    def pct(self) -> float | None:
        return pct(self.part, self.whole)


@dataclass(frozen=True)
class YearFigures:
    year: int
    with_requirements: Share
    circularity: Share
    advanced: Share
    followed_up: Ratio  # of the requirements whose follow-up was due by 31 December
    fulfilled: Ratio  # of those followed up by then
    decided: int = field(default=0)


def pct(part: Number, whole: Number) -> float | None:
    """part ÷ whole in %, None when there is nothing to divide by."""
    if not whole:
        return None
    return float(Decimal(part) / Decimal(whole) * 100)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def is_sustainability(requirement: RequirementFacts) -> bool:
    return requirement.area in SUSTAINABILITY_AREAS


def has_sustainability(procurement: ProcurementFacts) -> bool:
    return any(is_sustainability(r) for r in procurement.requirements)


def has_circularity(procurement: ProcurementFacts) -> bool:
    return any(r.area == CIRCULARITY for r in procurement.requirements)


def has_advanced(procurement: ProcurementFacts) -> bool:
    return any(is_sustainability(r) and r.level in HIGH_LEVELS for r in procurement.requirements)


def _share(decided: Sequence[ProcurementFacts], test: Callable[[ProcurementFacts], bool]) -> Share:
    matching = [p for p in decided if test(p)]
    return Share(
        part=len(matching),
        whole=len(decided),
        part_sek=sum((Decimal(p.value_sek) for p in matching), Decimal(0)),
        whole_sek=sum((Decimal(p.value_sek) for p in decided), Decimal(0)),
    )


def due_by(requirements: Iterable[RequirementFacts], year: int) -> list[RequirementFacts]:
    """The requirements whose follow-up was planned on or before 31 December of the year."""
    end = year_end(year)
    return [
        r
        for r in requirements
        if r.follow_up_planned_on is not None and r.follow_up_planned_on <= end
    ]


def followed_up_by(requirements: Iterable[RequirementFacts], year: int) -> list[RequirementFacts]:
    end = year_end(year)
    return [r for r in requirements if r.followed_up_on is not None and r.followed_up_on <= end]


def year_figures(procurements: Iterable[ProcurementFacts], year: int) -> YearFigures:
    """The year's figures over `procurements` (a node's subtree, every decision year)."""
    everything = list(procurements)
    decided = [p for p in everything if p.decided_on.year == year]
    due = due_by((r for p in everything for r in p.requirements), year)
    done = followed_up_by(due, year)
    return YearFigures(
        year=year,
        with_requirements=_share(decided, has_sustainability),
        circularity=_share(decided, has_circularity),
        advanced=_share(decided, has_advanced),
        followed_up=Ratio(len(done), len(due)),
        fulfilled=Ratio(sum(1 for r in done if r.result == FULFILLED), len(done)),
        decided=len(decided),
    )


def years_of(procurements: Iterable[ProcurementFacts]) -> list[int]:
    """Every year from the first decision or planned follow-up to the last, in order."""
    years: set[int] = set()
    for p in procurements:
        years.add(p.decided_on.year)
        years.update(r.follow_up_planned_on.year for r in p.requirements if r.follow_up_planned_on)
    return list(range(min(years), max(years) + 1)) if years else []


def figures_by_year(
    procurements: Iterable[ProcurementFacts], last_year: int | None = None
) -> list[YearFigures]:
    """Each year's figures from the first year the procurements know up to `last_year` (at
    least), in order."""
    everything = list(procurements)
    years = years_of(everything)
    if not years:
        return []
    last = max(years[-1], last_year or years[-1])
    return [year_figures(everything, y) for y in range(years[0], last + 1)]


def overdue(
    procurements: Iterable[ProcurementFacts], today: datetime.date
) -> list[tuple[ProcurementFacts, RequirementFacts]]:
    """Follow-ups planned before today and not done, the longest overdue first."""
    found = [
        (p, r)
        for p in procurements
        for r in p.requirements
        if r.follow_up_planned_on is not None
        and r.follow_up_planned_on < today
        and r.followed_up_on is None
    ]
    return sorted(found, key=lambda pair: pair[1].follow_up_planned_on or today)
