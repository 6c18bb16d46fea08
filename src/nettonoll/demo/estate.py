# ruff: noqa: E501  (the demo tables read best one building a line)
"""Demo buildings and energy of the three demo regions (all fictitious, from a seeded random
generator: every run gives the same rows): a dozen buildings per organisation, some shared by
units through area shares, monthly readings from January 2019 through the last full month, and
degree days for their localities marked as fictitious in their source.

Running the loader again changes nothing: an organisation that already has buildings gets none
added, and degree days already stored for a locality and month are kept."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.db import transaction

from nettonoll.accounts.models import User
from nettonoll.estate.models import (
    Building,
    BuildingShare,
    DegreeDayMonth,
    EnergyReading,
    SupplierTemplate,
)
from nettonoll.organisations.models import Node, Organisation

SEEDS = {"RJH": 4101, "RV": 4102, "RST": 4103}
FIRST_MONTH = datetime.date(2019, 1, 1)
SOURCE = "Fiktiv demoserie (inte SMHI:s data), bas +17 °C"
# locality → the normal year's degree days per month, January first (made up, roughly the
# shape of a Swedish inland or coastal climate)
NORMALS = {
    "Östersund": (720, 640, 600, 440, 280, 130, 60, 90, 230, 400, 540, 670),
    "Sveg": (760, 670, 620, 460, 290, 140, 70, 100, 240, 420, 570, 710),
    "Karlstad": (610, 550, 510, 360, 200, 70, 20, 40, 160, 330, 460, 570),
    "Arvika": (640, 570, 530, 380, 210, 80, 25, 50, 170, 340, 480, 600),
    "Stockholm": (560, 510, 470, 330, 170, 50, 10, 25, 130, 290, 420, 520),
    "Södertälje": (570, 520, 480, 335, 175, 55, 12, 28, 135, 295, 425, 530),
}
# organisation → (building code, name, node, municipality, locality, Atemp, year built,
# ownership, carriers besides el)
BUILDINGS: dict[str, list[tuple[str, str, str, str, str, int, int, str, tuple[str, ...]]]] = {
    "RJH": [
        ("OSD-SJH-A", "Östersunds sjukhus hus A", "HS-SJH", "Östersund", "Östersund", 18500, 1972, "ägd", ("fjärrvärme", "fjärrkyla")),
        ("OSD-SJH-B", "Östersunds sjukhus hus B", "HS-SJH", "Östersund", "Östersund", 9200, 1985, "ägd", ("fjärrvärme",)),
        ("OSD-KOK", "Centralköket", "RS-SERV-KOST", "Östersund", "Östersund", 2400, 1994, "ägd", ("fjärrvärme",)),
        ("OSD-FORD", "Fordonsdepån", "RS-SERV-FORD", "Östersund", "Östersund", 1800, 2008, "ägd", ("fjärrvärme",)),
        ("OSD-LOG", "Logistikcentrum", "RS-SERV-LOG", "Östersund", "Östersund", 6400, 2001, "inhyrd", ("fjärrvärme",)),
        ("OSD-FAST", "Driftcentralen", "RS-SERV-FAST", "Östersund", "Östersund", 1200, 1968, "ägd", ("fjärrvärme",)),
        ("OSD-KTR", "Regionens hus", "RS-KTR", "Östersund", "Östersund", 7800, 1990, "inhyrd", ("fjärrvärme",)),
        ("OSD-LOK", "Lokalvårdens förråd", "RS-SERV-LOK", "Östersund", "Östersund", 450, 1979, "ägd", ("fjärrvärme",)),
        ("SVG-HC", "Hälsocentralen Sveg", "HS-PV", "Härjedalen", "Sveg", 1600, 1976, "ägd", ("biobränsle",)),
        ("SVG-AMB", "Ambulansstationen Sveg", "HS-PV", "Härjedalen", "Sveg", 700, 2012, "ägd", ("biobränsle",)),
        ("SVG-KOK", "Köket Sveg", "RS-SERV-KOST", "Härjedalen", "Sveg", 380, 1983, "inhyrd", ("olja",)),
        ("OSD-PV", "Hälsocentralen Lugnvik", "HS-PV", "Östersund", "Östersund", 1350, 2015, "inhyrd", ("fjärrvärme",)),
    ],
    "RV": [
        ("KSD-CSK-A", "Centralsjukhuset hus A", "HSV-CSK", "Karlstad", "Karlstad", 21000, 1964, "ägd", ("fjärrvärme", "fjärrkyla")),
        ("KSD-CSK-B", "Centralsjukhuset hus B", "HSV-CSK", "Karlstad", "Karlstad", 11500, 1981, "ägd", ("fjärrvärme",)),
        ("KSD-KOK", "Centralköket", "HSV-CSK-KOST", "Karlstad", "Karlstad", 2100, 1997, "ägd", ("fjärrvärme",)),
        ("KSD-DRIFT", "Driftbyggnaden", "RLF-FAST-DRIFT", "Karlstad", "Karlstad", 1500, 1975, "ägd", ("fjärrvärme",)),
        ("KSD-KTR", "Regionens hus", "RU-KTR", "Karlstad", "Karlstad", 6900, 1988, "inhyrd", ("fjärrvärme",)),
        ("KSD-PV1", "Vårdcentralen Herrhagen", "HSV-PV", "Karlstad", "Karlstad", 1400, 1978, "ägd", ("fjärrvärme",)),
        ("KSD-PV2", "Vårdcentralen Gripen", "HSV-PV", "Karlstad", "Karlstad", 1250, 2009, "inhyrd", ("fjärrvärme",)),
        ("ARV-SJH", "Arvika sjukhus", "HSV-CSK", "Arvika", "Arvika", 12800, 1970, "ägd", ("fjärrvärme",)),
        ("ARV-PV", "Vårdcentralen Arvika", "HSV-PV", "Arvika", "Arvika", 1100, 1986, "ägd", ("fjärrvärme",)),
        ("ARV-KOK", "Köket Arvika", "HSV-CSK-KOST", "Arvika", "Arvika", 600, 1992, "ägd", ("biobränsle",)),
        ("ARV-FAST", "Fastighetsförrådet Arvika", "RLF-FAST-DRIFT", "Arvika", "Arvika", 800, 1966, "ägd", ("olja",)),
        ("KSD-RLF", "Länstrafikens kontor", "RLF", "Karlstad", "Karlstad", 2300, 2003, "inhyrd", ("fjärrvärme",)),
    ],
    "RST": [
        ("STH-HSF", "Hälso- och sjukvårdsförvaltningens hus", "HSF", "Stockholm", "Stockholm", 14500, 1975, "inhyrd", ("fjärrvärme",)),
        ("STH-RK", "Röntgenhuset", "HSF-RK", "Stockholm", "Stockholm", 5200, 1989, "ägd", ("fjärrvärme", "fjärrkyla")),
        ("STH-CIRK", "Cirkulationscentralen", "HSF-CIRK", "Stockholm", "Stockholm", 3100, 2011, "ägd", ("fjärrvärme",)),
        ("STH-TF-DEP", "Depån Norr", "TF-FORD", "Stockholm", "Stockholm", 8800, 1998, "ägd", ("fjärrvärme",)),
        ("STH-TF-FAST", "Fastighetsdriften", "TF-FAST", "Stockholm", "Stockholm", 1900, 1971, "ägd", ("fjärrvärme",)),
        ("STH-RLK", "Regionledningskontoret", "RLK", "Stockholm", "Stockholm", 12400, 1962, "inhyrd", ("fjärrvärme", "fjärrkyla")),
        ("STH-TRF", "Trafikförvaltningens hus", "TRF", "Stockholm", "Stockholm", 9600, 2005, "inhyrd", ("fjärrvärme",)),
        ("SDT-DEP", "Depån Södertälje", "TF-FORD", "Södertälje", "Södertälje", 6200, 1984, "ägd", ("fjärrvärme",)),
        ("SDT-HSF", "Närsjukhuset Södertälje", "HSF", "Södertälje", "Södertälje", 10200, 1969, "ägd", ("fjärrvärme",)),
        ("SDT-FAST", "Förrådet Södertälje", "TF-FAST", "Södertälje", "Södertälje", 900, 1977, "ägd", ("gas",)),
        ("STH-CIRK2", "Cirkulationslagret", "HSF-CIRK", "Stockholm", "Stockholm", 2700, 2019, "inhyrd", ("fjärrvärme",)),
        ("STH-RK2", "Röntgenhusets annex", "HSF-RK", "Stockholm", "Stockholm", 1500, 2016, "ägd", ("el-värme",)),
    ],
}  # fmt: skip
# organisation → (building code, unit working in it, share %)
SHARES = {
    "RJH": [("OSD-SJH-A", "RS-SERV-KOST", 10), ("OSD-SJH-A", "RS-SERV-FAST", 5), ("OSD-KTR", "HS-PV", 20), ("OSD-LOG", "RS-SERV-FORD", 25)],
    "RV": [("KSD-CSK-A", "HSV-CSK-KOST", 8), ("KSD-KTR", "RLF", 30), ("ARV-SJH", "HSV-PV", 15), ("KSD-DRIFT", "HSV-CSK", 40)],
    "RST": [("STH-HSF", "HSF-RK", 20), ("STH-RLK", "TRF", 25), ("STH-TF-DEP", "TF-FAST", 30), ("SDT-HSF", "HSF-CIRK", 10)],
}  # fmt: skip
EL_KWH_PER_M2 = 55  # property and business electricity a year
HEAT_KWH_PER_M2 = 120  # heating and hot water a year in a normal year
COOLING_KWH_PER_M2 = 12


def _last_full_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _months(last: datetime.date) -> list[datetime.date]:
    found, month = [], FIRST_MONTH
    while month <= last:
        found.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return found


def _degree_days(months: list[datetime.date]) -> dict[tuple[str, datetime.date], float]:
    """(locality, month) → the month's (fictitious) degree days, stored where missing."""
    random_ = random.Random(4100)
    found = {}
    for locality, normals in NORMALS.items():
        for month in months:
            normal = normals[month.month - 1]
            found[(locality, month)] = round(normal * random_.uniform(0.8, 1.18), 1)
    stored = set(DegreeDayMonth.objects.values_list("locality", "month"))
    DegreeDayMonth.objects.bulk_create(
        [
            DegreeDayMonth(
                locality=locality,
                month=month,
                degree_days=Decimal(str(actual)),
                normal_degree_days=Decimal(NORMALS[locality][month.month - 1]),
                base_c=Decimal(17),
                source=SOURCE,
            )
            for (locality, month), actual in found.items()
            if (locality, month) not in stored
        ],
        batch_size=1000,
    )
    return found


