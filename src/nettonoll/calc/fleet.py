"""The vehicle fleet: classification by versioned rule sets, shares on 31 December, the path to
2030. No Django: the registers' selectors turn
`Vehicle` rows into `VehicleFacts` and call these functions.

Rule sets (`data/vehicle_rule_sets.csv`, one row per code and version with its source):
- `fossilfri-drift`: el, laddhybrid, fordonsgas, e85, ed95, vätgas, or diesel with the maker's
  HVO100 approval (the regions' goal);
- `miljofordonsdiagnos`: the same without HVO-approved diesel (the national comparison);
- `elbil`: el only; plug-in hybrids are counted apart (`plug_in_hybrid`).
`elhybrid` (no charging) is never fossil-free. Every classification names its rule and version.

A year's fleet is what was in service on 31 December: `in_service_from <= 31 Dec` and
(`in_service_to` empty or after 31 Dec), the same test as `organisations.records.valid_on`.
Shares with no vehicles to divide by are None.

The clean-vehicle procurement follow-up is in `calc.clean_vehicles`.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

FOSSIL_FREE = "fossilfri-drift"
MILJOFORDONSDIAGNOS = "miljofordonsdiagnos"
ELECTRIC = "elbil"
PLUG_IN_HYBRID = "laddhybrid"
DIESEL = "diesel"
TARGET_YEAR = 2030
DEFAULT_REPLACEMENT_AGE_YEARS = 8


@dataclass(frozen=True)
class VehicleFacts:
    """What the calculations need of a vehicle (import words: `personbil`, `leasad`, `el` …)."""

    reg_no: str
    vehicle_type: str
    ownership: str  # ägd | leasad | hyrd
    energy: str
    hvo100_approved: bool
    in_service_from: datetime.date
    in_service_to: datetime.date | None = None
    lease_end: datetime.date | None = None
    co2_g_per_km: float | None = None
    unit: str = ""  # the name of the vehicle's node, for lists
    pk: int | None = None  # the register row, for links (None: not from the register)


def in_service_on(vehicle: VehicleFacts, on: datetime.date) -> bool:
    return vehicle.in_service_from <= on and (
        vehicle.in_service_to is None or vehicle.in_service_to > on
    )


def fleet_on(vehicles: Iterable[VehicleFacts], on: datetime.date) -> list[VehicleFacts]:
    return [v for v in vehicles if in_service_on(v, on)]


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


# -- rule sets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSet:
    code: str
    version: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    energies: frozenset[str]
    hvo100_diesel_counts: bool
    description: str
    publisher: str
    url: str

    @property
    def name(self) -> str:
        """`fossilfri-drift v1`: how a result names its rule."""
        return f"{self.code} v{self.version}"

    def applies_on(self, on: datetime.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def counts(self, vehicle: VehicleFacts) -> bool:
        return self.counts_energy(vehicle.energy, vehicle.hvo100_approved)

    def counts_energy(self, energy: str, hvo100_approved: bool) -> bool:
        if energy in self.energies:
            return True
        return self.hvo100_diesel_counts and energy == DIESEL and hvo100_approved


@dataclass(frozen=True)
class Classification:
    reg_no: str
    rule: str
    version: str
    counts: bool


def date_or_none(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text.strip() else None


def data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("nettonoll.calc").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def rule_sets() -> tuple[RuleSet, ...]:
    """Every version of every rule set, as shipped."""
    result = []
    for row in data_rows("vehicle_rule_sets.csv"):
        start = date_or_none(row["effective_from"])
        assert start is not None, row
        result.append(
            RuleSet(
                code=row["code"],
                version=row["version"],
                effective_from=start,
                effective_to=date_or_none(row["effective_to"]),
                energies=frozenset(row["energies"].split()),
                hvo100_diesel_counts=row["hvo100_diesel_counts"] == "ja",
                description=row["description"],
                publisher=row["source_publisher"],
                url=row["source_url"],
            )
        )
    return tuple(result)


def rule_set(code: str, on: datetime.date) -> RuleSet:
    """The version of the rule set in force on a day; before the first version, the first."""
    versions = sorted((r for r in rule_sets() if r.code == code), key=lambda r: r.effective_from)
    if not versions:
        raise KeyError(code)
    in_force = [r for r in versions if r.applies_on(on)]
    return in_force[-1] if in_force else versions[0]


def classify(vehicle: VehicleFacts, code: str, on: datetime.date) -> Classification:
    rules = rule_set(code, on)
    return Classification(vehicle.reg_no, rules.code, rules.version, rules.counts(vehicle))


# -- shares on 31 December ---------------------------------------------------------------------


def share_pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


@dataclass(frozen=True)
class FleetShares:
    """A year's fleet (31 December) counted under each rule set, with the versions used."""

    year: int
    vehicles: int
    fossil_free_capable: int
    fossil_free_capable_mfd: int
    electric: int
    plug_in_hybrid: int
    rules: dict[str, str] = field(default_factory=dict)  # code → version

    @property
    def fossil_free_capable_pct(self) -> float | None:
        return share_pct(self.fossil_free_capable, self.vehicles)

    @property
    def fossil_free_capable_mfd_pct(self) -> float | None:
        return share_pct(self.fossil_free_capable_mfd, self.vehicles)

    @property
    def electric_pct(self) -> float | None:
        return share_pct(self.electric, self.vehicles)

    @property
    def plug_in_hybrid_pct(self) -> float | None:
        return share_pct(self.plug_in_hybrid, self.vehicles)


