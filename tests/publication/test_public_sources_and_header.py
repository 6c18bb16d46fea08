"""What a citizen reads on the public pages says where it comes from and leads back: an
indicator fed from Kolada names Kolada as its source (page and open data), never "entered by
the organisation"; the open-data page carries the public header (back to the organisation's
public start page, not to the login page), and none when the organisation publishes nothing.
Demo: Region Värmland publishes its indicators, two of them fed from Kolada."""

import pytest
from django.test import Client

from nettonoll.kolada.models import Selection
from tests.publication.opendata_helpers import read_excel_csv

pytestmark = pytest.mark.django_db


def test_a_kolada_indicator_names_kolada_as_its_source(demo: None) -> None:
    selection = (
        Selection.objects.filter(organisation__code="RV").select_related("indicator").first()
    )
    assert selection is not None and selection.indicator is not None
    name, kpi = selection.indicator.name, selection.kpi.kpi_id
    page = Client().get("/offentlig/RV/indikatorer/").content.decode()
    card = page[page.index(name) :]
    card = card[: card.index("Uppdaterad")]  # this indicator's card only
    assert f"Kolada ({kpi})" in card
    assert "Inlagt av organisationen" not in card
    rows = read_excel_csv(Client().get("/offentlig/RV/data/indikatorer.csv").content)
    sources = {r["source"] for r in rows if r["indicator"] == name}
    assert sources == {f"Kolada ({kpi})"}


def test_the_open_data_page_leads_back_to_the_public_pages(demo: None) -> None:
    page = Client().get("/offentlig/RV/data/").content.decode()
    assert 'href="/offentlig/RV/"' in page
    assert 'href="/offentlig/RV/klimatbokslut/"' in page
    assert 'href="/"' not in page  # the logged-in start: a login page for a citizen


def test_the_open_data_page_of_an_organisation_publishing_nothing_has_no_dead_link(
    demo: None,
) -> None:
    response = Client().get("/offentlig/RJH/data/")
    assert response.status_code == 200  # the county's public figures are there for everyone
    assert 'href="/offentlig/RJH/"' not in response.content.decode()
    assert Client().get("/offentlig/RJH/").status_code == 404
