"""The energy pages (issue 12): a node's overview by year (measured and normalised kWh and
kWh/m², per carrier, change against a base year, primary energy number, the year in progress
preliminary, a year lacking degree days named with its locality), the buildings' table, and a
building's months; node weighting through the units' area shares."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.estate.energy import building_weights, node_atemp_m2, node_years
from nettonoll.estate.models import Building, BuildingShare, DegreeDayMonth, EnergyReading
from nettonoll.organisations.models import Node

pytestmark = pytest.mark.django_db

D = datetime.date


def reading(
    code: str, month: datetime.date, carrier: str, kwh: float, share: float | None = None
) -> None:
    EnergyReading.objects.create(
        building=Building.objects.get(building_code=code, organisation__nodes__code="R"),
        month=month,
        carrier=carrier,
        kwh=kwh,
        temperature_dependent_share=share,
    )


def test_node_atemp_and_years_are_weighted_by_the_units_shares(buildings: Node) -> None:
    DegreeDayMonth.objects.create(
        locality="Testby", month=D(2024, 1, 1), degree_days=1104, normal_degree_days=967,
        base_c=17, source="test",
    )  # fmt: skip
    reading("B-1", D(2024, 1, 1), "fjärrvärme", 4000, 0.75)
    reading("B-1", D(2024, 1, 1), "el", 1000)
    reading("B-2", D(2024, 1, 1), "fjärrvärme", 2000)
    e1, e2 = (Node.objects.get(organisation=buildings.organisation, code=c) for c in ("E1", "E2"))
    b1 = Building.objects.get(organisation=buildings.organisation, building_code="B-1")
    BuildingShare.objects.create(building=b1, node=e2, share_pct=25)
    assert building_weights(e2) == {b1.pk: 0.25, b1.pk + 1: 1.0}
    assert node_atemp_m2(e1, D(2024, 12, 31)) == pytest.approx(750)
    assert node_atemp_m2(e2, D(2024, 12, 31)) == pytest.approx(250 + 500.5)
    (year,) = node_years(e2, today=D(2025, 6, 1))
    assert year.kwh == pytest.approx(0.25 * 5000 + 2000)
    assert year.normalised_kwh == pytest.approx(
        0.25 * (1000 + 3000 * 967 / 1104 + 1000) + 500 + 1500 * 967 / 1104
    )
    assert year.kwh_per_m2 == pytest.approx(3250 / 750.5)
    assert not year.preliminary


def test_a_building_sold_in_june_counts_its_readings_but_not_its_area(buildings: Node) -> None:
    b1 = Building.objects.get(organisation=buildings.organisation, building_code="B-1")
    b1.valid_to = D(2024, 6, 30)
    b1.save()
    reading("B-1", D(2024, 3, 1), "el", 600)
    reading("B-2", D(2024, 3, 1), "el", 400)
    (year,) = node_years(buildings, today=D(2025, 1, 10))
    assert (year.kwh, year.atemp_m2) == (1000, pytest.approx(500.5))


def test_the_buildings_table_shows_the_part_that_counts_beside_the_whole(buildings: Node) -> None:
    """A unit with a quarter of a building sees the building's whole kWh and its own quarter, so
    that the column it can add up matches the node's total."""
    from nettonoll.estate.selectors import building_table

    e2 = Node.objects.get(organisation=buildings.organisation, code="E2")
    b1 = Building.objects.get(organisation=buildings.organisation, building_code="B-1")
    BuildingShare.objects.create(building=b1, node=e2, share_pct=25)
    reading("B-1", D(2024, 1, 1), "el", 4000)
    reading("B-2", D(2024, 1, 1), "el", 1000)
    rows = {r.building.building_code: r for r in building_table(e2, 2024)}
    assert (rows["B-1"].kwh, rows["B-1"].counted_kwh) == (4000, 1000)
    assert (rows["B-2"].kwh, rows["B-2"].counted_kwh) == (1000, 1000)
    (year,) = node_years(e2, today=D(2025, 6, 1))
    assert sum(r.counted_kwh or 0 for r in rows.values()) == year.kwh


def test_a_building_without_readings_in_a_year_adds_no_area_to_it(buildings: Node) -> None:
    """B-1 (1 000 m²) is read from 2024 only: 2023's kWh/m² divides by B-2's area alone, else
    2023 would look far better than it was and every later year worse against it."""
    reading("B-2", D(2023, 1, 1), "el", 5005)
    reading("B-2", D(2024, 1, 1), "el", 5005)
    reading("B-1", D(2024, 1, 1), "el", 10000)
    first, second = node_years(buildings, today=D(2025, 3, 1))
    assert first.atemp_m2 == pytest.approx(500.5) and first.kwh_per_m2 == pytest.approx(10)
    assert second.atemp_m2 == pytest.approx(1500.5)


def test_a_year_lacking_degree_days_says_which_locality(buildings: Node) -> None:
    reading("B-2", D(2023, 1, 1), "fjärrvärme", 2000)
    (year,) = node_years(buildings, today=D(2024, 5, 1))
    assert year.kwh == 2000
    assert year.normalised_kwh is None
    assert year.missing == ("Testby",)


