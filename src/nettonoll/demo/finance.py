"""Demo green bonds with their projects, and financial holdings, of the three demo regions — all
fictitious (the ISINs are made up, with correct check digits). An organisation that already has
bonds (holdings) gets none added."""

import datetime
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from nettonoll.calc.green_finance import isin_check_digit
from nettonoll.finance.models import GreenBond, GreenBondProject, Holding
from nettonoll.organisations.models import Organisation
from nettonoll.organisations.selectors import organisation_root

FRAMEWORK = "Grönt ramverk (fiktivt demoramverk)"
# organisation → bonds: (first eleven ISIN characters, MSEK, issued, matures, projects:
# (code, name, category, allocated MSEK, t CO2e/yr avoided or None))
Project = tuple[str, str, str, int, int | None]
BONDS: dict[str, list[tuple[str, int, datetime.date, datetime.date | None, list[Project]]]] = {
    "RST": [
        (
            "SE0099000011",
            2000,
            datetime.date(2021, 3, 15),
            datetime.date(2026, 3, 15),
            [
                ("P-101", "Nytt vårdhus, Miljöbyggnad Guld", "gröna byggnader", 900, 350),
                ("P-102", "Elbussdepå", "ren transport", 600, 2100),
                ("P-103", "Solceller på sjukhustak", "förnybar energi", 250, 180),
            ],
        ),
        (
            "SE0099000029",
            1500,
            datetime.date(2024, 5, 20),
            datetime.date(2030, 5, 20),
            [
                (
                    "P-201",
                    "Energieffektivisering av vårdfastigheter",
                    "energieffektivisering",
                    400,
                    620,
                ),
                ("P-202", "Skyfallsskydd vid depåer", "klimatanpassning", 150, None),
            ],
        ),
    ],
    "RV": [
        (
            "SE0099000037",
            800,
            datetime.date(2023, 9, 1),
            datetime.date(2028, 9, 1),
            [
                ("P-1", "Ombyggnad av Centralsjukhuset, NollCO2", "gröna byggnader", 500, 210),
                ("P-2", "Laddinfrastruktur", "ren transport", 90, 140),
            ],
        ),
    ],
    "RJH": [
        (
            "SE0099000045",
            300,
            datetime.date(2022, 11, 1),
            None,
            [("P-1", "Fjärrvärmekonvertering av vårdcentraler", "energieffektivisering", 180, 95)],
        ),
    ],
}
# organisation → (code, instrument, MSEK, fossil-free, held from, held to)
HOLDINGS: dict[str, list[tuple[str, str, int, bool, datetime.date, datetime.date | None]]] = {
    "RST": [
        ("H-1", "Räntefond, fossilfri", 1200, True, datetime.date(2020, 1, 1), None),
        ("H-2", "Globalfond", 800, False, datetime.date(2020, 1, 1), datetime.date(2024, 6, 30)),
        ("H-3", "Global hållbar aktiefond", 900, True, datetime.date(2024, 7, 1), None),
        ("H-4", "Svenska statsobligationer", 600, True, datetime.date(2021, 1, 1), None),
    ],
    "RV": [
        ("H-1", "Pensionsmedel, räntefond", 450, True, datetime.date(2021, 1, 1), None),
        (
            "H-2",
            "Aktieindexfond",
            300,
            False,
            datetime.date(2021, 1, 1),
            datetime.date(2025, 3, 31),
        ),
        ("H-3", "Aktieindexfond, fossilfri", 320, True, datetime.date(2025, 4, 1), None),
    ],
    "RJH": [
        ("H-1", "Räntefond", 150, True, datetime.date(2022, 1, 1), None),
        ("H-2", "Blandfond", 90, False, datetime.date(2022, 1, 1), None),
    ],
}
SCREENING = "Förvaltarens innehavsrapport, granskad mot fossilexkluderingslista (fiktiv)"
MSEK = Decimal(1_000_000)


@transaction.atomic
def demo_finance_load() -> None:
    for organisation in Organisation.objects.filter(code__in=BONDS).order_by("code"):
        root = organisation_root(organisation)
        if root is None:
            continue
        if not GreenBond.objects.filter(organisation=organisation).exists():
            for first, msek, issued, matures, projects in BONDS[organisation.code]:
                isin = first[:11] + str(isin_check_digit(first[:11]))
                bond = GreenBond(
                    organisation=organisation,
                    node=root,
                    isin=isin,
                    amount_sek=msek * MSEK,
                    framework=FRAMEWORK,
                    valid_from=issued,
                    valid_to=matures,
                )
                bond.save()
                bulk_create_with_history(
                    [
                        GreenBondProject(
                            bond=bond,
                            project_code=code,
                            name=name,
                            category=category,
                            allocated_sek=allocated * MSEK,
                            impact_t_co2e=Decimal(impact) if impact is not None else None,
                        )
                        for code, name, category, allocated, impact in projects
                    ],
                    GreenBondProject,
                )
        if not Holding.objects.filter(organisation=organisation).exists():
            bulk_create_with_history(
                [
                    Holding(
                        organisation=organisation,
                        node=root,
                        holding_code=code,
                        instrument=instrument,
                        value_sek=msek * MSEK,
                        fossil_free=free,
                        screening_source=SCREENING,
                        valid_from=start,
                        valid_to=end,
                    )
                    for code, instrument, msek, free, start, end in HOLDINGS[organisation.code]
                ],
                Holding,
            )
