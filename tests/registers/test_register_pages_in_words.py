"""The register pages read as Swedish words for a newcomer: the node panel's figures of the latest
complete year, "i drift från" for backup units and charging sites, a battery's page without an
engine's fields, history in Swedish words and numbers, tables that scroll on a narrow screen, the
vehicle list's HVO100 column and filter, and the fuel-use page's years and charging note."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from html import unescape

import pytest
from django.conf import settings
from django.test import Client

from nettonoll.common.metrics import metric_get
from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.models import (
    BackupUnit,
    ChargingSite,
    FlexParticipation,
    FuelDelivery,
    Vehicle,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_registers")]

LAST_YEAR = datetime.date.today().year - 1
START = datetime.date(2022, 1, 1)


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def rjh() -> Organisation:
    return Organisation.objects.get(code="RJH")


def vehicle(reg_no: str, node_code: str = "RS-SERV-KOST", **values: object) -> Vehicle:
    defaults: dict[str, object] = {
        "vehicle_type": "personbil",
        "ownership": "leasad",
        "energy": "el",
        "valid_from": START,
    }
    return Vehicle.objects.create(
        organisation=rjh(), node=node(node_code), reg_no=reg_no, **(defaults | values)
    )


def unit(code: str, energy: str, power_kw: int, **values: object) -> BackupUnit:
    return BackupUnit.objects.create(
        organisation=rjh(),
        node=node("RS-SERV-KOST"),
        unit_code=code,
        power_kw=Decimal(power_kw),
        energy=energy,
        valid_from=START,
        **values,
    )


def panel_of(client: Client, node_code: str) -> str:
    page = client.get(f"/org/RJH/node/{node_code}/").content.decode()
    return unescape(page.split('id="registers-heading"', 1)[1].split("</section>", 1)[0])


def test_the_node_panel_shows_the_latest_complete_years_charging_backup_and_flex_figures(
    client_as: Callable[[str], Client],
) -> None:
    """RS-SERV-KOST on 31 December last year: 4 charging points for 2 electric cars = 2,00; 5 of
    10 parking spaces with charging = 50 %; a 500 kW battery of 1 000 kW backup = 50 %; the
    battery's 100 kW contract from 1 January last year, 12 000 kr in the year it starts."""
    vehicle("KST111")
    vehicle("KST222")
    ChargingSite.objects.create(
        organisation=rjh(),
        node=node("RS-SERV-KOST"),
        site_code="P-KOST",
        points=4,
        access="intern",
        parking_spaces=10,
        parking_spaces_with_charging=5,
        valid_from=START,
    )
    battery = unit("RK-BAT", "batteri", 500, battery_kwh=Decimal(400))
    unit("RK-DSL", "diesel", 500)
    FlexParticipation.objects.create(
        unit=battery,
        market="sthlmflex",
        contracted_kw=Decimal(100),
        period_from=datetime.date(LAST_YEAR, 1, 1),
        revenue_sek=Decimal(12000),
    )
    panel = panel_of(client_as("manager"), "RS-SERV")
    assert f"År {LAST_YEAR}, enheten med underenheter" in panel
    assert '<dt>Laddpunkter per laddbart fordon</dt><dd class="nowrap">2,00</dd>' in panel
    assert '<dt>Parkeringsplatser med laddning</dt><dd class="nowrap">50 %</dd>' in panel
    assert 'Reservkraft på förnybart bränsle eller batteri</dt><dd class="nowrap">50 %' in panel
    assert 'Reservkraft i flexibilitetsmarknad</dt><dd class="nowrap">100 kW' in panel
    assert 'Intäkt från flexibilitetsmarknad</dt><dd class="nowrap">12\xa0000 kr' in panel
    # the same values as `nettonoll metrics` (the metric sources)
    share = metric_get("backup_power.renewable_or_battery_pct")
    assert share is not None and share.values(node("RS-SERV"))[LAST_YEAR] == 50
    assert "charging.points" not in panel and "backup_power" not in panel


def test_the_node_panel_says_dash_where_a_figure_has_nothing(
    client_as: Callable[[str], Client],
) -> None:
    panel = panel_of(client_as("manager"), "RS-SERV")
    assert f"År {LAST_YEAR}" in panel
    assert '<dt>Laddpunkter per laddbart fordon</dt><dd class="nowrap">–</dd>' in panel
    assert '<dt>Parkeringsplatser med laddning</dt><dd class="nowrap">–</dd>' in panel


@pytest.mark.parametrize("model", [BackupUnit, ChargingSite])
def test_backup_units_and_charging_sites_are_in_operation_from_and_to(model: type) -> None:
    assert str(model._meta.get_field("valid_from").verbose_name) == "i drift från"
    assert str(model._meta.get_field("valid_to").verbose_name) == "i drift till"


def test_a_backup_units_history_says_in_operation_from(
    client_as: Callable[[str], Client],
) -> None:
    genset = unit("RK-DSL", "diesel", 500)
    genset.valid_from = datetime.date(2023, 5, 1)
    genset.save()
    history = client_as("manager").get(f"/org/RJH/historik/reservkraft/{genset.pk}/")
    text = history.content.decode()
    assert "i drift från" in text and "gäller från" not in text.lower()


