"""Demo activity data 2019–2024, fictitious but of plausible size, imported through the same
service as a real file (Region Stockholm ends near 163 000 t CO2e in 2023, −20 % against 2019),
and Region Stockholm's reported totals of its base year 2011 (fictitious, labelled so)."""

import datetime
import random

from nettonoll.demo.registers import demo_unregistered, demo_vehicles
from nettonoll.emissions.models import ImportBatch, ReportedTotal
from nettonoll.emissions.services import activity_data_import
from nettonoll.emissions.year_services import reported_total_save
from nettonoll.organisations.models import Headcount, Node, Organisation
from nettonoll.organisations.services import headcount_save

YEARS = [2019, 2020, 2021, 2022, 2023, 2024]

# organisation → (org unit, category, unit, quantity in 2019, yearly change)
DEMO_ACTIVITIES = {
    "RJH": [
        ("RS-SERV-FORD", "fuel.diesel", "l", 400_000, -0.06),
        ("RS-SERV-FORD", "fuel.petrol", "l", 150_000, -0.10),
        ("RS-SERV-FORD", "fuel.hvo100", "l", 20_000, 0.35),
        ("RS-SERV-FAST", "district_heating.ostersund", "MWh", 40_000, -0.02),
        ("RS-SERV-FAST", "electricity.renewable_contract", "MWh", 60_000, -0.01),
        ("HS-SJH", "medical_gas.nitrous_oxide", "kg", 4_000, -0.08),
        ("HS-SJH", "medical_gas.desflurane", "kg", 150, -0.30),
        ("RS-SERV-KOST", "food.beef", "kg", 30_000, -0.05),
        ("RS-SERV-KOST", "food.poultry", "kg", 40_000, 0.02),
        ("RS-SERV-KOST", "food.potatoes", "kg", 200_000, 0.0),
        ("RS-STAB", "travel.air.short_haul", "pkm", 1_500_000, -0.12),
        ("RS-STAB", "travel.train.nordic_electric", "pkm", 2_000_000, 0.05),
        ("RS-EKO", "spend.average", "MSEK", 200, 0.02),
    ],
    "RST": [
        ("TF-FORD", "fuel.diesel", "l", 30_000_000, -0.11),
        ("TF-FORD", "fuel.hvo100", "l", 40_000_000, 0.03),
        ("TF-FORD", "fuel.biogas", "GJ", 3_000_000, -0.03),
        ("HSF", "medical_gas.nitrous_oxide", "kg", 40_000, -0.06),
        ("HSF", "medical_gas.desflurane", "kg", 1_500, -0.35),
        ("HSF-CIRK", "food.beef", "kg", 200_000, -0.05),
        ("RLK", "travel.air.medium_haul", "pkm", 10_000_000, -0.10),
        ("RLK-UPH", "spend.average", "MSEK", 600, 0.01),
    ],
    "RV": [
        ("RU-KTR", "fuel.diesel", "l", 2_000_000, -0.07),
        ("RU-KTR", "fuel.hvo100", "l", 1_000_000, 0.10),
        ("RLF-FAST-DRIFT", "electricity.renewable_contract", "MWh", 45_000, -0.01),
        ("HSV-CSK", "medical_gas.nitrous_oxide", "kg", 3_000, -0.07),
        ("HSV-CSK-KOST", "food.beef", "kg", 25_000, -0.04),
        ("RLF", "travel.air.medium_haul", "pkm", 2_000_000, -0.10),
    ],
}


# the fuel-card products and the vehicles that tank them; litres a quarter by vehicle type
FUEL_CARD_VEHICLES = {
    "fuel.diesel": lambda v: v.energy == "diesel",
    "fuel.hvo100": lambda v: v.energy == "diesel" and v.hvo100_approved,
    "fuel.petrol": lambda v: v.energy in ("bensin", "elhybrid", "laddhybrid", "e85"),
}
LITRES_A_QUARTER = {
    "personbil": 220,
    "lätt lastbil": 400,
    "tung lastbil": 2500,
    "arbetsmaskin": 900,
}


