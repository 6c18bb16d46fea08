"""The solar page of a node and the organisation's target: figures per year in words, the
installations with the unit's share of a shared building, the path to the target with its
verdict and the kWp a year needed; the target set by a strategist with history, refused with
what was typed kept; the installation form offers only the organisation's buildings the user may
edit, and takes the node from the building."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.common.tablespec import ImportResult
from nettonoll.estate.models import Building, BuildingShare
from nettonoll.organisations.models import Node, Role
from nettonoll.solar.models import SolarInstallation, SolarTarget
from nettonoll.solar.selectors import node_solar
from tests.factories import NodeFactory, UserFactory
from tests.solar.conftest import BUILDINGS, SOLAR

pytestmark = pytest.mark.django_db
Load = Callable[[str, str], ImportResult]
PRODUCTION = """installation_code;month;produced_kwh;exported_kwh
SOL-1;2024-06;12000;3000
"""
READINGS = """building_code;month;carrier;kwh;temperature_dependent_share
B-1;2024-06;el;21000;
B-2;2024-06;el;30000;
"""


@pytest.fixture
def world(root: Node, load: Load) -> Node:
    load("buildings", BUILDINGS)
    load("solar", SOLAR)
    load("solar-production", PRODUCTION)
    load("energy-readings", READINGS)
    return root


def client_for(node: Node, role: Role) -> Client:
    client = Client()
    client.force_login(UserFactory(roles=[(node, role)]))
    return client


def test_a_shared_building_counts_with_the_units_area_share(world: Node) -> None:
    e1, e2 = Node.objects.get(code="E1"), Node.objects.get(code="E2")
    BuildingShare.objects.create(
        building=Building.objects.get(building_code="B-1"), node=e2, share_pct=25
    )
    year = {y.year: y for y in node_solar(e1).years}[2024]
    assert year.kwp == pytest.approx(75.0)
    assert year.produced_kwh == pytest.approx(9000.0)
    assert year.self_sufficiency_pct == pytest.approx(30.0)  # the same shares both sides
    other = {y.year: y for y in node_solar(e2).years}[2024]
    assert other.kwp == pytest.approx(25.0 + 40.5)


def test_the_page_shows_the_years_and_installations_in_words(world: Node) -> None:
    page = client_for(world, Role.READER).get(f"/org/{world.organisation.code}/solel/?node=E1")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Solel för Enhet E1" in text
    assert "75,0 %" in text and "30,0 %" in text  # self-consumption, self-sufficiency 2024
    assert "SOL-1" in text and "SOL-2" not in text
    assert "Organisationen har inget mål" in text
    assert "Sätt ett mål" not in text  # a reader may not set it


def test_a_strategist_sets_the_target_and_the_page_shows_the_path(world: Node) -> None:
    client = client_for(world, Role.STRATEGIST)
    url = f"/org/{world.organisation.code}/solel/mal/"
    assert client.get(url).status_code == 200
    year = datetime.date.today().year
    refused = client.post(
        url, {"target_kwp": "1 000", "target_year": "2020", "base_year": "2024", "version": "0"}
    )
    assert refused.status_code == 400
    assert "Målåret ska ligga efter basåret." in refused.content.decode()
    assert 'value="1 000"' in refused.content.decode()  # what was typed is kept
    saved = client.post(
        url,
        {
            "target_kwp": "1 000",
            "target_year": str(year + 4),
            "base_year": "2024",
            "note": "Fullmäktige 2025",
            "version": "0",
        },
    )
    assert saved.status_code == 302
    target = SolarTarget.objects.get(organisation=world.organisation)
    assert target.target_kwp == 1000 and target.history.count() == 1
    text = client.get(f"/org/{world.organisation.code}/solel/").content.decode()
    assert "Inte på väg" in text
    # 140,5 kWp today (SOL-1 and SOL-2): 859,5 missing over five 31 Decembers
    assert "172 kWp om året" in text
    assert "Målets historik" in text


def test_only_a_strategist_of_the_organisation_sets_the_target(world: Node) -> None:
    url = f"/org/{world.organisation.code}/solel/mal/"
    assert client_for(world, Role.READER).get(url).status_code == 403
    unit = Node.objects.get(code="E1")
    assert client_for(unit, Role.STRATEGIST).get(url).status_code == 404


def test_the_installation_form_offers_the_users_buildings_and_takes_their_node(
    world: Node,
) -> None:
    other = NodeFactory(code="OTHER")
    Building.objects.create(
        organisation=other.organisation,
        node=other,
        building_code="X-1",
        name="Främmande hus",
        atemp_m2=10,
        ownership="ägd",
    )
    client = client_for(Node.objects.get(code="E1"), Role.CONTRIBUTOR)
    url = f"/org/{world.organisation.code}/register/solceller/new/"
    form = client.get(url).content.decode()
    assert "B-1 Hus 1" in form
    assert "B-2" not in form and "Främmande" not in form  # another unit's, another region's
    assert 'name="node"' not in form
    b1 = Building.objects.get(building_code="B-1")
    made = client.post(
        url,
        {
            "installation_code": "SOL-9",
            "building": str(b1.pk),
            "kwp": "12,5",
            "valid_from": "2025-04-01",
            "version": "0",
        },
    )
    assert made.status_code == 302, made.content.decode()
    assert SolarInstallation.objects.get(installation_code="SOL-9").node.code == "E1"
    b2 = Building.objects.get(building_code="B-2")
    refused = client.post(
        url,
        {
            "installation_code": "SOL-10",
            "building": str(b2.pk),
            "kwp": "1",
            "valid_from": "2025-04-01",
            "version": "0",
        },
    )
    assert refused.status_code == 400
    assert not SolarInstallation.objects.filter(installation_code="SOL-10").exists()


def test_the_node_page_shows_the_solar_and_adaptation_panels(world: Node) -> None:
    page = client_for(world, Role.READER).get(f"/org/{world.organisation.code}/node/E1/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Installerad effekt i dag" in text and "100,0 kWp" in text
    assert f"/org/{world.organisation.code}/solel/?node=E1" in text
    assert "Byggnader med hög klimatrisk" in text


def test_the_current_year_counts_what_is_in_service_today(world: Node, load: Load) -> None:
    load("solar", SOLAR + "SOL-F;B-2;40;2025-09-01\n")
    years = {y.year: y for y in node_solar(world, datetime.date(2025, 6, 1)).years}
    assert years[2025].kwp == pytest.approx(140.5)  # SOL-F starts after today
    later = {y.year: y for y in node_solar(world, datetime.date(2026, 6, 1)).years}
    assert later[2025].kwp == pytest.approx(180.5)  # 31 December 2025, complete
