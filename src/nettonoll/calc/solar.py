"""Solar power figures, framework-free: self-consumption and self-sufficiency of a node's
buildings, installed kWp on a day, and the linear path to a target kWp.

* Self-consumption rate = (produced − exported) ÷ produced: the share of the panels' output the
  buildings used themselves. No production: no rate (None, not 0 %).
* Self-sufficiency = self-consumed ÷ (electricity bought + self-consumed), over every building
  counted for the node (those without panels too), each weighted by the share of it that counts
  for the node (its units' area shares, as the energy figures). No production: no rate; no
  electricity readings at all for the year (bought None): no rate either (missing, not 100 %).

Both are kept within 0–100 % (an export larger than the production is refused on import; a
rounding of weighted sums cannot push a rate above 100 %)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Installation:
    """An installation as the figures need it: its building, kWp and time in service."""

    building_id: int
    kwp: float
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass(frozen=True)
class YearSolar:
    """A node's solar figures for a year (kWh and kWp weighted by the buildings' shares)."""

    year: int
    kwp: float
    produced_kwh: float
    exported_kwh: float
    bought_kwh: float | None  # None: no readings of electricity bought that year
    self_consumption_pct: float | None
    self_sufficiency_pct: float | None

    @property
    def self_consumed_kwh(self) -> float:
        return max(self.produced_kwh - self.exported_kwh, 0.0)


def _bounded(value: float) -> float:
    return min(max(value, 0.0), 100.0)


def self_consumption_pct(produced_kwh: float, exported_kwh: float) -> float | None:
    """(produced − exported) ÷ produced in %, None without production."""
    if produced_kwh <= 0:
        return None
    return _bounded((produced_kwh - exported_kwh) / produced_kwh * 100)


def self_sufficiency_pct(
    produced_kwh: float, exported_kwh: float, bought_kwh: float | None
) -> float | None:
    """Self-consumed ÷ (bought + self-consumed) in %, None without production or without any
    reading of electricity bought (`bought_kwh` None: unknown, not 0)."""
    if produced_kwh <= 0 or bought_kwh is None:
        return None
    consumed = max(produced_kwh - exported_kwh, 0.0)
    whole = consumed + max(bought_kwh, 0.0)
    if whole <= 0:
        return None
    return _bounded(consumed / whole * 100)


def in_service(installation: Installation, on: datetime.date) -> bool:
    return installation.valid_from <= on and (
        installation.valid_to is None or installation.valid_to > on
    )


def kwp_on(
    installations: Iterable[Installation], weights: dict[int, float], on: datetime.date
) -> float:
    """Installed kWp in service on the day, each weighted by its building's share."""
    return sum(i.kwp * weights.get(i.building_id, 0.0) for i in installations if in_service(i, on))


def year_figures(
    year: int,
    installations: Iterable[Installation],
    weights: dict[int, float],
    produced_kwh: float,
    exported_kwh: float,
    bought_kwh: float | None,
    on: datetime.date | None = None,
) -> YearSolar:
    """A year's figures; kWp on 31 December (`on`: another day, e.g. today for the current,
    preliminary year), kWh the sums over the year's months (weighted)."""
    return YearSolar(
        year=year,
        kwp=kwp_on(installations, weights, on or datetime.date(year, 12, 31)),
        produced_kwh=produced_kwh,
        exported_kwh=exported_kwh,
        bought_kwh=bought_kwh,
        self_consumption_pct=self_consumption_pct(produced_kwh, exported_kwh),
        self_sufficiency_pct=self_sufficiency_pct(produced_kwh, exported_kwh, bought_kwh),
    )


@dataclass(frozen=True)
class TargetPath:
    """The straight line from the base year's installed kWp (31 December) to the target kWp in
    the target year; `expected_kwp` is the line's value for `year` (this year), `on_track` whether
    today's kWp is at or above it, `needed_kwp_per_year` what must be added each remaining year
    (from this year to the target year, this year included when its 31 December is ahead)."""

    base_year: int
    base_kwp: float
    target_year: int
    target_kwp: float
    year: int
    current_kwp: float
    expected_kwp: float
    on_track: bool
    needed_kwp_per_year: float | None
    points: tuple[tuple[int, float], ...]


def path_value(
    base_year: int, base_kwp: float, target_year: int, target_kwp: float, year: int
) -> float:
    """The line's value for a year (the base before it, the target after it)."""
    if year <= base_year or target_year <= base_year:
        return base_kwp if year <= base_year else target_kwp
    if year >= target_year:
        return target_kwp
    return base_kwp + (target_kwp - base_kwp) * (year - base_year) / (target_year - base_year)


def target_path(
    base_year: int,
    base_kwp: float,
    target_year: int,
    target_kwp: float,
    year: int,
    current_kwp: float,
) -> TargetPath:
    """The path and where `current_kwp` (installed today, in `year`) stands against it."""
    expected = path_value(base_year, base_kwp, target_year, target_kwp, year)
    remaining_years = target_year - year + 1  # this year's 31 December is still ahead
    missing = max(target_kwp - current_kwp, 0.0)
    needed = missing / remaining_years if remaining_years > 0 else None
    if needed is None and missing == 0:
        needed = 0.0
    points = tuple(
        (y, path_value(base_year, base_kwp, target_year, target_kwp, y))
        for y in range(base_year, max(target_year, base_year) + 1)
    )
    return TargetPath(
        base_year=base_year,
        base_kwp=base_kwp,
        target_year=target_year,
        target_kwp=target_kwp,
        year=year,
        current_kwp=current_kwp,
        expected_kwp=expected,
        on_track=current_kwp >= expected - 1e-9,
        needed_kwp_per_year=needed,
        points=points,
    )