def shares(vehicles: Iterable[VehicleFacts], year: int) -> FleetShares:
    on = year_end(year)
    fleet = fleet_on(vehicles, on)
    sets = {code: rule_set(code, on) for code in (FOSSIL_FREE, MILJOFORDONSDIAGNOS, ELECTRIC)}
    return FleetShares(
        year=year,
        vehicles=len(fleet),
        fossil_free_capable=sum(sets[FOSSIL_FREE].counts(v) for v in fleet),
        fossil_free_capable_mfd=sum(sets[MILJOFORDONSDIAGNOS].counts(v) for v in fleet),
        electric=sum(sets[ELECTRIC].counts(v) for v in fleet),
        plug_in_hybrid=sum(v.energy == PLUG_IN_HYBRID for v in fleet),
        rules={code: r.version for code, r in sets.items()},
    )


def _counted(rules: RuleSet, groups: dict[tuple[str, bool], int]) -> int:
    return sum(n for (energy, hvo), n in groups.items() if rules.counts_energy(energy, hvo))


def shares_by_year(
    vehicles: Sequence[VehicleFacts], last_year: int, first_year: int | None = None
) -> list[FleetShares]:
    """Every year from the first in-service year (or `first_year`) to `last_year`; the same as
    `shares` for each year, in one pass: a vehicle is in service on 31 December of the years
    `in_service_from.year` up to (not including) `in_service_to.year`, so the fleet of each
    (energy, HVO approval) is counted with a running sum, and each year's rule sets are applied
    to those few groups."""
    if first_year is None:
        if not vehicles:
            return []
        first_year = min(v.in_service_from for v in vehicles).year
    span = last_year - first_year + 1
    if span <= 0:
        return []
    changes: dict[tuple[str, bool], list[int]] = {}
    for v in vehicles:
        start = max(v.in_service_from.year, first_year) - first_year
        stop = span if v.in_service_to is None else min(v.in_service_to.year - first_year, span)
        if start < stop:
            row = changes.setdefault((v.energy, v.hvo100_approved), [0] * (span + 1))
            row[start] += 1
            row[stop] -= 1
    running = dict.fromkeys(changes, 0)
    result = []
    for index in range(span):
        year = first_year + index
        for group, row in changes.items():
            running[group] += row[index]
        on = year_end(year)
        sets = {code: rule_set(code, on) for code in (FOSSIL_FREE, MILJOFORDONSDIAGNOS, ELECTRIC)}

        result.append(
            FleetShares(
                year=year,
                vehicles=sum(running.values()),
                fossil_free_capable=_counted(sets[FOSSIL_FREE], running),
                fossil_free_capable_mfd=_counted(sets[MILJOFORDONSDIAGNOS], running),
                electric=_counted(sets[ELECTRIC], running),
                plug_in_hybrid=sum(n for (e, _hvo), n in running.items() if e == PLUG_IN_HYBRID),
                rules={code: r.version for code, r in sets.items()},
            )
        )
    return result


