"""The procurement pages as the demo's people use them: the overview's shares by count and by
value with "n av m", the overdue follow-ups linked; a procurement's requirements in words; the
requirement and follow-up forms (refused forms keep what was typed, a stale edit answers 409)."""

import datetime
import html
import re
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.organisations.models import Node
from nettonoll.procurement.models import Procurement, Requirement

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def kost(demo: None) -> Node:
    return Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")


@pytest.fixture
def procurement(kost: Node) -> Procurement:
    Procurement.objects.filter(organisation=kost.organisation).delete()
    made = Procurement.objects.create(
        organisation=kost.organisation,
        node=kost,
        procurement_code="RJH 2020-1",
        title="Livsmedel",
        value_sek=750_000,
        decided_on=D(2020, 3, 1),
        valid_from=D(2020, 5, 1),
    )
    other = Procurement.objects.create(
        organisation=kost.organisation,
        node=kost,
        procurement_code="RJH 2020-2",
        title="Kaffe",
        value_sek=250_000,
        decided_on=D(2020, 4, 1),
        valid_from=D(2020, 5, 1),
    )
    Requirement.objects.create(
        procurement=made,
        requirement_code="K1",
        area="cirkularitet",
        level="spjutspets",
        placement="teknisk specifikation",
        description="Returemballage",
        follow_up_planned_on=D(2020, 10, 1),
    )
    Requirement.objects.create(procurement=other, requirement_code="K1", area="annat")
    return made