def _readings(
    code: str,
    buildings: dict[str, Building],
    months: list[datetime.date],
    degree: dict[tuple[str, datetime.date], float],
) -> list[EnergyReading]:
    random_ = random.Random(SEEDS[code])
    rows = []
    for row in BUILDINGS[code]:
        building_code, locality, atemp, carriers = row[0], row[4], row[5], row[8]
        building = buildings[building_code]
        saving = random_.uniform(0.005, 0.03)  # a year, from efficiency measures
        yearly = sum(NORMALS[locality])
        for month in months:
            trend = (1 - saving) ** (month.year - FIRST_MONTH.year)
            noise = random_.uniform(0.93, 1.07)
            el = atemp * EL_KWH_PER_M2 / 12 * trend * noise
            heat_share = 0.25 / 12 + 0.75 * degree[(locality, month)] / yearly
            heat = atemp * HEAT_KWH_PER_M2 * heat_share * trend * random_.uniform(0.97, 1.03)
            if "el-värme" in carriers:  # electric heating: one reading, partly dependent
                el += heat / 2.5
                rows.append(_reading(building, month, "el", el, Decimal("0.6")))
                continue
            rows.append(_reading(building, month, "el", el))
            for carrier in carriers:
                if carrier == "fjärrkyla":
                    summer = max(0.0, 1 - degree[(locality, month)] / 300)
                    kwh = atemp * COOLING_KWH_PER_M2 * (0.02 + 0.2 * summer) * noise
                    rows.append(_reading(building, month, carrier, kwh))
                else:
                    rows.append(_reading(building, month, carrier, heat))
    return rows


