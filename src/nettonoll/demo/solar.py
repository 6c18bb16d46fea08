"""Demo solar power for the three demo regions: installations (codes `PV-…`) on each region's
three largest buildings of the estate demo — or, when the estate demo is not installed, on three
buildings of the solar demo's own (codes `SOL-…`, with their monthly electricity bought) — their
monthly production, and each region's target for installed kWp. All fictitious, from a seeded
random generator (every run gives the same rows).

The estate demo is run first when it is installed (it skips a region that already has a
building), so the order of the loaders does not matter. Running the loader again changes nothing:
a region that already has its first `PV-` installation gets nothing added."""

import datetime
import importlib
import importlib.util
import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from nettonoll.estate.models import Building, Carrier, EnergyReading
from nettonoll.organisations.models import Node, Organisation
from nettonoll.solar.models import SolarInstallation, SolarProduction, SolarTarget

SEEDS = {"RJH": 2302, "RV": 1702, "RST": 102}
# organisation → (code, name, node, locality, Atemp m², year built, kWp or None, in service from)
BUILDINGS = {
    "RJH": [
        ("SOL-RJH-1", "Sjukhuset, hus 8", "HS-SJH", "Östersund", 12000, 1976, 250, (2021, 6)),
        ("SOL-RJH-2", "Förvaltningshuset", "RS-SERV-FAST", "Östersund", 4000, 1992, 60, (2023, 4)),
        ("SOL-RJH-3", "Centralköket", "RS-SERV-KOST", "Östersund", 1500, 1984, None, None),
    ],
    "RV": [
        ("SOL-RV-1", "CSK, hus 42", "HSV-CSK", "Karlstad", 20000, 1981, 400, (2022, 5)),
        ("SOL-RV-2", "Driftens förråd", "RLF-FAST-DRIFT", "Karlstad", 800, 2005, 30, (2024, 4)),
        ("SOL-RV-3", "Vårdcentralen i Arvika", "HSV-PV", "Arvika", 1200, 1970, None, None),
    ],
    "RST": [
        ("SOL-RST-1", "Bussdepå Solna", "TF-FORD", "Stockholm", 15000, 1999, 800, (2020, 5)),
        ("SOL-RST-2", "Sollagret", "TF-FAST-SOL", "Stockholm", 500, 2012, 150, (2024, 5)),
        ("SOL-RST-3", "Sjukvårdsbyggnad Huddinge", "HSF", "Stockholm", 9000, 1973, None, None),
    ],
}  # fmt: skip
# organisation → (target kWp, target year, base year, decision)
TARGETS = {
    "RJH": (1000, 2030, 2021, "Fiktivt beslut i regionstyrelsen (demo)"),
    "RV": (1500, 2030, 2022, "Fiktiv energiplan (demo)"),
    "RST": (3000, 2030, 2020, "Fiktiv budget (demo)"),
}
# share of a year's solar output per month in Sweden (a rough, fictitious profile summing to 1)
MONTH_SHARE = (0.01, 0.03, 0.07, 0.11, 0.14, 0.15, 0.15, 0.12, 0.08, 0.05, 0.02, 0.01)
EXPORTED_SHARE = (0.0, 0.02, 0.08, 0.15, 0.25, 0.3, 0.35, 0.25, 0.12, 0.04, 0.0, 0.0)
YIELD_KWH_PER_KWP = 900
ELECTRICITY_KWH_PER_M2 = 75
FIRST_MONTH = datetime.date(2020, 1, 1)


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _last_complete_month(today: datetime.date) -> datetime.date:
    first = today.replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


def _estate_demo_first() -> bool:
    """The estate demo skips a region that already has a building, so it must run before any
    `SOL-` building is made: run it here when it is installed (it is idempotent), whatever the
    order of the loaders in `demo.loader`. Whether it is installed."""
    if importlib.util.find_spec("nettonoll.demo.estate") is None:
        return False
    estate = importlib.import_module("nettonoll.demo.estate")
    load = getattr(estate, "demo_estate_load", None)
    if load is None:
        return False
    load()
    return True