def test_a_battery_page_says_battery_and_leaves_out_the_engines_fields(
    client_as: Callable[[str], Client],
) -> None:
    battery = unit("RK-BAT", "batteri", 500, battery_kwh=Decimal(400))
    page = client_as("manager").get(f"/org/RJH/register/reservkraft/{battery.pk}/")
    text = page.content.decode()
    assert "<h1>Batteri RK-BAT</h1>" in text
    assert "HVO100" not in text.split("<h1>", 1)[1].split("</dl>", 1)[0]
    assert "Tankvolym" not in text and "Provkörning" not in text
    assert "Batteriets energi (kWh)" in text


def test_a_genset_page_leaves_out_the_battery_fields(client_as: Callable[[str], Client]) -> None:
    genset = unit("RK-DSL", "diesel", 500, tank_l=Decimal(2000))
    text = client_as("manager").get(f"/org/RJH/register/reservkraft/{genset.pk}/").content.decode()
    assert "<h1>Reservkraftaggregat RK-DSL</h1>" in text
    assert "Motorn godkänd för HVO100" in text and "Tankvolym (l)" in text
    assert "Batteriets energi" not in text and "reserverad för reservkraft" not in text


def test_a_deliverys_history_names_the_unit_in_swedish_with_swedish_numbers(
    client_as: Callable[[str], Client],
) -> None:
    genset = unit("RK-KS-2", "diesel", 500)
    delivery = FuelDelivery.objects.create(
        unit=genset,
        delivered_on=datetime.date(2020, 3, 13),
        volume_l=Decimal(7950),
        renewable_pct=Decimal(0),
    )
    assert str(delivery) == "RK-KS-2 2020-03-13: 7\xa0950 l"
    page = client_as("manager").get(f"/org/RJH/historik/reservkraft-leverans/{delivery.pk}/")
    text = page.content.decode()
    assert "7\xa0950 l" in text
    assert "aggregat:" in text and "unit:" not in text


def test_the_backup_pages_tables_and_a_history_scroll_in_their_own_region(
    client_as: Callable[[str], Client],
) -> None:
    genset = unit("RK-DSL", "diesel", 500)
    client = client_as("manager")
    text = client.get(f"/org/RJH/register/reservkraft/{genset.pk}/").content.decode()
    for heading in ("deliveries-heading", "flex-heading"):
        region = (
            f'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="{heading}">'
        )
        assert region + "\n<table>" in text
    assert '<dl class="facts register-facts">' in text  # one column on a narrow screen
    # a visually hidden text in a cell (position: absolute) scrolls with its table region
    css = (settings.BASE_DIR / "static" / "nettonoll" / "nettonoll.css").read_text()
    assert ".table-scroll { position: relative; }" in css
    car = vehicle("KST111")
    history = client.get(f"/org/RJH/historik/fordon/{car.pk}/").content.decode()
    assert '<div class="table-scroll" tabindex="0" role="region"' in history.split("<table>")[0]


def test_the_vehicle_list_shows_and_filters_hvo100_approval_in_words(
    client_as: Callable[[str], Client],
) -> None:
    vehicle("HVO111", energy="diesel", hvo100_approved=True)
    vehicle("DSL222", energy="diesel")
    client = client_as("manager")
    page = client.get("/org/RJH/register/fordon/?node=RS-SERV").content.decode()
    assert '<th scope="col">HVO100</th>' in page
    assert '<label for="filter-hvo100_approved">Godkänd för HVO100</label>' in page
    hvo_row = page.split("HVO111", 1)[1].split("</tr>", 1)[0]
    assert "<td>Ja</td>" in hvo_row
    assert "<td>Nej</td>" in page.split("DSL222", 1)[1].split("</tr>", 1)[0]
    assert '<option value="ja">Ja</option>' in page and '<option value="nej">Nej</option>' in page
    approved = client.get("/org/RJH/register/fordon/?node=RS-SERV&hvo100_approved=ja")
    rows = approved.content.decode().split("<tbody>", 1)[1]
    assert "HVO111" in rows and "DSL222" not in rows
    assert '<option value="ja" selected>' in approved.content.decode()
    not_approved = client.get("/org/RJH/register/fordon/?node=RS-SERV&hvo100_approved=nej")
    rows = not_approved.content.decode().split("<tbody>", 1)[1]
    assert "DSL222" in rows and "HVO111" not in rows


def test_the_fuel_use_page_says_which_years_have_cards_and_that_charging_is_not_in_them(
    client_as: Callable[[str], Client],
) -> None:
    vehicle("ELB111")
    vehicle("ELB222")
    vehicle("PHV333", energy="laddhybrid")
    vehicle("OLD444", valid_to=datetime.date(2023, 1, 1))
    page = client_as("manager").get("/org/RJH/fordonsflotta/drivmedel/?node=RS-SERV")
    text = unescape(page.content.decode())
    assert "Elfordonens laddning finns inte i drivmedelskorten" in text
    assert "2 elfordon och 1 laddhybrider i trafik" in text
    assert "Det finns inga inlästa drivmedelskortsrader" in text
