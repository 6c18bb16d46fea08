"""What a new user found on the solar page and the target form: no link to an installation the
user may not open (a unit sharing another unit's building), the target's label capitalised like
the others, a half rounded up as in Swedish (358,5 → 359, not 358), and a year whose buildings
have no electricity readings has no self-sufficiency (missing data is not 100 %)."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.common.tablespec import ImportResult
from nettonoll.estate.models import Building, BuildingShare
from nettonoll.organisations.models import Node, Role
from nettonoll.solar.models import SolarInstallation
from nettonoll.solar.selectors import node_solar
from nettonoll.solar.views import number_text
from tests.factories import UserFactory
from tests.solar.conftest import BUILDINGS, SOLAR

pytestmark = pytest.mark.django_db
Load = Callable[[str, str], ImportResult]
PRODUCTION = """installation_code;month;produced_kwh;exported_kwh
SOL-1;2024-06;12000;3000
"""


@pytest.fixture
def world(root: Node, load: Load) -> Node:
    load("buildings", BUILDINGS)
    load("solar", SOLAR)
    load("solar-production", PRODUCTION)
    return root


def client_for(node: Node, role: Role) -> Client:
    client = Client()
    client.force_login(UserFactory(roles=[(node, role)]))
    return client


def test_no_link_to_an_installation_on_a_building_the_user_only_shares(world: Node) -> None:
    e1, e2 = Node.objects.get(code="E1"), Node.objects.get(code="E2")
    BuildingShare.objects.create(
        building=Building.objects.get(building_code="B-1"), node=e2, share_pct=25
    )
    client = client_for(e2, Role.READER)
    text = client.get(f"/org/{world.organisation.code}/solel/?node=E2").content.decode()
    assert "SOL-1" in text  # shown with E2's share …
    org = world.organisation.code
    sol1 = SolarInstallation.objects.get(installation_code="SOL-1")
    link = f"/org/{org}/register/solceller/{sol1.pk}/"
    assert link not in text  # … but not linked: E2 may not open E1's record
    assert client.get(link).status_code == 404
    own = client_for(e1, Role.READER).get(f"/org/{org}/solel/?node=E1")
    assert link in own.content.decode()


def test_the_target_form_labels_start_with_a_capital(world: Node) -> None:
    client = client_for(world, Role.STRATEGIST)
    text = client.get(f"/org/{world.organisation.code}/solel/mal/").content.decode()
    assert "Mål (kWp)" in text
    assert ">mål (kWp)" not in text


def test_a_half_is_rounded_up() -> None:
    assert number_text(358.5, 0, "kWp") == "359 kWp"
    assert number_text(2.25, 1) == "2,3"


def test_no_self_sufficiency_without_electricity_readings(world: Node) -> None:
    year = {y.year: y for y in node_solar(world).years}[2024]
    assert year.self_consumption_pct == pytest.approx(75.0)
    assert year.self_sufficiency_pct is None  # no `el` readings at all that year: not 100 %


def test_the_registers_index_links_to_the_solar_and_new_build_pages(world: Node) -> None:
    org = world.organisation.code
    text = client_for(world, Role.READER).get(f"/org/{org}/register/").content.decode()
    assert f'href="/org/{org}/solel/"' in text
    assert f'href="/org/{org}/nybyggnad/"' in text


def test_the_node_panel_says_which_year_its_rates_are(world: Node) -> None:
    text = client_for(world, Role.READER).get(f"/org/{world.organisation.code}/node/R/")
    body = text.content.decode()
    assert "Egenanvändning 2024" in body or "Egenanvändning 2025" in body
    assert "senaste hela året" in body


def test_each_installation_shows_its_last_month_of_production(world: Node) -> None:
    text = client_for(world, Role.READER).get(f"/org/{world.organisation.code}/solel/")
    body = text.content.decode()
    assert "Senaste månad med produktion" in body
    assert "2024-06" in body  # SOL-1's production
    assert "ingen rapporterad" in body  # SOL-2 has none