# -- path to 2030 ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Replacement:
    """A vehicle that is not fossil-free, and when the path assumes it is replaced by an electric
    one: `lease_end` (leased), `hire_end` (hired, its in-service end) or `age` (owned, or leased
    or hired without a date: `in_service_from` + the chosen age)."""

    vehicle: VehicleFacts
    on: datetime.date
    reason: str  # lease_end | hire_end | age

    @property
    def year(self) -> int:
        return self.on.year


@dataclass(frozen=True)
class PathYear:
    year: int
    vehicles: int
    fossil_free: int
    replaced: int  # replaced by electric up to 31 December of the year

    @property
    def fossil_free_pct(self) -> float | None:
        return share_pct(self.fossil_free, self.vehicles)


@dataclass(frozen=True)
class PathTo2030:
    rule: str  # code
    version: str
    replacement_age_years: int
    years: list[PathYear]
    replacements: list[Replacement]  # every vehicle that is not fossil-free, by date

    @property
    def reaches_year(self) -> int | None:
        """The first year the projected share is 100 % (None: not by 2030, or no vehicles)."""
        return next(
            (y.year for y in self.years if y.vehicles and y.fossil_free == y.vehicles), None
        )

    @property
    def remaining_in_target_year(self) -> int:
        """Vehicles still not fossil-free on 31 December of the target year."""
        last = self.years[-1] if self.years else None
        return last.vehicles - last.fossil_free if last else 0


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def replacement_of(vehicle: VehicleFacts, age_years: int) -> Replacement:
    if vehicle.ownership == "leasad" and vehicle.lease_end is not None:
        return Replacement(vehicle, vehicle.lease_end, "lease_end")
    if vehicle.ownership == "hyrd" and vehicle.in_service_to is not None:
        return Replacement(vehicle, vehicle.in_service_to, "hire_end")
    return Replacement(vehicle, _add_years(vehicle.in_service_from, age_years), "age")


def path_to_2030(
    vehicles: Iterable[VehicleFacts],
    today: datetime.date,
    *,
    replacement_age_years: int = DEFAULT_REPLACEMENT_AGE_YEARS,
    code: str = FOSSIL_FREE,
    target_year: int = TARGET_YEAR,
) -> PathTo2030:
    """The projected fossil-free share on 31 December of each year from today's year to the target
    year, for the fleet in service today, if each vehicle that is not fossil-free is replaced one
    for one by an electric vehicle on its replacement date (`replacement_of`); a date already
    passed counts in today's year. The fleet's size stays as it is today."""
    rules = rule_set(code, today)
    fleet = fleet_on(vehicles, today)
    already = sum(rules.counts(v) for v in fleet)
    replacements = sorted(
        (replacement_of(v, replacement_age_years) for v in fleet if not rules.counts(v)),
        key=lambda r: (r.on, r.vehicle.reg_no),
    )
    years = []
    for year in range(today.year, max(target_year, today.year) + 1):
        done = sum(r.on <= year_end(year) for r in replacements)
        years.append(PathYear(year, len(fleet), already + done, done))
    return PathTo2030(rules.code, rules.version, replacement_age_years, years, replacements)
