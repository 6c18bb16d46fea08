"""The fleet's actual fossil-free share: fuel-card rows imported for the klimatbokslut with a
registration number, linked to the vehicle register; renewable energy ÷ total energy by hand from
the shipped table; rows whose vehicle is not in the register listed."""

import datetime
from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client

from nettonoll.calc.fuels import fuel_table
from nettonoll.common.metrics import metric_get
from nettonoll.emissions.services import activity_data_import
from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.fuel_use import fuel_use_report
from nettonoll.registers.models import Vehicle

pytestmark = pytest.mark.django_db
YEAR = 2031
# line 1 is the header; the petrol of ZZT902 is booked on the vehicle-service cost centre, but the
# vehicle belongs to the kitchen unit: it counts there
CARDS = (
    "Kortnummer;Kostnadsställe;Datum;Produkt;Volym;Regnr\n"
    "1;RS-SERV-FORD;2031-03-01;Diesel;100;ZZT 901\n"
    "2;RS-SERV-FORD;2031-04-01;HVO100;50;zzt901\n"
    "3;RS-SERV-FORD;2031-05-01;Bensin 95;40;ZZT902\n"
    "4;RS-SERV-FORD;2031-06-01;Diesel;20;ZZT999\n"
    "5;RS-SERV-FORD;2031-06-02;Diesel;30;\n"
)


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def vehicle(reg_no: str, node_code: str, energy: str) -> Vehicle:
    return Vehicle.objects.create(
        organisation=Organisation.objects.get(code="RJH"),
        node=node(node_code),
        reg_no=reg_no,
        vehicle_type="personbil",
        ownership="leasad",
        energy=energy,
        valid_from=datetime.date(2030, 1, 1),
    )


@pytest.fixture(autouse=True)
def _as_in_2032(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's fuel year (far from the demo's rows) is a complete year: it is 2032."""
    monkeypatch.setattr("nettonoll.registers.metric_years.this_year", lambda: YEAR + 1)


@pytest.fixture
def imported(demo: None) -> None:
    vehicle("ZZT901", "RS-SERV-FORD", "diesel")
    vehicle("ZZT902", "RS-SERV-KOST", "bensin")
    activity_data_import(
        organisation=Organisation.objects.get(code="RJH"),
        data=CARDS.encode("cp1252"),
        filename="kort.csv",
        mapping="drivmedelskort",
    )


def test_the_table_rows_used_below_are_the_shipped_ones() -> None:
    table = fuel_table()
    diesel, hvo, petrol = (
        table.lookup(c, YEAR) for c in ("fuel.diesel", "fuel.hvo100", "fuel.petrol")
    )
    assert (diesel.mj_per_unit, diesel.renewable_pct) == (35.5, 10)  # type: ignore[union-attr]
    assert (hvo.mj_per_unit, hvo.renewable_pct) == (34.0, 100)  # type: ignore[union-attr]
    assert (petrol.mj_per_unit, petrol.renewable_pct) == (31.7, 5)  # type: ignore[union-attr]


@pytest.mark.usefixtures("imported")
def test_the_share_is_renewable_over_total_energy_of_the_vehicles_of_the_subtree() -> None:
    metric = metric_get("fleet.renewable_energy_pct")
    assert metric is not None
    # vehicle service: ZZT901's 100 l diesel (3 550 MJ, 355 renewable) and 50 l HVO100 (1 700 MJ)
    assert metric.values(node("RS-SERV-FORD"))[YEAR] == pytest.approx(2055 / 5250 * 100)  # 39.1 %
    # the kitchen: ZZT902's 40 l petrol (1 268 MJ, 63.4 renewable)
    assert metric.values(node("RS-SERV-KOST"))[YEAR] == pytest.approx(5.0)
    # Regionservice holds both
    assert metric.values(node("RS-SERV"))[YEAR] == pytest.approx(2118.4 / 6518 * 100)  # 32.5 %
    assert YEAR not in metric.values(node("RS-SERV-FAST"))  # no vehicles: no share, not 0


@pytest.mark.usefixtures("imported")
def test_a_row_whose_vehicle_is_not_in_the_register_is_listed_with_file_and_line() -> None:
    report = fuel_use_report(node("RS-SERV-FORD"))
    assert [
        (r.reg_no, r.year, r.category, r.quantity, r.unit, r.file, r.line)
        for r in report.unmatched
        if r.year == YEAR
    ] == [("ZZT999", YEAR, "fuel.diesel", 20.0, "l", "kort.csv", 5)]
    assert report.shares[YEAR].total_mj == pytest.approx(5250)
    assert {(s.category, s.valid_year) for s in report.sources} >= {
        ("fuel.diesel", 2024),
        ("fuel.hvo100", 2016),
    }
    assert [r for r in fuel_use_report(node("RS-SERV-KOST")).unmatched if r.year == YEAR] == []


@pytest.mark.usefixtures("imported")
def test_a_replaced_import_is_not_counted_twice() -> None:
    activity_data_import(
        organisation=Organisation.objects.get(code="RJH"),
        data=CARDS.encode("cp1252"),
        filename="kort-igen.csv",
        mapping="drivmedelskort",
        replace=True,
    )
    report = fuel_use_report(node("RS-SERV-FORD"))
    assert report.shares[YEAR].total_mj == pytest.approx(5250)
    assert [r.file for r in report.unmatched if r.year == YEAR] == ["kort-igen.csv"]


@pytest.mark.usefixtures("imported")
def test_the_page_shows_the_share_the_sources_and_the_unmatched_rows(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("manager").get("/org/RJH/fordonsflotta/drivmedel/?node=RS-SERV-FORD")
    assert page.status_code == 200
    text = unescape(page.content.decode())
    assert "39,1 %" in text
    assert "ZZT999" in text and "kort.csv" in text
    assert "Energimyndigheten" in text and "2026.2" in text
    assert (
        client_as("contributor")
        .get("/org/RJH/fordonsflotta/drivmedel/?node=RS-SERV-FORD")
        .status_code
        == 404
    )


@pytest.mark.usefixtures("imported")
def test_the_page_says_the_last_year_with_fuel_card_rows(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("manager").get("/org/RJH/fordonsflotta/drivmedel/?node=RS-SERV-FORD")
    text = unescape(page.content.decode())
    assert "Drivmedelskorten har rader för år " in text
    assert "det senaste året med rader är 2031." in text
    assert "Elfordonens laddning finns inte i drivmedelskorten" in text
