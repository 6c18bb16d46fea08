"""A small world for the energy feedback: a region with an administration and two units, a
building of unit E1 that unit E2 uses 40 % of, 24 months of readings and Karlstad's degree days
up to the latest complete month (relative to today, so the pages' "last 12 months" see them)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from nettonoll.accounts.models import User
from nettonoll.calc.energy_feedback import last_complete_month, month_add
from nettonoll.energy_feedback.models import EnergyMeasure, FeedbackSubscription
from nettonoll.estate.models import Building, BuildingShare, DegreeDayMonth, EnergyReading
from nettonoll.organisations.models import Level, Node, Role
from tests.factories import NodeFactory, UserFactory


@dataclass
class World:
    root: Node
    unit: Node  # E1, owns the building
    other: Node  # E2, uses 40 % of it
    building: Building
    latest: datetime.date  # the latest complete month
    reader: User  # reader at the root
    contributor: User  # contributor on E1
    outsider: User  # reader on E2 only

    @property
    def org(self) -> str:
        return self.root.organisation.code


def month_rows(
    building: Building, first: datetime.date, months: int, carrier: str, kwh: float
) -> None:
    EnergyReading.objects.bulk_create(
        EnergyReading(
            building=building, month=month_add(first, n), carrier=carrier, kwh=Decimal(kwh)
        )
        for n in range(months)
    )


def degree_days(
    first: datetime.date, months: int, actual: float = 300, normal: float = 300
) -> None:
    for n in range(months):
        DegreeDayMonth.objects.update_or_create(
            locality="Karlstad",
            month=month_add(first, n),
            defaults={
                "degree_days": Decimal(actual),
                "normal_degree_days": Decimal(normal),
                "base_c": Decimal(17),
                "source": "SMHI (test)",
            },
        )


@pytest.fixture
def world(db: None) -> World:
    """(The demo's subscription and measures are left out: tests count their own.)"""
    FeedbackSubscription.objects.all().delete()
    EnergyMeasure.objects.all().delete()
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    unit = NodeFactory(parent=administration, code="E1", name="Kök")
    other = NodeFactory(parent=administration, code="E2", name="Tvätt")
    building = Building.objects.create(
        organisation=root.organisation,
        node=unit,
        building_code="B-1",
        name="Hus 1",
        locality="Karlstad",
        atemp_m2=Decimal(1000),
        ownership="ägd",
    )
    BuildingShare.objects.create(building=building, node=other, share_pct=Decimal(40))
    latest = last_complete_month(datetime.date.today())
    first = month_add(latest, -23)
    # last year 1 000 kWh heat and 500 kWh electricity a month, this year 900 and 500
    month_rows(building, first, 12, "fjärrvärme", 1000)
    month_rows(building, month_add(first, 12), 12, "fjärrvärme", 900)
    month_rows(building, first, 24, "el", 500)
    degree_days(first, 24)
    return World(
        root=root,
        unit=unit,
        other=other,
        building=building,
        latest=latest,
        reader=UserFactory(
            username="lasaren", email="lasare@example.org", roles=[(root, Role.READER)]
        ),
        contributor=UserFactory(
            username="medarbetaren",
            email="medarbetare@example.org",
            roles=[(unit, Role.CONTRIBUTOR)],
        ),
        outsider=UserFactory(
            username="tvatt", email="tvatt@example.org", roles=[(other, Role.READER)]
        ),
    )