def _reading(
    building: Building, month: datetime.date, carrier: str, kwh: float, share: Decimal | None = None
) -> EnergyReading:
    return EnergyReading(
        building=building,
        month=month,
        carrier=carrier,
        kwh=Decimal(round(kwh)),
        temperature_dependent_share=share,
    )


def _steward_may_import_degree_days() -> None:
    steward = User.objects.filter(username="administrator", is_staff=True).first()
    if steward is None:
        return
    wanted = Permission.objects.filter(
        content_type__app_label="estate",
        codename__in=["add_degreedaymonth", "change_degreedaymonth"],
    )
    missing = wanted.exclude(pk__in=steward.user_permissions.values("pk"))
    if missing.exists():
        steward.user_permissions.add(*missing)


@transaction.atomic
def demo_estate_load(today: datetime.date | None = None) -> int:
    """Add the demo buildings, shares and readings of each demo organisation that has no
    buildings; returns how many organisations were filled."""
    months = _months(_last_full_month(today or datetime.date.today()))
    degree = _degree_days(months)
    _steward_may_import_degree_days()
    filled = 0
    for code in BUILDINGS:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None or Building.objects.filter(organisation=organisation).exists():
            continue
        SupplierTemplate.objects.get_or_create(
            organisation=organisation,
            name="fjarrvarmebolaget",
            defaults={
                "title": "Fjärrvärmebolaget AB (fiktiv export)",
                "building_column": "Anläggning",
                "month_column": "Period",
                "kwh_column": "Förbrukning MWh",
                "unit": "MWh",
                "carrier": "fjärrvärme",
            },
        )
        nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
        buildings = {}
        for row in BUILDINGS[code]:
            building_code, name, node, municipality, locality, atemp, built, ownership, _c = row
            buildings[building_code] = Building.objects.create(
                organisation=organisation,
                building_code=building_code,
                name=name,
                node=nodes[node],
                municipality=municipality,
                locality=locality,
                atemp_m2=Decimal(atemp),
                year_built=built,
                ownership=ownership,
                valid_from=datetime.date(2015, 1, 1),
            )
        for building_code, node, share in SHARES[code]:
            BuildingShare.objects.create(
                building=buildings[building_code], node=nodes[node], share_pct=Decimal(share)
            )
        EnergyReading.objects.bulk_create(
            _readings(code, buildings, months, degree), batch_size=2000
        )
        filled += 1
    return filled
