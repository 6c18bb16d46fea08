"""The clean-vehicle procurement follow-up (Lag 2011:846, directive (EU) 2019/1161): each vehicle
acquired in a period is judged by the definition of its vehicle class that applied on its
acquisition date (`in_service_from`). The definitions, with versions and sources, are in
`data/clean_vehicle_definitions.csv`. No Django."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from nettonoll.calc.fleet import DIESEL, VehicleFacts, data_rows, date_or_none, share_pct

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
    for row in data_rows("clean_vehicle_definitions.csv"):
        start = date_or_none(row["effective_from"])
        assert start is not None, row
        result.append(
            CleanVehicleDefinition(
                code=row["code"],
                version=row["version"],
                vehicle_class=row["vehicle_class"],
                effective_from=start,
                effective_to=date_or_none(row["effective_to"]),
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
        return share_pct(self.clean, self.covered)


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
