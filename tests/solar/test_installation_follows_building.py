"""An installation's node is always its building's: when the building is edited onto another
node, imported with another node, or carried by a reorganisation (a merge, a split where the user
chose the building's part), the installation follows, with the move in its history. A split does
not ask about installations: they go where their building goes."""

import datetime
from collections.abc import Callable

import pytest

from nettonoll.common.records import save_versioned
from nettonoll.common.tablespec import ImportResult
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Node, Reorganisation
from nettonoll.organisations.reorganise import split_groups
from nettonoll.organisations.services import SplitPart, node_split, nodes_merge
from nettonoll.solar.models import SolarInstallation
from tests.factories import UserFactory
from tests.solar.conftest import BUILDINGS, SOLAR

pytestmark = pytest.mark.django_db
DAY = datetime.date.today()
Load = Callable[[str, str], ImportResult]


def installation_node(code: str) -> str:
    return str(SolarInstallation.objects.get(installation_code=code).node.code)


def test_an_edited_building_takes_its_installations_along(root: Node, load: Load) -> None:
    load("buildings", BUILDINGS)
    load("solar", SOLAR)
    person = UserFactory()
    building = Building.objects.get(building_code="B-1")
    building.node = Node.objects.get(code="E2")
    save_versioned(building, expected_version=None, by=person)
    one = SolarInstallation.objects.get(installation_code="SOL-1")
    assert one.node.code == "E2" and one.version == 2
    latest = one.history.first()
    assert latest.history_user == person and latest.prev_record.node.code == "E1"


def test_an_imported_building_on_another_node_takes_its_installations(load: Load) -> None:
    load("buildings", BUILDINGS)
    load("solar", SOLAR)
    load("buildings", BUILDINGS.replace("B-2;Hus 2;E2", "B-2;Hus 2;E1"))
    assert installation_node("SOL-2") == "E1"


def test_a_merge_carries_installations_with_their_buildings(root: Node, load: Load) -> None:
    load("buildings", BUILDINGS)
    load("solar", SOLAR)
    nodes_merge(
        nodes=[Node.objects.get(code="E1"), Node.objects.get(code="E2")],
        code="E12", name="Enhet 1 och 2", effective_on=DAY,
    )  # fmt: skip
    assert installation_node("SOL-1") == installation_node("SOL-2") == "E12"
    moved = Reorganisation.objects.get(kind="merge").carried["moved"]["E12"]
    assert moved["buildings"] == 2


def test_a_split_asks_about_the_building_and_the_installation_follows(
    root: Node, load: Load
) -> None:
    load("buildings", BUILDINGS)
    load("solar", SOLAR)
    e1 = Node.objects.get(code="E1")
    groups = {key for key, _label, _items in split_groups(e1)}
    assert "buildings" in groups and "solar" not in groups
    building = Building.objects.get(building_code="B-1")
    node_split(
        node=e1,
        parts=[SplitPart("E1-A", "Del A"), SplitPart("E1-B", "Del B")],
        choices={"buildings": {str(building.pk): "E1-B"}},
        effective_on=DAY,
    )
    assert installation_node("SOL-1") == "E1-B"