def test_the_overview_shows_shares_by_count_and_value_and_links_the_overdue(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    page = client_as("contributor").get("/org/RJH/upphandling/?node=RS-SERV-KOST&year=2020")
    assert page.status_code == 200
    text = page.content.decode()
    assert "1 av 2" in text  # one of two with a sustainability requirement
    assert "50,0 %" in text and "75,0 %" in text  # by count, and 750 000 of 1 000 000 kr
    assert "750 000 kr av 1 000 000 kr" in text.replace("\xa0", " ")
    assert f"/org/RJH/upphandling/{procurement.pk}/" in text  # the overdue one, linked
    assert "Cirkularitet: Returemballage" in text
    empty = client_as("contributor").get("/org/RJH/upphandling/?node=RS-SERV-KOST&year=2019")
    assert "ingen andel att visa" in empty.content.decode()


def test_a_procurement_lists_its_requirements_in_words(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    page = client_as("reader").get(f"/org/RJH/upphandling/{procurement.pk}/")
    text = page.content.decode()
    assert "Spjutspetsnivå" in text and "Teknisk specifikation" in text and "försenad" in text
    assert "Följ upp" not in text  # a reader may not follow up
    requirement = procurement.requirements.get()
    history = f"/org/RJH/historik/upphandlingskrav/{requirement.pk}/"
    assert history in text
    assert client_as("reader").get(history).status_code == 200
    assert client_as("outsider").get(history).status_code == 404


def test_a_follow_up_is_saved_with_history_and_a_refused_one_keeps_what_was_typed(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    requirement = procurement.requirements.get()
    url = f"/org/RJH/upphandling/{procurement.pk}/krav/{requirement.pk}/uppfoljning/"
    client = client_as("contributor")
    refused = client.post(
        url, {"result": "uppfyllt", "note": "Kontrollerat på plats", "version": 1}
    )
    assert refused.status_code == 400
    assert "kräver ett datum" in refused.content.decode()
    assert "Kontrollerat på plats" in refused.content.decode()
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    refused = client.post(url, {"followed_up_on": future, "result": "delvis", "version": 1})
    assert refused.status_code == 400
    assert "framtiden" in refused.content.decode()
    done = client.post(
        url, {"followed_up_on": "2020-10-05", "result": "uppfyllt", "note": "OK", "version": 1}
    )
    assert done.status_code == 302
    requirement.refresh_from_db()
    assert (requirement.result, requirement.version, requirement.history.count()) == (
        "uppfyllt",
        2,
        2,
    )
    stale = client.post(url, {"followed_up_on": "2020-10-06", "result": "delvis", "version": 1})
    assert stale.status_code == 409
    assert "2020-10-06" in stale.content.decode()  # what was typed stays in the form


def test_a_contributor_adds_a_requirement_and_a_repeated_number_is_refused(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    url = f"/org/RJH/upphandling/{procurement.pk}/krav/ny/"
    client = client_as("contributor")
    typed = {"requirement_code": "K2", "area": "klimat", "level": "avancerad", "version": 0}
    assert client.post(url, typed).status_code == 302
    assert procurement.requirements.filter(requirement_code="K2", area="klimat").exists()
    again = client.post(url, typed | {"description": "Fossilfria transporter"})
    assert again.status_code == 400
    assert "redan ett krav med nummer K2" in again.content.decode()
    assert "Fossilfria transporter" in again.content.decode()
    lower = client.post(url, typed | {"requirement_code": "k2"})  # K2 typed in lower case
    assert lower.status_code == 400
    assert "redan ett krav med nummer K2" in lower.content.decode()
    assert client_as("reader").get(url).status_code == 403


def test_the_registers_generic_pages_add_a_procurement_and_send_to_its_own_page(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    client = client_as("contributor")
    made = client.post(
        "/org/RJH/register/upphandlingar/new/",
        {
            "procurement_code": " RJH  2025-7 ",
            "title": "Arbetskläder",
            "node": "RS-SERV-KOST",
            "value_sek": "1 200 000",
            "decided_on": "2025-02-01",
            "valid_from": "2025-04-01",
            "valid_to": "2025-03-01",
            "version": 0,
        },
    )
    assert made.status_code == 400  # the contract ends before it starts
    assert "Avtalet slutar före det börjar" in made.content.decode()
    assert "Arbetskläder" in made.content.decode()
    made = client.post(
        "/org/RJH/register/upphandlingar/new/",
        {
            "procurement_code": " RJH  2025-7 ",
            "title": "Arbetskläder",
            "node": "RS-SERV-KOST",
            "value_sek": "1 200 000",
            "decided_on": "2025-02-01",
            "valid_from": "2025-04-01",
            "version": 0,
        },
    )
    assert made.status_code == 302
    stored = Procurement.objects.get(procurement_code="RJH 2025-7")
    generic = client.get(made["Location"])
    assert generic.status_code == 302
    assert generic["Location"] == f"/org/RJH/upphandling/{stored.pk}/"


def test_the_generic_register_pages_serve_procurements_and_their_requirements(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    client = client_as("strategist")
    listed = client.get("/org/RJH/register/upphandlingar/?node=RS-SERV-KOST")
    assert listed.status_code == 200
    assert "RJH 2020-1" in listed.content.decode() and "Avtal till" in listed.content.decode()
    for slug in ("upphandlingar", "upphandlingskrav"):
        assert client.get(f"/org/RJH/register/{slug}/import/").status_code == 200
        template = client.get(f"/org/RJH/register/{slug}/import/?mall={slug}&format=csv")
        assert template.status_code == 200
    exported = client.get("/org/RJH/register/upphandlingskrav/export.csv")
    assert "RJH 2020-1;K1;;cirkularitet;spjutspets" in exported.content.decode("utf-8-sig")


def test_following_up_from_the_overdue_list_returns_to_it(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    client = client_as("contributor")
    overview = "/org/RJH/upphandling/?node=RS-SERV-KOST&year=2020"
    requirement = procurement.requirements.get()
    page = client.get(overview).content.decode()
    found = re.search(r'href="([^"]*/uppfoljning/\?next=[^"]*)"', page)
    assert found is not None
    link = html.unescape(found.group(1))
    assert link.startswith(f"/org/RJH/upphandling/{procurement.pk}/krav/{requirement.pk}/")
    done = client.post(link, {"followed_up_on": "2020-10-05", "result": "delvis", "version": 1})
    assert done["Location"] == overview
    assert "Inga försenade uppföljningar" in client.get(overview).content.decode()
    elsewhere = link.split("?")[0] + "?next=https://example.com/"
    again = client.post(elsewhere, {"followed_up_on": "2020-10-06", "version": 2})
    assert again["Location"] == f"/org/RJH/upphandling/{procurement.pk}/"


def test_the_days_overdue_are_written_with_swedish_thousands(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    page = client_as("contributor").get("/org/RJH/upphandling/?node=RS-SERV-KOST&year=2020")
    days = (datetime.date.today() - D(2020, 10, 1)).days
    text = page.content.decode().replace("\xa0", " ")
    assert f"{days // 1000} {days % 1000:03d} dagar" in text


def test_a_share_is_rounded_half_up_as_by_hand() -> None:
    from nettonoll.procurement.views import pct_text

    assert pct_text(9 / 16 * 100) == "56,3 %"  # 56,25 %: a hand count says 56,3, not 56,2
    assert pct_text(None) == "–"


def test_the_overview_opens_on_the_last_complete_year_like_the_node_panel(
    client_as: Callable[[str], Client], procurement: Procurement
) -> None:
    page = client_as("contributor").get("/org/RJH/upphandling/?node=RS-SERV-KOST")
    last = datetime.date.today().year - 1
    assert f"<h1>Upphandling {last} för" in page.content.decode()
