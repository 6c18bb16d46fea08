"""Demo registers of the three demo regions: vehicles, charging sites and backup-power units with
their fuel deliveries and flexibility-market participation — all fictitious (made up from a
seeded random generator, so every run gives the same rows and tests can count them).

The fleets grow more fossil-free year by year: vehicles acquired later are more often electric,
and fossil vehicles leave service during 2021–2025, so the share in service on 31 December
changes from year to year. `demo_vehicles` is a pure function: the demo's fuel-card rows
(`demo.emissions`) name the same registration numbers.

Running the loader again changes nothing: an organisation that already has vehicles (charging
sites, backup units) gets none added."""

import datetime
import random
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from nettonoll.demo.registers_data import (
    BACKUP_UNITS,
    CHARGING_SITES,
    DELIVERY_BLEND_PCT,
    FLEETS,
    FLEX,
    SEEDS,
    BackupRow,
)
from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.models import (
    BackupEnergy,
    BackupUnit,
    ChargingSite,
    FlexParticipation,
    FuelDelivery,
    Ownership,
    Vehicle,
    VehicleEnergy,
    VehicleType,
)

# letters of Swedish registration numbers: no I, Q, V, Å, Ä, Ö (and no O as the last character)
LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"
LAST_LETTERS = LETTERS.replace("O", "")
FIRST_DAY, LAST_DAY = datetime.date(2018, 1, 1), datetime.date(2026, 9, 30)
ENDED_BY = datetime.date(2025, 12, 31)  # vehicles leave service during past years only
LAST_LEASE_END = datetime.date(2032, 12, 31)

E, LH, EH, B, D, G, E85 = (
    VehicleEnergy.ELECTRIC,
    VehicleEnergy.PLUG_IN_HYBRID,
    VehicleEnergy.HYBRID,
    VehicleEnergy.PETROL,
    VehicleEnergy.DIESEL,
    VehicleEnergy.VEHICLE_GAS,
    VehicleEnergy.E85,
)
# vehicle type → (energy mix of a vehicle acquired in 2018, mix of one acquired in 2026)
ENERGY_MIX = {
    VehicleType.CAR: (
        {E: 3, LH: 4, EH: 12, B: 40, D: 30, G: 4, E85: 7},
        {E: 78, LH: 10, EH: 6, B: 2, D: 2, G: 1, E85: 1},
    ),
    VehicleType.LIGHT_TRUCK: ({E: 3, D: 85, G: 6, B: 6}, {E: 65, D: 30, G: 5, B: 0}),
    VehicleType.HEAVY_TRUCK: ({D: 90, G: 10, E: 0}, {D: 60, G: 15, E: 25}),
    VehicleType.MACHINE: ({D: 100, E: 0}, {D: 70, E: 30}),
}
# vehicle type → (ownership weights, share of diesels approved for HVO100 in 2018 and 2026)
OWNERSHIP_MIX = {
    VehicleType.CAR: ({Ownership.LEASED: 60, Ownership.OWNED: 30, Ownership.HIRED: 10}, 0.1, 0.8),
    VehicleType.LIGHT_TRUCK: (
        {Ownership.LEASED: 50, Ownership.OWNED: 45, Ownership.HIRED: 5},
        0.15,
        0.9,
    ),
    VehicleType.HEAVY_TRUCK: ({Ownership.OWNED: 80, Ownership.LEASED: 20}, 0.3, 1.0),
    VehicleType.MACHINE: ({Ownership.OWNED: 90, Ownership.HIRED: 10}, 0.2, 1.0),
}
# energy → CO2 g/km (WLTP) range of a car and a light truck (heavy vehicles have none)
CO2_G_PER_KM = {
    E: (0, 0),
    LH: (25, 50),
    EH: (95, 125),
    B: (120, 165),
    D: (125, 190),
    G: (105, 135),
    E85: (125, 150),
}
FOSSIL = {B, EH}  # fossil whatever the fuel; a diesel is fossil unless approved for HVO100


