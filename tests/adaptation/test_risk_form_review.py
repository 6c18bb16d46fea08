"""What a new user found on a building's risk form: with no plan activity to choose, the
measures say so (not an empty list), and a new hazard starts with "känslig verksamhet" ticked
when the building's other assessments say its use is vulnerable (the use is the building's)."""

import pytest
from django.test import Client

from nettonoll.adaptation.models import ClimateRisk
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Role
from tests.factories import NodeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def building() -> Building:
    root = NodeFactory(code="R", name="Regionen")
    unit = NodeFactory(parent=root, code="E1", name="Vårdboendet")
    return Building.objects.create(
        organisation=root.organisation,
        node=unit,
        building_code="B-1",
        name="Hus 1",
        atemp_m2=1000,
        ownership="ägd",
    )


def form_of(building: Building, hazard: str) -> str:
    client = Client()
    client.force_login(UserFactory(roles=[(building.node, Role.CONTRIBUTOR)]))
    org = building.organisation.code
    page = client.get(f"/org/{org}/klimatrisker/byggnad/{building.pk}/{hazard}/")
    assert page.status_code == 200
    return page.content.decode()


def test_no_activity_to_choose_is_said_in_words(building: Building) -> None:
    assert "Det finns inga aktiviteter" in form_of(building, "skyfall")


def test_a_new_hazard_takes_the_buildings_vulnerable_use(building: Building) -> None:
    assert " checked" not in _checkbox(form_of(building, "skyfall"))
    ClimateRisk.objects.create(
        building=building, hazard="värmebölja", likelihood=3, consequence=3, vulnerable_use=True
    )
    assert " checked" in _checkbox(form_of(building, "skyfall"))


def _checkbox(html: str) -> str:
    start = html.index('name="vulnerable_use"')
    return html[html.rindex("<input", 0, start) : html.index(">", start)]
