"""The reorganise page carries the data and says what moved (issue 10, item 4)."""

import re

import pytest
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.emissions.models import InventoryResult
from nettonoll.organisations import services
from nettonoll.plans.models import Activity, Assignment
from tests.organisations.reorganised_world import DAY, ORG, build, node

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategist() -> Client:
    build()
    client = Client()
    client.force_login(User.objects.get(username="strategen"))
    return client


def url(code: str, page: str = "reorganise") -> str:
    return f"/org/{ORG}/node/{code}/{page}/"


def test_the_page_says_what_follows_and_what_the_unit_holds(strategist: Client) -> None:
    page = strategist.get(url("EKO")).content.decode()
    assert "Stängda uppföljningsomgångar och deras rapporter ändras inte" in page
    assert "Ekonomi har i dag 2 mål, 2 aktiviteter, 2 rapporter i öppna omgångar" in page


def test_a_merge_on_the_page_moves_goals_activities_and_emissions_and_says_so(
    strategist: Client,
) -> None:
    response = strategist.post(
        url("EKO"),
        {
            "action": "merge",
            "merge-others": ["HR"],
            "merge-code": "EKHR",
            "merge-name": "Ekonomi och HR",
            "merge-effective_on": DAY.isoformat(),
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "4 mål, 3 aktiviteter, 4 rapporter i öppna omgångar, 3 indikatorvärden, "
        "3 år med antal anställda, 3 roller, 3 rader klimatbokslut flyttades till Ekonomi och HR."
    ) in page
    assert "Andel fossilfritt 2024 för HR finns kvar där" in page
    merged = node("EKHR")
    assert Activity.objects.filter(node=merged).count() == 3
    assert Assignment.objects.filter(node=merged).count() == 3
    assert InventoryResult.objects.filter(node=merged).count() == 3
    history = strategist.get(url("EKHR", "history")).content.decode()
    assert "Föregångare" in history
    assert f'href="/org/{ORG}/node/EKO/history/"' in history
    assert f'href="/org/{ORG}/node/HR/history/"' in history
    old = strategist.get(url("HR", "history")).content.decode()
    assert "Efterträdare" in old and f'href="/org/{ORG}/node/EKHR/history/"' in old


def test_a_split_asks_where_each_record_goes_then_puts_it_there(strategist: Client) -> None:
    step_one = {
        "action": "split",
        "split-parts": "EKO-A;Redovisning\nEKO-B;Inköp",
        "split-effective_on": DAY.isoformat(),
    }
    asked = strategist.post(url("EKO"), step_one)
    page = asked.content.decode()
    assert asked.status_code == 200 and "vart går enhetens uppgifter?" in page
    sorting = Activity.objects.get(title="Sortera papper")
    field = f"choice-activities:{sorting.pk}"
    assert f'name="{field}"' in page and "Sortera papper" in page
    assert (
        "Mål G2 Minska avfall" in page
        and "Diesel (med låginblandning) 2025" in page
        and "fuel.diesel" not in page
    )
    done = strategist.post(url("EKO"), {**step_one, "confirm": "1", field: "EKO-B"}, follow=True)
    assert done.status_code == 200
    assert Activity.objects.get(pk=sorting.pk).node == node("EKO-B")
    assert Activity.objects.get(title="Resfria möten").node == node("EKO-A")
    assert "1 aktivitet flyttades till Inköp." in done.content.decode()


def test_ending_a_unit_with_data_is_refused_until_a_successor_is_chosen(
    strategist: Client,
) -> None:
    refused = strategist.post(
        url("HR"), {"action": "end", "end-successor": "", "end-effective_on": DAY.isoformat()}
    )
    assert refused.status_code == 400
    assert "HR har kvar 2 mål, 1 aktivitet" in refused.content.decode()
    assert node("HR").is_active
    done = strategist.post(
        url("HR"),
        {"action": "end", "end-successor": "KTR", "end-effective_on": DAY.isoformat()},
        follow=True,
    )
    assert "flyttades till Kontor." in done.content.decode()
    assert Activity.objects.get(title="Cykelförmån").node == node("KTR")
    assert not node("HR").is_active


def test_a_rename_says_that_everything_stays(strategist: Client) -> None:
    done = strategist.post(
        url("EKO"),
        {"action": "rename", "rename-name": "Ekonomistaben", "rename-effective_on": DAY},
        follow=True,
    )
    assert "stannar hos enheten" in done.content.decode()
    assert Activity.objects.filter(node=node("EKO")).count() == 2


def test_an_ended_unit_cannot_be_reorganised_and_says_so(strategist: Client) -> None:
    services.node_end(node=node("KTR"), successor=node("EKO"), effective_on=DAY)
    detail = strategist.get(f"/org/{ORG}/node/KTR/").content.decode()
    assert url("KTR") not in detail
    assert url("EKO") in strategist.get(f"/org/{ORG}/node/EKO/").content.decode()
    page = strategist.get(url("KTR"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kontor är avvecklad och kan inte omorganiseras." in text
    assert 'name="action"' not in text
    posted = strategist.post(
        url("KTR"), {"action": "rename", "rename-name": "Nytt", "rename-effective_on": DAY}
    )
    assert posted.status_code == 409
    assert "Kontor är avvecklad och kan inte omorganiseras." in posted.content.decode()
    assert node("KTR").name == "Kontor"


def test_the_successor_list_is_in_tree_order_with_a_capitalised_empty_choice(
    strategist: Client,
) -> None:
    page = strategist.get(url("HR")).content.decode()
    select = page[page.index('name="end-successor"') :]
    select = select[: select.index("</select>")]
    values = re.findall(r'<option value="([^"]*)"', select)
    assert values == ["", ORG, "RS", "EKO", "KTR"]
    assert ">– Ingen –</option>" in select