@pytest.fixture
def rjh(demo: None) -> Node:
    return Node.objects.get(organisation__code="RJH", depth=1)


def test_the_overview_shows_years_base_year_carriers_and_buildings(
    client_as: Callable[[str], Client], rjh: Node
) -> None:
    page = client_as("reader").get("/org/RJH/energi/?bas=2020").content.decode()
    assert "Mot 2020" in page
    assert "preliminärt" in page  # the year in progress
    assert "Fjärrvärme" in page and "Biobränsle" in page
    assert "Centralköket" in page and "Primärenergital" in page
    assert "graddagar saknas" not in page


def test_the_overview_names_a_locality_without_degree_days(
    client_as: Callable[[str], Client], rjh: Node
) -> None:
    DegreeDayMonth.objects.filter(locality="Sveg", month__year=2021).delete()
    page = client_as("reader").get("/org/RJH/energi/").content.decode()
    assert "graddagar saknas för Sveg" in page


def test_a_building_month_by_month(client_as: Callable[[str], Client], rjh: Node) -> None:
    kitchen = Building.objects.get(organisation__code="RJH", building_code="OSD-KOK")
    page = client_as("contributor").get(f"/org/RJH/energi/byggnad/{kitchen.pk}/?ar=2022")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Månad för månad 2022" in text and "Graddagar / normalår" in text


def test_a_unit_with_a_share_sees_the_building_but_not_its_register_page(
    client_as: Callable[[str], Client], rjh: Node
) -> None:
    # the manager of Regionservice: the hospital's house A is on Hälso- och sjukvård, with shares
    # for Kost och restaurang and Fastighet
    house = Building.objects.get(organisation__code="RJH", building_code="OSD-SJH-A")
    manager = client_as("manager")
    page = manager.get(f"/org/RJH/energi/byggnad/{house.pk}/")
    assert page.status_code == 200
    assert f"/register/byggnader/{house.pk}/" not in page.content.decode()
    assert manager.get(f"/org/RJH/register/byggnader/{house.pk}/").status_code == 404


def test_the_readings_import_page_leads_to_a_suppliers_file_which_imports(
    client_as: Callable[[str], Client], rjh: Node
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    strategist = client_as("strategist")
    page = strategist.get("/org/RJH/register/energiavlasningar/import/").content.decode()
    assert "/org/RJH/energi/leverantorsfil/" in page
    export = "Kund;Anläggning;Period;Förbrukning MWh\n1;OSD-KOK;jan-18;40,5\n"
    upload = SimpleUploadedFile("export.csv", export.encode("cp1252"))
    response = strategist.post(
        "/org/RJH/energi/leverantorsfil/", {"template": "fjarrvarmebolaget", "file": upload}
    )
    assert response.status_code == 200
    assert "Importen är klar: 1 nya" in response.content.decode()
    stored = EnergyReading.objects.get(
        building__organisation__code="RJH", building__building_code="OSD-KOK", month=D(2018, 1, 1)
    )
    assert (stored.carrier, stored.kwh) == ("fjärrvärme", 40500)


def test_the_year_in_progress_is_never_a_base_year(
    client_as: Callable[[str], Client], rjh: Node
) -> None:
    """A partial year compared as a whole year would show a false fall: asking for it as the
    base falls back to the first complete year, and it is not offered."""
    this_year = datetime.date.today().year
    page = client_as("reader").get(f"/org/RJH/energi/?bas={this_year}").content.decode()
    assert f"Mot {this_year}" not in page
    assert f'<option value="{this_year}"' not in page
    assert "Mot 2019" in page


def test_a_fall_against_the_base_year_has_a_minus_sign() -> None:
    from nettonoll.estate.views import pct

    assert pct(-11.6) == "−11,6 %"
    assert pct(3.04) == "+3,0 %"
    assert pct(-0.01) == "0,0 %"


def test_a_past_year_with_missing_months_is_not_compared_as_a_whole_year(
    buildings: Node,
) -> None:
    """2024 read for only half its months would show a false fall of about 50 % against 2023."""
    from nettonoll.estate.views import year_rows

    for month in range(1, 13):
        reading("B-2", D(2023, month, 1), "el", 1000)
        if month <= 6:
            reading("B-2", D(2024, month, 1), "el", 1000)
    DegreeDayMonth.objects.bulk_create(
        DegreeDayMonth(
            locality="Testby", month=D(y, m, 1), degree_days=300, normal_degree_days=300,
            base_c=17, source="test",
        )
        for y in (2023, 2024) for m in range(1, 13)
    )  # fmt: skip
    first, second = node_years(buildings, today=D(2025, 3, 1))
    rows = year_rows([first, second], first)
    assert rows[1]["incomplete"] and rows[1]["months"] == 6
    assert rows[1]["change"] == "–"
    assert not rows[0]["incomplete"]
