"""Complete and preliminary years of a klimatbokslut (docs/methods/klimatbokslut.md, "Preliminära
år").

A year is *complete* when the organisation has closed it ("fastställt"), or, until then, when
every category that had data the year before covers all twelve months in it. When the year before
has no data (the first year, or after a gap), the year's own categories must each cover all
twelve months. Every other year is *preliminary*: it is shown as such, and kept out of trends,
verdicts, run-out years, required cuts and what has been emitted so far.

Months are a 12-bit mask: bit 0 is January, bit 11 December; a row for a whole year (period
ÅÅÅÅ) covers all of them (`ALL_MONTHS`). A row for a month or a day covers the months since the
category's previous row in that year: a quarterly export dated 2025-03, 2025-06 … reports each
quarter at its last month, so a category covers January through its latest month (`covered`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ALL_MONTHS = 0xFFF


def month_mask(month: int | None) -> int:
    """The mask of one period's month (1–12); None or 0 (a whole year): every month."""
    if not month:
        return ALL_MONTHS
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    return 1 << (month - 1)


def last_month(mask: int) -> int | None:
    """The latest month (1–12) a mask covers; None for an empty mask."""
    mask &= ALL_MONTHS
    return mask.bit_length() or None


def months_in(mask: int) -> int:
    return bin(mask & ALL_MONTHS).count("1")


def covered(mask: int) -> int:
    """The months a category's rows cover: January through the latest month with data."""
    return (1 << (last_month(mask) or 0)) - 1


@dataclass(frozen=True)
class YearState:
    """Whether a year is complete, why, and how far its data reaches."""

    year: int
    complete: bool
    closed: bool  # closed by the organisation (fastställt)
    last_month: int | None  # the latest month with data in any category
    incomplete: tuple[str, ...]  # categories that do not cover all twelve months

    @property
    def preliminary(self) -> bool:
        return not self.complete


def year_states(
    coverage: Mapping[int, Mapping[str, int]], closed: Iterable[int] = ()
) -> dict[int, YearState]:
    """Every year with data: `coverage` is year → category → month mask (the union over the
    organisation's units), `closed` the years the organisation has closed. A closed year without
    data is listed too (complete, no months)."""
    closed_years = set(closed)
    states = {}
    for year in sorted(set(coverage) | closed_years):
        months = coverage.get(year, {})
        before = coverage.get(year - 1, {})
        expected = sorted(before) if before else sorted(months)
        incomplete = tuple(c for c in expected if covered(months.get(c, 0)) != ALL_MONTHS)
        union = 0
        for mask in months.values():
            union |= mask
        is_closed = year in closed_years
        states[year] = YearState(
            year=year,
            complete=is_closed or (bool(months) and not incomplete),
            closed=is_closed,
            last_month=last_month(union),
            incomplete=incomplete,
        )
    return states


def preliminary_years(states: Mapping[int, YearState]) -> list[int]:
    return sorted(y for y, s in states.items() if s.preliminary)


def split_years(
    totals: Mapping[int, float], preliminary: Iterable[int]
) -> tuple[dict[int, float], dict[int, float]]:
    """(complete years, preliminary years) of a year → value series."""
    held_back = set(preliminary)
    complete = {y: v for y, v in totals.items() if y not in held_back}
    return complete, {y: v for y, v in totals.items() if y in held_back}
