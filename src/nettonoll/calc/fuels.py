"""The renewable share of the energy in fuels and electricity per year: the actual fossil-free
share of a fleet is renewable energy ÷ total energy (docs/methods/registers.md, "Faktisk
fossilfri andel").

Each fuel category has, per year from which it applies, its energy content (lower heating value per
litre / kWh / Nm3) and the renewable share of that energy, with publisher, title, link and a note;
figures not yet read in a primary source say `[verify]` in the note. The table is versioned
(`version`) and every result names the version it used. No Django here.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from nettonoll.calc.units import UnitError, conversion_factor

DATA_FILE = "fuel_renewable_shares.csv"
ENERGY_UNITS = ("MJ", "kWh")  # a quantity already in energy needs no heating value


@dataclass(frozen=True)
class FuelData:
    """A fuel's energy content and renewable share from `valid_year` on."""

    category: str
    valid_year: int
    unit: str  # the unit `mj_per_unit` refers to
    mj_per_unit: float
    energy_source: str
    renewable_pct: float
    version: str
    publisher: str
    title: str
    link: str
    note: str

    @property
    def needs_verifying(self) -> bool:
        return "[verify]" in self.note or "[verify]" in self.energy_source


@dataclass(frozen=True)
class FuelTable:
    rows: dict[str, tuple[FuelData, ...]]  # category → rows by valid_year, ascending
    version: str

    def categories(self) -> list[str]:
        return sorted(self.rows)

    def lookup(self, category: str, year: int) -> FuelData | None:
        """The row that applies in `year`: the latest `valid_year` not after it."""
        found = None
        for row in self.rows.get(category, ()):
            if row.valid_year <= year:
                found = row
        return found

    def energy_mj(self, category: str, year: int, quantity: float, unit: str) -> float | None:
        """The quantity's energy in MJ (None: no data for the fuel, or a unit that cannot be
        converted, e.g. kg of a fuel given per litre)."""
        row = self.lookup(category, year)
        if row is None:
            return None
        try:
            if _is_energy(unit):
                return quantity * conversion_factor(unit, "MJ")
            return quantity * conversion_factor(unit, row.unit) * row.mj_per_unit
        except UnitError:
            return None


def _is_energy(unit: str) -> bool:
    try:
        conversion_factor(unit, "MJ")
    except UnitError:
        return False
    return True


def read_fuel_table(text: str) -> FuelTable:
    rows: dict[str, list[FuelData]] = defaultdict(list)
    versions = set()
    for raw in csv.DictReader(io.StringIO(text)):
        row = FuelData(
            category=raw["category"].strip(),
            valid_year=int(raw["valid_year"]),
            unit=raw["unit"].strip(),
            mj_per_unit=float(raw["mj_per_unit"]),
            energy_source=raw["energy_source"].strip(),
            renewable_pct=float(raw["renewable_pct"]),
            version=raw["version"].strip(),
            publisher=raw["publisher"].strip(),
            title=raw["title"].strip(),
            link=raw["link"].strip(),
            note=raw["note"].strip(),
        )
        if not 0 <= row.renewable_pct <= 100:
            raise ValueError(f"{row.category} {row.valid_year}: share outside 0–100 %")
        rows[row.category].append(row)
        versions.add(row.version)
    return FuelTable(
        rows={c: tuple(sorted(r, key=lambda d: d.valid_year)) for c, r in rows.items()},
        version=", ".join(sorted(versions)),
    )


@lru_cache(maxsize=1)
def fuel_table() -> FuelTable:
    """The shipped table (calc/data/fuel_renewable_shares.csv)."""
    data = resources.files("nettonoll.calc.data").joinpath(DATA_FILE)
    return read_fuel_table(data.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class FuelUse:
    category: str
    year: int
    quantity: float
    unit: str


@dataclass
class EnergyShare:
    """Renewable energy ÷ total energy of some fuel use, per fuel; `share_pct` None when there is
    no energy to divide by. `unknown`: (category, unit) whose energy could not be found."""

    version: str
    total_mj: float = 0.0
    renewable_mj: float = 0.0
    by_category: dict[str, tuple[float, float]] = field(default_factory=dict)  # total, renewable
    unknown: set[tuple[str, str]] = field(default_factory=set)

    @property
    def share_pct(self) -> float | None:
        return 100 * self.renewable_mj / self.total_mj if self.total_mj > 0 else None


def renewable_share(uses: Iterable[FuelUse], table: FuelTable | None = None) -> EnergyShare:
    """Σ renewable MJ ÷ Σ MJ of the fuel uses, each fuel at its share in its year."""
    table = table or fuel_table()
    result = EnergyShare(version=table.version)
    by_category: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for use in uses:
        energy = table.energy_mj(use.category, use.year, use.quantity, use.unit)
        row = table.lookup(use.category, use.year)
        if energy is None or row is None:
            result.unknown.add((use.category, use.unit))
            continue
        renewable = energy * row.renewable_pct / 100
        result.total_mj += energy
        result.renewable_mj += renewable
        by_category[use.category][0] += energy
        by_category[use.category][1] += renewable
    result.by_category = {c: (t, r) for c, (t, r) in sorted(by_category.items())}
    return result


def is_fuel(category: str, table: FuelTable | None = None) -> bool:
    """A category the table knows: vehicle fuels and electricity."""
    return category in (table or fuel_table()).rows
