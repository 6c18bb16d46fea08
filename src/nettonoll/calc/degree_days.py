"""Degree-day normalisation of a building's energy (SMHI graddagar, base +17 °C, monthly).

For each month `E_norm = E_independent + E_dependent × GD_normal / GD_actual`, where
`E_dependent = E × share` is the temperature-dependent part (heating) and the rest (hot water,
property electricity) is not corrected. A month with zero actual degree days is treated as
wholly temperature independent. Degree days of different base temperatures are never mixed.

Default temperature-dependent shares per carrier: `data/energy_carriers.csv` (with source)."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "energy_carriers.csv"


@dataclass(frozen=True)
class CarrierDefault:
    carrier: str
    temperature_dependent_share: float
    source: str


@cache
def carrier_defaults() -> dict[str, CarrierDefault]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return {
            row["carrier"]: CarrierDefault(
                row["carrier"], float(row["temperature_dependent_share"]), row["source"]
            )
            for row in csv.DictReader(handle)
        }


def default_dependent_share(carrier: str) -> float:
    """The share of a carrier's use that depends on the outdoor temperature when a reading does
    not give its own (0 for a carrier not listed)."""
    found = carrier_defaults().get(carrier)
    return found.temperature_dependent_share if found else 0.0


def normalised_kwh(
    kwh: float, dependent_share: float, degree_days: float, normal_degree_days: float
) -> float:
    """A month's use corrected to a normal year (see the module text)."""
    if degree_days <= 0:
        return kwh
    dependent = kwh * dependent_share
    return kwh - dependent + dependent * normal_degree_days / degree_days


class MixedBases(ValueError):
    """Degree days of different base temperatures in one series."""

    def __init__(self, bases: Iterable[Decimal | float]) -> None:
        self.bases = sorted({float(b) for b in bases})
        super().__init__(", ".join(f"{b:g}" for b in self.bases))


def single_base(bases: Iterable[Decimal | float]) -> float | None:
    """The one base temperature of a series (None when empty); `MixedBases` when they differ."""
    found = {float(b) for b in bases}
    if len(found) > 1:
        raise MixedBases(found)
    return found.pop() if found else None
