"""The reuse, co-loading and green finance pages in the demo: Swedish words and numbers, the
statement that avoided emissions are reported beside the klimatbokslut, empty years without a
value, and the registers index linking the pages (issue 12)."""

from collections.abc import Callable

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_reuse_page_says_avoided_emissions_are_beside_the_klimatbokslut(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("strategist").get("/org/RJH/aterbruk/?node=RJH")
    text = page.content.decode()
    assert page.status_code == 200
    assert "redovisas bredvid klimatbokslutet och dras aldrig av från det" in text
    assert "faktorversion 2026.1" in text
    assert "Kontorsstol" in text
    assert "Returpall" in text


def test_a_year_without_reuse_has_no_figure(client_as: Callable[[str], Client]) -> None:
    text = client_as("strategist").get("/org/RJH/aterbruk/?node=RJH&year=1999").content.decode()
    assert "Inget återbruk 1999: ingen siffra att visa." in text


def test_the_coloading_page_shows_shares_per_month_and_site(
    client_as: Callable[[str], Client],
) -> None:
    text = client_as("strategist").get("/org/RJH/samlastning/?year=2024").content.decode()
    assert "Godsmottagning Östersunds sjukhus" in text
    assert "2024-01" in text
    assert " %" in text
    empty = client_as("strategist").get("/org/RJH/samlastning/?year=1999").content.decode()
    assert "Inga leveranser 1999." in empty


def test_the_finance_page_shows_allocated_and_fossil_free_shares(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("strategist").get("/org/RJH/gron-finans/?year=2024")
    text = page.content.decode().replace("\xa0", " ")
    # the demo's bond: 180 of 300 MSEK allocated; holdings: 150 of 240 MSEK fossil-free
    assert "60,0 %" in text
    assert "62,5 %" in text
    assert "180 000 000 av 300 000 000 kr allokerade" in text
    before = client_as("strategist").get("/org/RJH/gron-finans/?year=2019").content.decode()
    assert "Inga gröna obligationer utestående: ingen andel att visa." in before


def test_the_registers_index_links_the_pages(client_as: Callable[[str], Client]) -> None:
    text = client_as("reader").get("/org/RJH/register/").content.decode()
    for url in ("/org/RJH/aterbruk/", "/org/RJH/samlastning/", "/org/RJH/gron-finans/"):
        assert url in text


def test_a_reuse_form_offers_the_organisations_units_as_receivers(
    client_as: Callable[[str], Client],
) -> None:
    text = client_as("contributor").get("/org/RJH/register/aterbruk/new/").content.decode()
    assert 'name="to_node"' in text
    assert "Regionservice" in text  # another unit than the contributor's own
    assert "Region Stockholm" not in text


def test_a_reuse_is_added_through_its_form(client_as: Callable[[str], Client]) -> None:
    from nettonoll.circular.models import ReuseTransfer

    answer = client_as("contributor").post(
        "/org/RJH/register/aterbruk/new/",
        {
            "reuse_code": "WEB-1",
            "item_type": "bildskärm",
            "count": "3",
            "node": "RS-SERV-KOST",
            "to_node": "RS-HR",
            "valid_from": "2025-04-01",
            "version": "0",
        },
    )
    assert answer.status_code == 302
    saved = ReuseTransfer.objects.get(reuse_code="WEB-1", organisation__code="RJH")
    assert (saved.node.code, saved.to_node.code, saved.count) == ("RS-SERV-KOST", "RS-HR", 3)


def test_a_green_bond_form_refuses_a_wrong_isin_and_a_unit(
    client_as: Callable[[str], Client],
) -> None:
    answer = client_as("strategist").post(
        "/org/RJH/register/grona-obligationer/new/",
        {
            "isin": "US0378331006",
            "node": "RS",
            "amount_sek": "1000",
            "valid_from": "2025-01-01",
            "version": "0",
        },
    )
    text = answer.content.decode()
    assert answer.status_code == 400
    assert "ISIN-koden stämmer inte" in text
    assert "välj organisationens högsta nivå" in text
    assert "US0378331006" in text  # what the user typed is kept
    assert text.count("ISIN-koden stämmer inte") == 1


def test_a_bad_deliveries_file_on_the_web_is_refused_with_line_and_column(
    client_as: Callable[[str], Client],
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nettonoll.circular.models import DeliveryMonth

    before = DeliveryMonth.objects.count()
    text = (
        "site_code;node_code;month;deliveries;coloaded_deliveries;vehicle_km\n"
        "NY-1;RS-HR;2025-01;10;4;100\n"
        "NY-1;RS-HR;2025-02;10;12;100\n"
    )
    file = SimpleUploadedFile("leveranser.csv", text.encode("cp1252"), content_type="text/csv")
    answer = client_as("strategist").post("/org/RJH/register/leveranser/import/", {"file": file})
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "12 samlastade leveranser är fler än leveranserna (10)" in page
    assert "coloaded_deliveries" in page
    assert DeliveryMonth.objects.count() == before
