"""Demo reuse, circular product systems and deliveries of the three demo regions — all
fictitious, from a seeded random generator (the same rows every run). An organisation that
already has reuse (systems, delivery sites) gets none added."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from nettonoll.calc.reuse import factor_table
from nettonoll.circular.models import CircularSystem, DeliveryMonth, DeliverySite, ReuseTransfer
from nettonoll.organisations.models import Node, Organisation

SEEDS = {"RJH": 1201, "RV": 1202, "RST": 1203}
# organisation → the units that give and take furniture and IT
UNITS = {
    "RJH": [
        "RS-STAB",
        "RS-SERV-FAST",
        "RS-SERV-LOG",
        "RS-KTR",
        "RS-EKO",
        "RS-HR",
        "HS-SJH",
        "HS-PV",
    ],
    "RV": ["RLF-MH", "RLF-EKO", "RLF-FAST", "HSV-CSK", "HSV-PV", "RU-KTR", "RU-KULT"],
    "RST": ["RLK-HB", "RLK-UPH", "TRF-KK", "TF-FAST", "HSF", "HSF-CIRK"],
}
# organisation → (code, name, unit, products, volume, unit of volume, from)
SYSTEMS = {
    "RJH": [
        ("RETURPALL", "Returpall", "RS-SERV-LOG", "Helpall och halvpall av plast", 1200, "st"),
        (
            "FLERGANG-TEXTIL",
            "Flergångstextilier",
            "HS-SJH",
            "Operationsrockar och draperingar",
            8500,
            "st",
        ),
    ],
    "RV": [
        (
            "TRANSPORTLADA",
            "Återanvändbara transportlådor",
            "HSV-CSK-KOST",
            "Matlådor och backar",
            2400,
            "st",
        ),
        ("MOBELPOOL", "Möbelpool", "RLF-FAST", "Kontorsmöbler för omflyttning", 640, "st"),
    ],
    "RST": [
        ("RETURPALL", "Returpall", "HSF-CIRK", "Helpall av plast", 3100, "st"),
        ("SJUKHUSTEXTIL", "Flergångstextilier", "HSF", "Patientkläder och sänglinne", 42, "ton"),
        (
            "HJALPMEDEL",
            "Återanvända hjälpmedel",
            "HSF-CIRK",
            "Rullatorer och rullstolar",
            5200,
            "st",
        ),
    ],
}
# organisation → (site code, name, unit, deliveries a month, co-loaded share in 2023 → 2026)
SITES = {
    "RJH": [("GODS-OSD", "Godsmottagning Östersunds sjukhus", "HS-SJH", 520, (0.18, 0.46))],
    "RV": [
        ("GODS-CSK", "Godsmottagning Centralsjukhuset", "HSV-CSK", 610, (0.22, 0.41)),
        ("GODS-RLF", "Regionens hus", "RLF-FAST", 140, (0.05, 0.30)),
    ],
    "RST": [
        ("GODS-KS", "Godsmottagning Karolinska Solna", "HSF", 1450, (0.25, 0.55)),
        ("GODS-SÖS", "Godsmottagning Södersjukhuset", "HSF-CIRK", 980, (0.30, 0.52)),
    ],
}
FIRST_YEAR = 2022


def _nodes(organisation: Organisation, codes: list[str]) -> list[Node]:
    found = {n.code: n for n in Node.objects.filter(organisation=organisation, code__in=codes)}
    return [found[c] for c in codes if c in found and found[c].is_active]


def _reuse(organisation: Organisation, rng: random.Random, today: datetime.date) -> None:
    if ReuseTransfer.objects.filter(organisation=organisation).exists():
        return
    units = _nodes(organisation, UNITS[organisation.code])
    types = factor_table().item_types()
    weights = [10 if t in ("kontorsstol", "skrivbord", "bildskärm") else 3 for t in types]
    rows = []
    for year in range(FIRST_YEAR, today.year + 1):
        last = today if year == today.year else datetime.date(year, 12, 31)
        for n in range(8 + 3 * (year - FIRST_YEAR)):
            giver, taker = rng.sample(units, 2)
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            rows.append(
                ReuseTransfer(
                    organisation=organisation,
                    reuse_code=f"AB-{year}-{n + 1:03d}",
                    item_type=rng.choices(types, weights)[0],
                    count=rng.randint(1, 15),
                    node=giver,
                    to_node=taker,
                    valid_from=min(day, last),
                )
            )
    bulk_create_with_history(rows, ReuseTransfer)


def _systems(organisation: Organisation) -> None:
    if CircularSystem.objects.filter(organisation=organisation).exists():
        return
    units = {n.code: n for n in _nodes(organisation, [s[2] for s in SYSTEMS[organisation.code]])}
    rows = [
        CircularSystem(
            organisation=organisation,
            system_code=code,
            name=name,
            node=units[unit],
            products=products,
            volume=Decimal(volume),
            volume_unit=volume_unit,
            valid_from=datetime.date(2021, 1, 1),
        )
        for code, name, unit, products, volume, volume_unit in SYSTEMS[organisation.code]
        if unit in units
    ]
    bulk_create_with_history(rows, CircularSystem)


def _deliveries(organisation: Organisation, rng: random.Random, today: datetime.date) -> None:
    if DeliverySite.objects.filter(organisation=organisation).exists():
        return
    units = {n.code: n for n in _nodes(organisation, [s[2] for s in SITES[organisation.code]])}
    sites = [
        DeliverySite(
            organisation=organisation,
            site_code=code,
            name=name,
            node=units[unit],
            valid_from=datetime.date(2020, 1, 1),
        )
        for code, name, unit, _n, _s in SITES[organisation.code]
        if unit in units
    ]
    bulk_create_with_history(sites, DeliverySite)
    stored = {s.site_code: s for s in DeliverySite.objects.filter(organisation=organisation)}
    months = []
    for code, _name, _unit, per_month, (start, end) in SITES[organisation.code]:
        if code not in stored:
            continue
        for index in range((today.year - 2023) * 12 + today.month - 1):  # complete months
            month = datetime.date(2023 + index // 12, index % 12 + 1, 1)
            share = start + (end - start) * index / 47 + rng.uniform(-0.04, 0.04)
            deliveries = round(per_month * rng.uniform(0.85, 1.15))
            coloaded = min(deliveries, max(0, round(deliveries * share)))
            km = Decimal(round((deliveries - coloaded * 0.6) * rng.uniform(9, 14)))
            months.append(
                DeliveryMonth(
                    site=stored[code],
                    month=month,
                    deliveries=deliveries,
                    coloaded_deliveries=coloaded,
                    vehicle_km=km,
                )
            )
    DeliveryMonth.objects.bulk_create(months)


@transaction.atomic
def demo_circular_load(today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
    for organisation in Organisation.objects.filter(code__in=SEEDS).order_by("code"):
        rng = random.Random(SEEDS[organisation.code])
        _reuse(organisation, rng, today)
        _systems(organisation)
        _deliveries(organisation, rng, today)
