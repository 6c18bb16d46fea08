"""A subtree's energy year by year from its monthly figures (framework-free): measured and
degree-day normalised kWh per carrier, kWh per m² Atemp, the weighted primary energy number
(Boverket's weighting factors, `data/primary_energy_factors.csv`) and the change against a base
year (docs/methods/energy.md).

A year's normalised figure exists only when every month with readings could be normalised: a
month whose locality lacks degree days makes the year's normalised figure missing (with the
localities that lack them), never silently the measured one."""

import csv
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "primary_energy_factors.csv"


@dataclass(frozen=True)
class WeightingFactor:
    carrier: str
    factor: float
    valid_from: datetime.date
    version: str
    source: str


@cache
def weighting_factors() -> tuple[WeightingFactor, ...]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return tuple(
            WeightingFactor(
                row["carrier"],
                float(row["weighting_factor"]),
                datetime.date.fromisoformat(row["valid_from"]),
                row["version"],
                row["source"],
            )
            for row in csv.DictReader(handle)
        )


def weighting_factor(carrier: str) -> WeightingFactor | None:
    """The carrier's weighting factor in force now (the newest version), applied to every year so
    that a series stays comparable; None for a carrier without one."""
    found = [f for f in weighting_factors() if f.carrier == carrier]
    return max(found, key=lambda f: f.valid_from) if found else None


@dataclass(frozen=True)
class MonthFigure:
    """A subtree's use of a carrier in a month (kWh, area shares applied); `normalised_kwh` None
    when it could not be normalised."""

    month: datetime.date
    carrier: str
    kwh: float
    normalised_kwh: float | None


@dataclass
class YearEnergy:
    """A year's figures; `missing`: the localities whose degree days are lacking for a month of
    the year ("" for a building without a locality); `preliminary`: the year is not over."""

    year: int
    kwh: float = 0.0
    normalised_kwh: float | None = 0.0
    carriers: dict[str, tuple[float, float | None]] = field(default_factory=dict)
    months: int = 0
    atemp_m2: float = 0.0
    missing: tuple[str, ...] = ()
    preliminary: bool = False

    @property
    def kwh_per_m2(self) -> float | None:
        return self.kwh / self.atemp_m2 if self.atemp_m2 > 0 else None

    @property
    def normalised_kwh_per_m2(self) -> float | None:
        if self.normalised_kwh is None or self.atemp_m2 <= 0:
            return None
        return self.normalised_kwh / self.atemp_m2

    @property
    def primary_energy_number(self) -> float | None:
        """Σ normalised kWh × the carrier's weighting factor ÷ Atemp (kWh/m²; BBR 9:2 without
        the geographic adjustment factor). None without Atemp, a normalised figure, or a factor
        for a carrier used."""
        if self.atemp_m2 <= 0 or self.normalised_kwh is None:
            return None
        total = 0.0
        for carrier, (_kwh, normalised) in self.carriers.items():
            factor = weighting_factor(carrier)
            if factor is None or normalised is None:
                return None
            total += normalised * factor.factor
        return total / self.atemp_m2


def years_of(
    months: Iterable[MonthFigure],
    atemp_m2: Mapping[int, float],
    missing: Mapping[int, Iterable[str]],
    today: datetime.date,
) -> list[YearEnergy]:
    """The years with readings, oldest first; `atemp_m2`: year → the subtree's Atemp on
    31 December (today for the year in progress); `missing`: year → localities lacking degree
    days in a month with readings."""
    years: dict[int, YearEnergy] = {}
    carriers: dict[int, dict[str, list[float | None]]] = defaultdict(dict)
    seen: dict[int, set[int]] = defaultdict(set)
    for m in months:
        year = years.setdefault(m.month.year, YearEnergy(m.month.year))
        year.kwh += m.kwh
        year.normalised_kwh = (
            None
            if year.normalised_kwh is None or m.normalised_kwh is None
            else year.normalised_kwh + m.normalised_kwh
        )
        sums = carriers[m.month.year].setdefault(m.carrier, [0.0, 0.0])
        sums[0] = (sums[0] or 0.0) + m.kwh
        sums[1] = (
            None if sums[1] is None or m.normalised_kwh is None else sums[1] + m.normalised_kwh
        )
        seen[m.month.year].add(m.month.month)
    for number, year in years.items():
        year.carriers = {c: (v[0] or 0.0, v[1]) for c, v in sorted(carriers[number].items())}
        year.months = len(seen[number])
        year.atemp_m2 = atemp_m2.get(number, 0.0)
        year.missing = tuple(sorted(set(missing.get(number, ()))))
        year.preliminary = number >= today.year
        if year.missing:
            year.normalised_kwh = None
    return [years[y] for y in sorted(years)]


def change_pct(value: float | None, base: float | None) -> float | None:
    """The change from `base` to `value` in per cent; None when either is missing or base is 0."""
    if value is None or base is None or base == 0:
        return None
    return (value - base) / base * 100
