"""The vehicle fleet: classification by versioned rule sets, shares on 31 December, the path to
2030 and the clean-vehicle procurement follow-up. No Django: the registers' selectors turn
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

Clean vehicles (`data/clean_vehicle_definitions.csv`, Lag 2011:846 / directive (EU) 2019/1161):
each vehicle acquired in a period is judged by the definition of its vehicle class that applied
on its acquisition date (`in_service_from`).
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

# vehicle type → clean-vehicle class of Lag (2011:846); arbetsmaskin is not covered
CLEAN_VEHICLE_CLASS = {
    "personbil": "lätt",
    "lätt lastbil": "lätt",
    "tung lastbil": "tung lastbil",
    "buss": "buss",
}
# a battery-electric or fuel-cell vehicle emits 0 g CO2/km at the tailpipe whatever is written
ZERO_EMISSION_ENERGIES = frozenset({"el", "vätgas"})


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
        if vehicle.energy in self.energies:
            return True
        return self.hvo100_diesel_counts and vehicle.energy == DIESEL and vehicle.hvo100_approved


@dataclass(frozen=True)
class Classification:
    reg_no: str
    rule: str
    version: str
    counts: bool


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text.strip() else None


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("nettonoll.calc").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def rule_sets() -> tuple[RuleSet, ...]:
    """Every version of every rule set, as shipped."""
    result = []
    for row in _rows("vehicle_rule_sets.csv"):
        start = _date(row["effective_from"])
        assert start is not None, row
        result.append(
            RuleSet(
                code=row["code"],
                version=row["version"],
                effective_from=start,
                effective_to=_date(row["effective_to"]),
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


def _pct(part: int, whole: int) -> float | None:
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
        return _pct(self.fossil_free_capable, self.vehicles)

    @property
    def fossil_free_capable_mfd_pct(self) -> float | None:
        return _pct(self.fossil_free_capable_mfd, self.vehicles)

    @property
    def electric_pct(self) -> float | None:
        return _pct(self.electric, self.vehicles)

    @property
    def plug_in_hybrid_pct(self) -> float | None:
        return _pct(self.plug_in_hybrid, self.vehicles)


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


def shares_by_year(
    vehicles: Sequence[VehicleFacts], last_year: int, first_year: int | None = None
) -> list[FleetShares]:
    """Every year from the first in-service year (or `first_year`) to `last_year`."""
    if first_year is None:
        if not vehicles:
            return []
        first_year = min(v.in_service_from for v in vehicles).year
    return [shares(vehicles, year) for year in range(first_year, last_year + 1)]


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
        return _pct(self.fossil_free, self.vehicles)


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


# -- clean-vehicle procurement follow-up ------------------------------------------------------


@dataclass(frozen=True)
class CleanVehicleDefinition:
    code: str
    version: str
    vehicle_class: str  # lätt | tung lastbil | buss
    effective_from: datetime.date
    effective_to: datetime.date | None
    max_co2_g_per_km: float | None  # light vehicles
    energies: frozenset[str]  # heavy vehicles
    hvo100_diesel_counts: bool
    target_pct: float | None
    description: str
    publisher: str
    url: str
    verify: str  # what is still to be checked against the source ("" when nothing)

    @property
    def name(self) -> str:
        return f"{self.code} v{self.version}"

    def applies_on(self, on: datetime.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def meets(self, vehicle: VehicleFacts) -> bool | None:
        """Whether the vehicle is clean; None when its CO2 value is needed and missing."""
        if self.max_co2_g_per_km is not None:
            if vehicle.energy in ZERO_EMISSION_ENERGIES:
                return True
            if vehicle.co2_g_per_km is None:
                return None
            return vehicle.co2_g_per_km <= self.max_co2_g_per_km
        if vehicle.energy in self.energies:
            return True
        return self.hvo100_diesel_counts and vehicle.energy == DIESEL and vehicle.hvo100_approved


@cache
def clean_vehicle_definitions() -> tuple[CleanVehicleDefinition, ...]:
    result = []
    for row in _rows("clean_vehicle_definitions.csv"):
        start = _date(row["effective_from"])
        assert start is not None, row
        result.append(
            CleanVehicleDefinition(
                code=row["code"],
                version=row["version"],
                vehicle_class=row["vehicle_class"],
                effective_from=start,
                effective_to=_date(row["effective_to"]),
                max_co2_g_per_km=float(row["max_co2_g_per_km"])
                if row["max_co2_g_per_km"]
                else None,
                energies=frozenset(row["energies"].split()),
                hvo100_diesel_counts=row["hvo100_diesel_counts"] == "ja",
                target_pct=float(row["target_pct"]) if row["target_pct"] else None,
                description=row["description"],
                publisher=row["source_publisher"],
                url=row["source_url"],
                verify=row["verify"],
            )
        )
    return tuple(result)


def clean_vehicle_definition(
    vehicle_class: str, on: datetime.date
) -> CleanVehicleDefinition | None:
    return next(
        (
            d
            for d in clean_vehicle_definitions()
            if d.vehicle_class == vehicle_class and d.applies_on(on)
        ),
        None,
    )


@dataclass(frozen=True)
class CleanVehicleClass:
    """The vehicles of one class acquired in the period, judged by the definition that applied on
    each acquisition date. `covered`: acquired while a definition applied; `unknown`: covered but
    lacking the CO2 value the definition needs (counted as not clean)."""

    vehicle_class: str
    acquired: int
    covered: int
    clean: int
    unknown: int
    definitions: tuple[CleanVehicleDefinition, ...]

    @property
    def clean_pct(self) -> float | None:
        return _pct(self.clean, self.covered)


def clean_vehicle_follow_up(
    vehicles: Iterable[VehicleFacts], start: datetime.date, end: datetime.date
) -> list[CleanVehicleClass]:
    """Per clean-vehicle class (lätt, tung lastbil, buss), the vehicles acquired (in service from)
    between `start` and `end` inclusive and the share that meets the definition of its date.
    Vehicle types the law does not cover (arbetsmaskin) are left out."""
    classes: dict[str, list[VehicleFacts]] = {
        c: [] for c in dict.fromkeys(CLEAN_VEHICLE_CLASS.values())
    }
    for vehicle in vehicles:
        vehicle_class = CLEAN_VEHICLE_CLASS.get(vehicle.vehicle_type)
        if vehicle_class is not None and start <= vehicle.in_service_from <= end:
            classes[vehicle_class].append(vehicle)
    result = []
    for vehicle_class, acquired in classes.items():
        covered = clean = unknown = 0
        used: dict[str, CleanVehicleDefinition] = {}
        for vehicle in acquired:
            definition = clean_vehicle_definition(vehicle_class, vehicle.in_service_from)
            if definition is None:
                continue
            covered += 1
            used[definition.name] = definition
            verdict = definition.meets(vehicle)
            clean += verdict is True
            unknown += verdict is None
        result.append(
            CleanVehicleClass(
                vehicle_class,
                len(acquired),
                covered,
                clean,
                unknown,
                tuple(sorted(used.values(), key=lambda d: d.effective_from)),
            )
        )
    return result
