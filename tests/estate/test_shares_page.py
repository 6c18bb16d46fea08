"""The units' area shares of a building on a page of their own (issue 12): all shares edited at
once by contributors of the building's node, never above 100 % together (a refused form keeps
every typed value), every change in the history; reachable from the building's register page.
The demo's central kitchen OSD-KOK is on Kost och restaurang, where the contributor works."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from nettonoll.estate.models import Building, BuildingShare
from nettonoll.estate.shares import shares_state
from nettonoll.organisations.models import Node

pytestmark = pytest.mark.django_db


@pytest.fixture
def kitchen(demo: None) -> Building:
    return Building.objects.get(organisation__code="RJH", building_code="OSD-KOK")


def url(building: Building) -> str:
    return f"/org/RJH/energi/byggnad/{building.pk}/ytandelar/"


def form(
    building: Building, rows: list[tuple[str, str]], state: str | None = None
) -> dict[str, str]:
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "200",
        "state": shares_state(building) if state is None else state,
    }
    for i, (node, share) in enumerate(rows):
        data[f"form-{i}-node"] = node
        data[f"form-{i}-share_pct"] = share
    return data


def node_pk(code: str) -> str:
    return str(Node.objects.get(organisation__code="RJH", code=code).pk)


def test_the_register_page_links_to_the_shares_and_the_energy(
    client_as: Callable[[str], Client], kitchen: Building
) -> None:
    page = client_as("contributor").get(f"/org/RJH/register/byggnader/{kitchen.pk}/")
    assert url(kitchen) in page.content.decode()
    assert f"/org/RJH/energi/byggnad/{kitchen.pk}/" in page.content.decode()
    assert "<dd>1994</dd>" in page.content.decode()  # the year built, not "1 994"


def test_a_contributor_sets_every_share_at_once_and_the_history_says_so(
    client_as: Callable[[str], Client], kitchen: Building
) -> None:
    rows = [(node_pk("RS-SERV-FAST"), "30,5"), (node_pk("HS-PV"), "20")]
    response = client_as("contributor").post(url(kitchen), form(kitchen, rows))
    assert response.status_code == 302
    stored = {s.node.code: s.share_pct for s in kitchen.shares.all()}
    assert stored == {"RS-SERV-FAST": Decimal("30.50"), "HS-PV": Decimal("20.00")}
    # one share changed, one removed
    again = [(node_pk("RS-SERV-FAST"), "25")]
    assert client_as("contributor").post(url(kitchen), form(kitchen, again)).status_code == 302
    assert {s.node.code: s.share_pct for s in kitchen.shares.all()} == {
        "RS-SERV-FAST": Decimal("25.00")
    }
    page = client_as("reader").get(url(kitchen)).content.decode()
    assert "ändrad till 25 %" in page and "borttagen" in page and "tillagd med 30,5 %" in page
    assert "Resten: Kost och restaurang" in page and "75 %" in page


def test_shares_above_100_pct_are_refused_and_every_typed_value_stays(
    client_as: Callable[[str], Client], kitchen: Building
) -> None:
    rows = [(node_pk("RS-SERV-FAST"), "60,25"), (node_pk("HS-PV"), "45")]
    response = client_as("contributor").post(url(kitchen), form(kitchen, rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Andelarna blir 105,25 % tillsammans; de får vara högst 100 %." in page
    assert 'value="60,25"' in page and 'value="45"' in page
    assert f'<option value="{node_pk("HS-PV")}" selected' in page
    assert not kitchen.shares.exists()


def test_a_unit_twice_is_refused(client_as: Callable[[str], Client], kitchen: Building) -> None:
    rows = [(node_pk("HS-PV"), "10"), (node_pk("HS-PV"), "20")]
    response = client_as("contributor").post(url(kitchen), form(kitchen, rows))
    assert response.status_code == 400
    assert "En enhet finns med två gånger." in response.content.decode()


def test_a_save_from_a_form_opened_before_anothers_save_is_refused_keeping_the_values(
    client_as: Callable[[str], Client], kitchen: Building
) -> None:
    opened = shares_state(kitchen)
    BuildingShare.objects.create(
        building=kitchen, node=Node.objects.get(organisation__code="RJH", code="HS-PV"), share_pct=5
    )
    rows = [(node_pk("RS-SERV-FAST"), "12")]
    response = client_as("contributor").post(url(kitchen), form(kitchen, rows, state=opened))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Någon annan har ändrat ytandelarna" in page and 'value="12"' in page


def test_a_reader_sees_the_shares_but_may_not_change_them(
    client_as: Callable[[str], Client], kitchen: Building
) -> None:
    assert client_as("reader").get(url(kitchen)).status_code == 200
    assert client_as("reader").post(url(kitchen), form(kitchen, [])).status_code == 403