def _fuel_card_rows(
    organisation_code: str, category: str, year: int, quarter: int, hundredths: int
) -> list[tuple[str, int]]:
    """A quarter's fuel split by registration number as the fuel cards give it: each vehicle in
    service that tanks the fuel, now and then a car not in the register (hired, or a colleague's),
    and what is left without a number (the depot's own tank). The parts (in hundredths of a
    litre) add up exactly to `hundredths`: the klimatbokslut's quantities stay what they were."""
    rng = random.Random(f"{organisation_code}-{category}-{year}-{quarter}")
    first = datetime.date(year, quarter * 3 - 2, 1)
    last = datetime.date(year + quarter // 4, quarter * 3 % 12 + 1, 1) - datetime.timedelta(1)
    tanks = FUEL_CARD_VEHICLES[category]
    parts = [
        (v.reg_no, LITRES_A_QUARTER[v.vehicle_type] * (0.4 if v.energy == "laddhybrid" else 1))
        for v in demo_vehicles(organisation_code)
        if tanks(v) and v.in_service(first, last)
    ]
    parts += [(n, 250.0) for n in demo_unregistered(organisation_code) if rng.random() < 0.3]
    parts = [(reg_no, litres * rng.uniform(0.6, 1.3)) for reg_no, litres in parts]
    scale = min(1.0, 0.9 * hundredths / 100 / max(sum(litres for _r, litres in parts), 1.0))
    rows = [(reg_no, round(litres * scale * 100)) for reg_no, litres in parts]
    return [("", hundredths - sum(c for _r, c in rows)), *rows]


def demo_csv(organisation_code: str) -> bytes:
    """The demo file as Swedish Excel writes it: semicolons, decimal commas, quarterly rows; the
    fuel rows by registration number (`reg_no`) as fuel cards give them."""
    lines = ["org_unit;category;period;quantity;unit;source_ref;reg_no"]
    for unit_code, category, unit, base, change in DEMO_ACTIVITIES[organisation_code]:
        for index, year in enumerate(YEARS):
            yearly = (
                base
                * (1 + change) ** index
                * (0.55 if year == 2020 and "travel" in category else 1)
            )
            for quarter in range(1, 5):
                hundredths = round(float(f"{yearly / 4:.2f}") * 100)
                parts = (
                    _fuel_card_rows(organisation_code, category, year, quarter, hundredths)
                    if category in FUEL_CARD_VEHICLES
                    else [("", hundredths)]
                )
                period, reference = f"{year}-{quarter * 3:02d}", f"demo-{year}-Q{quarter}"
                for reg_no, part in parts:
                    quantity = f"{part // 100},{part % 100:02d}"
                    lines.append(
                        f"{unit_code};{category};{period};{quantity};{unit};{reference};{reg_no}"
                    )
    return ("\n".join(lines) + "\n").encode("utf-8")


# organisation → (node, employees in 2019, yearly change); fictitious, of plausible size
DEMO_HEADCOUNTS = {
    "RJH": [("RJH", 4_200, 0.01), ("RS-SERV-KOST", 180, 0.0)],
    "RST": [("RST", 46_000, 0.01)],
    "RV": [("RV", 8_300, 0.005)],
}


def demo_headcounts_load() -> None:
    for code, rows in DEMO_HEADCOUNTS.items():
        for node_code, employees, change in rows:
            node = Node.objects.get(organisation__code=code, code=node_code)
            if Headcount.objects.filter(node=node).exists():
                continue
            for i, year in enumerate(YEARS):
                headcount_save(
                    node=node,
                    year=year,
                    employees=round(employees * (1 + change) ** i),
                    source="Demodata (påhittad)",
                )


# Region Stockholm's base year 2011, before any activity data: reported totals as an old
# klimatbokslut would give them (year, scope, category or "" for the rest of the scope, t CO2e).
# Fictitious values, labelled so in their source.
DEMO_REPORTED_SOURCE = "Klimatbokslut 2011, s. 4 (påhittat demovärde)"
DEMO_REPORTED_TOTALS = {
    "RST": [
        (2011, 1, "fuel.diesel", 118_000.0),
        (2011, 1, "", 32_000.0),
        (2011, 2, "", 9_000.0),
        (2011, 1, "medical_gas.nitrous_oxide", 21_000.0),
        (2011, 3, "", 80_000.0),
    ]
}


def demo_reported_totals_load() -> None:
    for code, rows in DEMO_REPORTED_TOTALS.items():
        organisation = Organisation.objects.get(code=code)
        if ReportedTotal.objects.filter(organisation=organisation).exists():
            continue
        for year, scope, category, t_co2e in rows:
            reported_total_save(
                organisation=organisation,
                year=year,
                scope=scope,
                category=category,
                t_co2e=t_co2e,
                source=DEMO_REPORTED_SOURCE,
            )


def demo_emissions_load() -> int:
    """Import the demo activity data of each organisation that has none yet, and headcounts."""
    demo_headcounts_load()
    demo_reported_totals_load()
    loaded = 0
    for code in DEMO_ACTIVITIES:
        organisation = Organisation.objects.get(code=code)
        if ImportBatch.objects.filter(organisation=organisation).exists():
            continue
        activity_data_import(
            organisation=organisation,
            data=demo_csv(code),
            filename=f"demo-verksamhetsdata-{code}.csv",
        )
        loaded += 1
    return loaded
