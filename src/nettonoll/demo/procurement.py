"""Demo procurements of the three demo regions with their sustainability requirements and
follow-ups, 2022–2026 — all fictitious (diarienummer, titles, values, criterion ids and results
are made up from a seeded random generator, so every run gives the same rows).

Later years set more and higher requirements; follow-ups planned before the reference day are
mostly done (a few late, a few never: those are overdue). Running the loader again changes
nothing: an organisation that already has procurements gets none added."""

import datetime
import random

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from nettonoll.organisations.models import Node, Organisation
from nettonoll.procurement.models import Procurement, Requirement

SEEDS = {"RJH": 2312, "RV": 1712, "RST": 112}
PREFIX = {"RJH": "RJH", "RV": "RV", "RST": "RS"}
# organisation → the units that procure (the contributor of the demo works at RS-SERV-KOST)
UNITS = {
    "RJH": ["RS-SERV-KOST", "RS-SERV-FAST", "RS-SERV-LOG", "RS-SERV-LOK", "RS-DIG", "HS-SJH"],
    "RV": ["RLF-FAST-DRIFT", "RLF-FAST-BYGG", "HSV-CSK-KOST", "HSV-PV", "HSV-LMD", "RU-KTR"],
    "RST": ["RLK-UPH", "TF-FORD", "TF-FAST", "HSF-CIRK", "HSF-RK", "RLK-HB-MK"],
}
PER_YEAR = {2022: 5, 2023: 6, 2024: 7, 2025: 7, 2026: 5}
# the day the demo's follow-ups were last recorded (later plans are not yet done)
RECORDED_UNTIL = datetime.date(2026, 10, 31)

TITLES = [
    ("Kontorsmöbler", 800_000, 4_000_000),
    ("Städtjänster", 2_000_000, 12_000_000),
    ("Livsmedel till kök och restauranger", 5_000_000, 40_000_000),
    ("Datorer och skärmar", 3_000_000, 25_000_000),
    ("Arbetskläder", 500_000, 3_000_000),
    ("Förbrukningsmaterial för vården", 4_000_000, 30_000_000),
    ("Engångshandskar", 1_000_000, 6_000_000),
    ("Transporttjänster", 2_000_000, 15_000_000),
    ("Ombyggnad av vårdavdelning", 10_000_000, 80_000_000),
    ("Skrivare och kopiatorer", 600_000, 3_500_000),
    ("Tvätt och textilservice", 3_000_000, 20_000_000),
    ("Avfallshantering", 1_500_000, 9_000_000),
    ("LED-belysning", 700_000, 5_000_000),
    ("Mobiltelefoner", 800_000, 6_000_000),
    ("Konsulttjänster", 300_000, 2_000_000),
    ("Laboratorieutrustning", 2_000_000, 12_000_000),
]
# area → (descriptions, fictitious criterion ids in Upphandlingsmyndigheten's form)
AREAS = {
    "klimat": (
        ["Fossilfria transporter", "Energieffektiva produkter", "Klimatdeklaration"],
        ["10194:1", "10421:2", "10502:1"],
    ),
    "cirkularitet": (
        ["Återbrukade produkter ska erbjudas", "Reservdelar i minst fem år", "Returemballage"],
        ["10140:1", "10733:1", "10611:2"],
    ),
    "kemikalier": (
        ["Inga ftalater", "Inga PFAS", "Miljömärkta rengöringsmedel"],
        ["10233:1", "10245:3", "10310:1"],
    ),
    "social": (
        ["Uppförandekod för leverantörer", "Arbetsrättsliga villkor"],
        ["10055:1", "10061:2"],
    ),
    "annat": (["Tillgänglighet", "Leveranstid"], ["", ""]),
}
PLACEMENTS = ["kvalificering", "teknisk specifikation", "tilldelning", "kontraktsvillkor"]


def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))


def _requirements(rng: random.Random, procurement: Procurement, year: int) -> list[Requirement]:
    """1–4 requirements; later years more often sustainability ones at higher levels."""
    later = (year - 2022) / 4
    if rng.random() < 0.25 - 0.15 * later:  # some procurements have only `annat` or nothing
        areas = rng.choice([[], ["annat"]])
    else:
        weights = [3 + 2 * later, 1 + 3 * later, 2, 2, 1.5]
        areas = rng.choices(list(AREAS), weights=weights, k=rng.randint(1, 4))
    made = []
    for number, area in enumerate(areas, start=1):
        descriptions, criteria = AREAS[area]
        pick = rng.randrange(len(descriptions))
        level = rng.choices(["bas", "avancerad", "spjutspets"], [6 - 3 * later, 3, 1 + later])[0]
        planned = procurement.valid_from + _days(rng, 120, 540)
        done = None
        result = ""
        if planned <= RECORDED_UNTIL and rng.random() < 0.7 + 0.1 * later:
            done = min(planned + _days(rng, -20, 90), RECORDED_UNTIL)
            result = rng.choices(["uppfyllt", "delvis", "ej uppfyllt"], [7, 2, 1])[0]
        made.append(
            Requirement(
                procurement=procurement,
                requirement_code=f"K{number}",
                criterion_id=criteria[pick],
                description=descriptions[pick],
                area=area,
                level=level if area != "annat" or rng.random() < 0.3 else "",
                placement=rng.choice(PLACEMENTS),
                follow_up_planned_on=planned,
                followed_up_on=done,
                result=result,
                note="Verifierat med leverantörens underlag." if result == "uppfyllt" else "",
            )
        )
    return made


def _load(organisation: Organisation, nodes: dict[str, Node]) -> None:
    rng = random.Random(SEEDS[organisation.code])
    procurements: list[Procurement] = []
    pending: list[tuple[Procurement, int]] = []
    for year, count in PER_YEAR.items():
        for number in range(1, count + 1):
            title, low, high = rng.choice(TITLES)
            decided = datetime.date(year, 1, 1) + _days(rng, 0, 300 if year < 2026 else 240)
            start = decided + _days(rng, 30, 100)
            value = round(rng.randint(low, high), -4)
            procurement = Procurement(
                organisation=organisation,
                node=nodes[rng.choice(UNITS[organisation.code])],
                procurement_code=f"{PREFIX[organisation.code]} {year}-{number * 37:04d}",
                title=title,
                value_sek=value,
                decided_on=decided,
                valid_from=start,
                valid_to=start.replace(year=start.year + rng.randint(2, 4))
                - datetime.timedelta(days=1),
            )
            procurements.append(procurement)
            pending.append((procurement, year))
    bulk_create_with_history(procurements, Procurement)
    stored = {p.procurement_code: p for p in Procurement.objects.filter(organisation=organisation)}
    requirements = [
        r
        for procurement, year in pending
        for r in _requirements(rng, stored[procurement.procurement_code], year)
    ]
    bulk_create_with_history(requirements, Requirement)


@transaction.atomic
def demo_procurement_load() -> int:
    """Add the demo procurements of each demo organisation that has none; returns how many
    organisations got them."""
    filled = 0
    for code in SEEDS:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None or Procurement.objects.filter(organisation=organisation).exists():
            continue
        nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
        _load(organisation, nodes)
        filled += 1
    return filled