def solar_demo_buildings(organisation: Organisation) -> list[Building]:
    """The buildings the solar and adaptation demos use: the solar demo's own (`SOL-…`) when it
    made them, else the region's three largest (the estate demo's)."""
    own = Building.objects.filter(
        organisation=organisation, building_code__startswith=f"SOL-{organisation.code}-"
    )
    if own.exists():
        return list(own.select_related("node").order_by("building_code"))
    largest = Building.objects.filter(organisation=organisation).select_related("node")
    return list(largest.order_by("-atemp_m2", "building_code")[:3])


def demo_solar_load(today: datetime.date | None = None) -> None:
    estate = _estate_demo_first()
    last = _last_complete_month(today or datetime.date.today())
    with transaction.atomic():
        for organisation in Organisation.objects.filter(code__in=list(BUILDINGS)):
            if SolarInstallation.objects.filter(
                organisation=organisation, installation_code=f"PV-{organisation.code}-1"
            ).exists():
                continue
            rng = random.Random(SEEDS[organisation.code])
            own = [] if estate else _own_buildings(organisation)
            self_used = _load(organisation, rng, last)
            EnergyReading.objects.bulk_create(_bought(own, self_used, rng, last), batch_size=1000)
            _target(organisation)


def _own_buildings(organisation: Organisation) -> list[Building]:
    """The solar demo's own buildings (when there is no estate demo)."""
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    made = []
    for code, name, node_code, locality, atemp, built, _kwp, _start in BUILDINGS[organisation.code]:
        if node_code not in nodes:
            continue
        building = Building.objects.create(
            organisation=organisation,
            node=nodes[node_code],
            building_code=code,
            name=name,
            municipality=locality,
            locality=locality,
            atemp_m2=atemp,
            year_built=built,
            ownership="ägd",
            valid_from=datetime.date(2000, 1, 1),
        )
        made.append(building)
    return made


def _bought(
    buildings: list[Building],
    self_used: dict[tuple[int, datetime.date], float],
    rng: random.Random,
    last: datetime.date,
) -> list[EnergyReading]:
    """Monthly electricity bought by the solar demo's own buildings: use less self-consumed."""
    readings = []
    for building in buildings:
        for month in _months(FIRST_MONTH, last):
            winter = 1.25 if month.month in (1, 2, 12) else 1.0
            used = float(building.atemp_m2) * ELECTRICITY_KWH_PER_M2 / 12 * winter
            used *= rng.uniform(0.92, 1.08)
            bought = max(used - self_used.get((building.pk, month), 0.0), 0.0)
            readings.append(
                EnergyReading(
                    building=building, month=month, carrier=Carrier.ELECTRICITY, kwh=round(bought)
                )
            )
    return readings


def _load(
    organisation: Organisation, rng: random.Random, last: datetime.date
) -> dict[tuple[int, datetime.date], float]:
    """Installations on the demo buildings and their production; the kWh self-consumed by
    building and month."""
    production: list[SolarProduction] = []
    self_used: dict[tuple[int, datetime.date], float] = {}
    rows = BUILDINGS[organisation.code]
    for index, building in enumerate(solar_demo_buildings(organisation)):
        kwp, start = rows[index][6], rows[index][7]
        if kwp is None or start is None:
            continue
        installation = SolarInstallation.objects.create(
            organisation=organisation,
            node=building.node,
            installation_code=f"PV-{organisation.code}-{index + 1}",
            building=building,
            kwp=kwp,
            valid_from=datetime.date(start[0], start[1], 1),
        )
        for month in _months(installation.valid_from, last):
            made = kwp * YIELD_KWH_PER_KWP * MONTH_SHARE[month.month - 1]
            made *= rng.uniform(0.85, 1.15)
            sold = made * EXPORTED_SHARE[month.month - 1] * rng.uniform(0.8, 1.2)
            production.append(
                SolarProduction(
                    installation=installation,
                    month=month,
                    produced_kwh=Decimal(round(made)),
                    exported_kwh=Decimal(round(min(sold, made))),
                )
            )
            self_used[(building.pk, month)] = made - sold
    bulk_create_with_history(production, SolarProduction, batch_size=1000)
    return self_used


def _target(organisation: Organisation) -> None:
    target_kwp, target_year, base_year, note = TARGETS[organisation.code]
    if not SolarTarget.objects.filter(organisation=organisation).exists():
        SolarTarget.objects.create(
            organisation=organisation,
            target_kwp=target_kwp,
            target_year=target_year,
            base_year=base_year,
            note=note,
        )