@dataclass(frozen=True)
class DemoVehicle:
    reg_no: str
    node_code: str
    vehicle_type: str
    ownership: str
    energy: str
    hvo100_approved: bool
    co2_g_per_km: Decimal | None
    valid_from: datetime.date
    valid_to: datetime.date | None
    lease_end: datetime.date | None

    def in_service(self, first: datetime.date, last: datetime.date) -> bool:
        """In service at some time from `first` to `last`."""
        return self.valid_from <= last and (self.valid_to is None or self.valid_to > first)


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _pick(rng: random.Random, weights: Mapping[Any, float]) -> str:
    choices = [k for k, w in weights.items() if w > 0]
    return str(rng.choices(choices, weights=[weights[k] for k in choices])[0])


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def reg_no_make(rng: random.Random, taken: set[str], new_format: bool) -> str:
    """A fictitious registration number, `ABC123` or (from 2019) `ABC12D`, not in `taken`."""
    while True:
        letters = "".join(rng.choice(LETTERS) for _ in range(3))
        last = rng.choice(LAST_LETTERS) if new_format else str(rng.randint(0, 9))
        reg_no = f"{letters}{rng.randint(0, 99):02d}{last}"
        if reg_no not in taken:
            taken.add(reg_no)
            return reg_no


def _vehicle(rng: random.Random, taken: set[str], node_code: str, vehicle_type: str) -> DemoVehicle:
    # a third were in the fleet from its first year; the rest come in over the years
    first_year_end = datetime.date(FIRST_DAY.year, 12, 31)
    valid_from = _day(rng, FIRST_DAY, first_year_end if rng.random() < 0.35 else LAST_DAY)
    t = (valid_from - FIRST_DAY).days / (LAST_DAY - FIRST_DAY).days
    old, new = ENERGY_MIX[vehicle_type]  # type: ignore[index]
    energy = _pick(rng, {k: old.get(k, 0) * (1 - t) + new.get(k, 0) * t for k in old | new})
    ownerships, hvo_old, hvo_new = OWNERSHIP_MIX[vehicle_type]  # type: ignore[index]
    ownership = _pick(rng, ownerships)
    hvo100 = energy == D and rng.random() < hvo_old + (hvo_new - hvo_old) * t
    fossil = energy in FOSSIL or (energy == D and not hvo100)
    valid_to = None
    if valid_from.year <= 2022 and rng.random() < (0.75 if fossil else 0.08):
        first_end = max(valid_from + datetime.timedelta(days=540), datetime.date(2020, 6, 1))
        if first_end < ENDED_BY:
            valid_to = _day(rng, first_end, ENDED_BY)
    if valid_to is not None and valid_to.year < 2025 and ownership == Ownership.LEASED:
        ownership = Ownership.OWNED  # leases in the demo end 2025–2032
    lease_end = None
    if ownership == Ownership.LEASED:
        if valid_to is not None:
            lease_end = valid_to
        else:
            months = rng.randint(36, 72)
            end_month = valid_from.year * 12 + valid_from.month - 1 + months
            end_month = max(end_month, 2025 * 12 + rng.randint(0, 30))
            lease_end = min(_month_end(end_month // 12, end_month % 12 + 1), LAST_LEASE_END)
    co2 = None
    if vehicle_type in (VehicleType.CAR, VehicleType.LIGHT_TRUCK):
        low, high = CO2_G_PER_KM[energy]  # type: ignore[index]
        extra = 40 if vehicle_type == VehicleType.LIGHT_TRUCK and high else 0
        co2 = Decimal(rng.randint(low, high) + extra)
    new_format = valid_from >= datetime.date(2019, 6, 1) and rng.random() < 0.6
    return DemoVehicle(
        reg_no=reg_no_make(rng, taken, new_format),
        node_code=node_code,
        vehicle_type=vehicle_type,
        ownership=ownership,
        energy=energy,
        hvo100_approved=hvo100,
        co2_g_per_km=co2,
        valid_from=valid_from,
        valid_to=valid_to,
        lease_end=lease_end,
    )


@cache
def demo_vehicles(organisation_code: str) -> tuple[DemoVehicle, ...]:
    """The organisation's demo vehicles (the same every run)."""
    rng = random.Random(SEEDS[organisation_code])
    taken: set[str] = set()
    vehicles = [
        _vehicle(rng, taken, node_code, _pick(rng, types))
        for node_code, count, types in FLEETS[organisation_code]
        for _ in range(count)
    ]
    return tuple(sorted(vehicles, key=lambda v: (v.valid_from, v.reg_no)))


def demo_unregistered(organisation_code: str, count: int = 3) -> list[str]:
    """Registration numbers on the demo's fuel cards that are not in its register (hired cars
    and a colleague's car): the fleet's list of unmatched fuel rows has something to show."""
    rng = random.Random(SEEDS[organisation_code] + 1)
    taken = {v.reg_no for v in demo_vehicles(organisation_code)}
    return [reg_no_make(rng, taken, index % 2 == 1) for index in range(count)]


def _vehicles_load(organisation: Organisation, nodes: dict[str, Node]) -> int:
    rows = []
    for v in demo_vehicles(organisation.code):
        vehicle = Vehicle(
            organisation=organisation,
            node=nodes[v.node_code],
            reg_no=v.reg_no,
            vehicle_type=v.vehicle_type,
            ownership=v.ownership,
            energy=v.energy,
            hvo100_approved=v.hvo100_approved,
            co2_g_per_km=v.co2_g_per_km,
            valid_from=v.valid_from,
            valid_to=v.valid_to,
            lease_end=v.lease_end,
        )
        vehicle.clean()
        rows.append(vehicle)
    return len(bulk_create_with_history(rows, Vehicle, default_user=None))


def _charging_load(organisation: Organisation, nodes: dict[str, Node]) -> int:
    rows = []
    for code, node_code, address, points, kw, access, spaces, charging, since in CHARGING_SITES[
        organisation.code
    ]:
        site = ChargingSite(
            organisation=organisation,
            node=nodes[node_code],
            site_code=code,
            address=address,
            points=points,
            power_kw=Decimal(kw),
            access=access,
            parking_spaces=spaces,
            parking_spaces_with_charging=charging,
            valid_from=since,
        )
        site.clean()
        rows.append(site)
    return len(bulk_create_with_history(rows, ChargingSite, default_user=None))


def _unit(organisation: Organisation, nodes: dict[str, Node], row: BackupRow) -> BackupUnit:
    code, site, node_code, kw, energy, approved, tank_l, hours, battery, since = row
    unit = BackupUnit(
        organisation=organisation,
        node=nodes[node_code],
        unit_code=code,
        site_code=site,
        power_kw=Decimal(kw),
        energy=energy,
        hvo100_approved=approved,
        tank_l=None if tank_l is None else Decimal(tank_l),
        test_hours_per_year=None if hours is None else Decimal(hours),
        battery_kwh=None if battery is None else Decimal(battery[0]),
        reserved_backup_kwh=None if battery is None else Decimal(battery[1]),
        valid_from=since,
    )
    unit.clean()
    return unit


def _deliveries(rng: random.Random, unit: BackupUnit) -> list[FuelDelivery]:
    """Yearly refills after the test runs, from 2020 (or the unit's first year) to 2025."""
    if unit.energy == BackupEnergy.BATTERY or unit.test_hours_per_year is None:
        return []
    deliveries = []
    for year in range(max(2020, unit.valid_from.year + 1), 2026):
        hvo = unit.energy == BackupEnergy.HVO100 or (unit.hvo100_approved and year >= 2023)
        burnt = float(unit.power_kw) * float(unit.test_hours_per_year) * 0.6 * 0.27
        deliveries.append(
            FuelDelivery(
                unit=unit,
                delivered_on=_day(rng, datetime.date(year, 3, 1), datetime.date(year, 11, 30)),
                volume_l=Decimal(round(burnt * rng.uniform(0.8, 1.2), -1)),
                renewable_pct=Decimal(100 if hvo else DELIVERY_BLEND_PCT[year]),
            )
        )
    return deliveries


def _backup_load(organisation: Organisation, nodes: dict[str, Node]) -> int:
    rng = random.Random(SEEDS[organisation.code] + 2)
    units = bulk_create_with_history(
        [_unit(organisation, nodes, row) for row in BACKUP_UNITS[organisation.code]],
        BackupUnit,
        default_user=None,
    )
    by_code = {u.unit_code: u for u in units}
    deliveries = [d for unit in units for d in _deliveries(rng, unit)]
    bulk_create_with_history(deliveries, FuelDelivery, default_user=None)
    flex = [
        FlexParticipation(
            unit=by_code[code],
            market=market,
            contracted_kw=Decimal(kw),
            duration_h=Decimal(hours),
            period_from=start,
            period_to=end,
            activations=activations,
            delivered_mwh=Decimal(mwh),
            revenue_sek=Decimal(revenue),
        )
        for code, market, kw, hours, start, end, activations, mwh, revenue in FLEX.get(
            organisation.code, []
        )
    ]
    bulk_create_with_history(flex, FlexParticipation, default_user=None)
    return len(units)


@transaction.atomic
def demo_registers_load() -> int:
    """Add the demo registers of each demo organisation that has none; returns how many
    registers were filled."""
    filled = 0
    for code in FLEETS:
        organisation = Organisation.objects.get(code=code)
        nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
        for model, load in (
            (Vehicle, _vehicles_load),
            (ChargingSite, _charging_load),
            (BackupUnit, _backup_load),
        ):
            if not model.objects.filter(organisation=organisation).exists():
                load(organisation, nodes)
                filled += 1
    return filled
