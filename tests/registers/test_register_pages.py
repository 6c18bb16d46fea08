"""The register pages: lists of a node's subtree with filters in words, records added, changed
and taken out of service through versioned forms, and the rules shown as form errors."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.models import BackupUnit, ChargingSite, FlexParticipation, Vehicle
from nettonoll.registers.panels import fossil_free_today
from nettonoll.registers.views import optional_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_registers")]

TODAY = datetime.date.today()
LIST = "/org/RJH/register/fordon/"


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def vehicle(reg_no: str, node_code: str = "RS-SERV-KOST", **values: object) -> Vehicle:
    defaults: dict[str, object] = {
        "vehicle_type": "personbil",
        "ownership": "leasad",
        "energy": "el",
        "valid_from": datetime.date(2022, 1, 1),
    }
    return Vehicle.objects.create(
        organisation=Organisation.objects.get(code="RJH"),
        node=node(node_code),
        reg_no=reg_no,
        **(defaults | values),
    )


def vehicle_form(**values: object) -> dict[str, object]:
    return {
        "reg_no": "ABC123",
        "node": "RS-SERV-KOST",
        "vehicle_type": "personbil",
        "ownership": "leasad",
        "energy": "diesel",
        "co2_g_per_km": "",
        "valid_from": "2024-03-01",
        "valid_to": "",
        "lease_end": "2027-02-28",
        "version": "0",
    } | values


def table_of(html: str) -> str:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_the_list_shows_the_subtree_of_the_chosen_node_in_words(
    client_as: Callable[[str], Client],
) -> None:
    vehicle("KST111", "RS-SERV-KOST", vehicle_type="lätt lastbil", energy="laddhybrid")
    vehicle("FRD222", "RS-SERV-FORD")
    vehicle("STB333", "RS-STAB-LED")
    rows = table_of(client_as("strategist").get(f"{LIST}?node=RS-SERV").content.decode())
    assert "KST111" in rows and "FRD222" in rows
    assert "STB333" not in rows
    assert ">Lätt lastbil<" in rows and ">Laddhybrid<" in rows and ">Leasad<" in rows
    assert ">Kost och restaurang<" in rows
    assert "lätt lastbil<" not in rows and ">laddhybrid<" not in rows and "RS-SERV-KOST" not in rows


def test_a_user_sees_their_own_part_of_the_tree_by_default(
    client_as: Callable[[str], Client],
) -> None:
    vehicle("KST111", "RS-SERV-KOST")
    vehicle("FRD222", "RS-SERV-FORD")
    rows = table_of(client_as("contributor").get(LIST).content.decode())
    assert "KST111" in rows and "FRD222" not in rows
    assert client_as("contributor").get(f"{LIST}?node=RS-SERV").status_code == 404


def test_the_list_filters_on_the_declared_fields_with_their_labels(
    client_as: Callable[[str], Client],
) -> None:
    vehicle("ELL111", energy="el")
    vehicle("DSL222", energy="diesel", hvo100_approved=True)
    page = client_as("strategist").get(f"{LIST}?energy=diesel").content.decode()
    assert "DSL222" in table_of(page) and "ELL111" not in table_of(page)
    assert '<option value="diesel" selected>Diesel</option>' in page
    unknown = client_as("strategist").get(f"{LIST}?energy=kol").content.decode()
    assert "ELL111" in table_of(unknown)  # an unknown value is no filter


def test_ended_vehicles_are_left_out_unless_asked_for(client_as: Callable[[str], Client]) -> None:
    vehicle("OLD111", valid_to=datetime.date(2023, 6, 30))
    vehicle("NEW222")
    client = client_as("strategist")
    assert "OLD111" not in table_of(client.get(LIST).content.decode())
    assert "OLD111" in table_of(client.get(f"{LIST}?all=1").content.decode())
    earlier = table_of(client.get(f"{LIST}?on=2023-06-29").content.decode())
    assert "OLD111" in earlier and "NEW222" in earlier
    assert "OLD111" not in table_of(client.get(f"{LIST}?on=2023-06-30").content.decode())


def test_the_list_sorts_by_code_and_is_paged(
    client_as: Callable[[str], Client], django_assert_max_num_queries: object
) -> None:
    organisation = Organisation.objects.get(code="RJH")
    kost = node("RS-SERV-KOST")
    Vehicle.objects.bulk_create(
        Vehicle(
            organisation=organisation,
            node=kost,
            reg_no=f"AAA{n:03d}",
            vehicle_type="personbil",
            ownership="ägd",
            energy="el",
            valid_from=datetime.date(2022, 1, 1),
        )
        for n in range(120)
    )
    client = client_as("strategist")
    with django_assert_max_num_queries(25):  # type: ignore[operator]
        page = client.get(LIST).content.decode()
    rows = table_of(page)
    assert rows.count("<tr") == 50
    assert "AAA000" in rows and "AAA050" not in rows
    assert "Sida 1 av 3" in page
    descending = table_of(client.get(f"{LIST}?sort=-code").content.decode())
    assert descending.index("AAA119") < descending.index("AAA118")
    third = table_of(client.get(f"{LIST}?page=3").content.decode())
    assert "AAA119" in third and third.count("<tr") == 20


def test_a_contributor_adds_a_vehicle_with_its_reg_no_normalised(
    client_as: Callable[[str], Client],
) -> None:
    response = client_as("contributor").post(
        "/org/RJH/register/fordon/new/", vehicle_form(reg_no="abc 12d")
    )
    assert response.status_code == 302
    saved = Vehicle.objects.get(reg_no="ABC12D")
    assert saved.node.code == "RS-SERV-KOST"
    assert response["Location"] == f"/org/RJH/register/fordon/{saved.pk}/"
    detail = client_as("contributor").get(response["Location"]).content.decode()
    assert "Lätt lastbil" not in detail and "Personbil" in detail and "Diesel" in detail
    assert f"/org/RJH/historik/fordon/{saved.pk}/" in detail


@pytest.mark.parametrize("reg_no", ["ABI123", "ABC1234", "ÅBC123", "AB123", "ABC12Q"])
def test_a_reg_no_that_is_not_swedish_is_refused_in_swedish(
    client_as: Callable[[str], Client], reg_no: str
) -> None:
    response = client_as("contributor").post(
        "/org/RJH/register/fordon/new/", vehicle_form(reg_no=reg_no)
    )
    assert response.status_code == 400
    assert "följer inte det svenska formatet" in response.content.decode()
    assert "det sista tecknet är aldrig O" in response.content.decode()
    assert not Vehicle.objects.filter(node__organisation__code="RJH").exists()


def test_a_reg_no_already_in_the_organisation_is_refused(
    client_as: Callable[[str], Client],
) -> None:
    vehicle("ABC123", "RS-SERV-FORD")
    response = client_as("contributor").post("/org/RJH/register/fordon/new/", vehicle_form())
    assert response.status_code == 400
    assert "Registreringsnummer ABC123 finns redan i organisationen." in response.content.decode()


def test_hvo100_approval_is_refused_for_a_vehicle_that_is_not_diesel(
    client_as: Callable[[str], Client],
) -> None:
    response = client_as("contributor").post(
        "/org/RJH/register/fordon/new/", vehicle_form(energy="el", hvo100_approved="on")
    )
    assert response.status_code == 400
    assert "HVO100-godkännande gäller bara dieselfordon." in response.content.decode()


def test_a_contributor_cannot_place_a_vehicle_outside_their_unit(
    client_as: Callable[[str], Client],
) -> None:
    response = client_as("contributor").post(
        "/org/RJH/register/fordon/new/", vehicle_form(node="RS-SERV-FORD")
    )
    assert response.status_code == 400
    assert not Vehicle.objects.filter(reg_no="ABC123").exists()
    assert client_as("reader").get("/org/RJH/register/fordon/new/").status_code == 403


def test_an_edit_is_saved_and_kept_in_the_history(client_as: Callable[[str], Client]) -> None:
    car = vehicle("ABC123", energy="diesel")
    client = client_as("contributor")
    form = client.get(f"/org/RJH/register/fordon/{car.pk}/edit/").content.decode()
    assert '<option value="RS-SERV-KOST" selected>Kost och restaurang</option>' in form
    response = client.post(
        f"/org/RJH/register/fordon/{car.pk}/edit/",
        vehicle_form(hvo100_approved="on", version=str(car.version)),
    )
    assert response.status_code == 302
    car.refresh_from_db()
    assert car.hvo100_approved and car.version == 2
    history = client.get(f"/org/RJH/historik/fordon/{car.pk}/").content.decode()
    assert "Godkänd för HVO100" in history or "godkänd för HVO100" in history


def test_a_stale_edit_answers_409_with_the_saved_values_and_what_was_typed(
    client_as: Callable[[str], Client],
) -> None:
    car = vehicle("ABC123", energy="diesel", lease_end=datetime.date(2026, 12, 31))
    opened = car.version
    car.lease_end = datetime.date(2028, 6, 30)  # someone else saves first
    car.version += 1
    car.save()
    response = client_as("contributor").post(
        f"/org/RJH/register/fordon/{car.pk}/edit/",
        vehicle_form(lease_end="2029-01-31", version=str(opened)),
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan" in page
    assert "2028-06-30" in page  # the saved value
    assert 'value="2029-01-31"' in page  # what the user typed, kept in the form
    car.refresh_from_db()
    assert car.lease_end == datetime.date(2028, 6, 30)
    again = client_as("contributor").post(
        f"/org/RJH/register/fordon/{car.pk}/edit/",
        vehicle_form(lease_end="2029-01-31", version=str(car.version)),
    )
    assert again.status_code == 302


def test_ending_service_sets_the_last_day_and_drops_it_from_todays_list(
    client_as: Callable[[str], Client],
) -> None:
    car = vehicle("ABC123")
    client = client_as("contributor")
    response = client.post(
        f"/org/RJH/register/fordon/{car.pk}/end/",
        {"ended_on": TODAY.isoformat(), "version": str(car.version)},
    )
    assert response.status_code == 302
    car.refresh_from_db()
    assert car.valid_to == TODAY
    assert "ABC123" not in table_of(client.get(LIST).content.decode())
    early = client.post(
        f"/org/RJH/register/fordon/{car.pk}/end/",
        {"ended_on": "2021-01-01", "version": str(car.version)},
    )
    assert early.status_code == 400
    assert "före datumet då den togs i drift" in early.content.decode()
    stale = client.post(
        f"/org/RJH/register/fordon/{car.pk}/end/", {"ended_on": "2030-01-01", "version": "1"}
    )
    assert stale.status_code == 409


def test_readers_see_but_cannot_change_and_outsiders_do_not_see(
    client_as: Callable[[str], Client],
) -> None:
    car = vehicle("ABC123")
    detail = f"/org/RJH/register/fordon/{car.pk}/"
    page = client_as("reader").get(detail).content.decode()
    assert "ABC123" in page and "/edit/" not in page and "/end/" not in page
    assert client_as("reader").get(f"{detail}edit/").status_code == 403
    assert client_as("reader").post(f"{detail}end/", {"ended_on": "2030-01-01"}).status_code == 403
    assert client_as("outsider").get(detail).status_code == 404
    other = vehicle("FRD222", "RS-SERV-FORD")
    assert client_as("contributor").get(f"/org/RJH/register/fordon/{other.pk}/").status_code == 404


def test_charging_spaces_cannot_exceed_parking_spaces(client_as: Callable[[str], Client]) -> None:
    response = client_as("contributor").post(
        "/org/RJH/register/laddplatser/new/",
        {
            "site_code": "P-KOST",
            "node": "RS-SERV-KOST",
            "address": "Köksvägen 1",
            "points": "4",
            "power_kw": "11",
            "access": "intern",
            "parking_spaces": "10",
            "parking_spaces_with_charging": "12",
            "valid_from": "2024-01-01",
            "version": "0",
        },
    )
    assert response.status_code == 400
    assert "Fler platser med laddning än parkeringsplatser." in response.content.decode()
    assert not ChargingSite.objects.filter(site_code="P-KOST").exists()


def backup_form(**values: object) -> dict[str, object]:
    return {
        "unit_code": "RK-KOST",
        "site_code": "KOST",
        "node": "RS-SERV-KOST",
        "power_kw": "500",
        "energy": "batteri",
        "battery_kwh": "400",
        "reserved_backup_kwh": "300",
        "valid_from": "2024-01-01",
        "version": "0",
    } | values


def test_hvo100_backup_power_needs_the_engine_approval(client_as: Callable[[str], Client]) -> None:
    response = client_as("contributor").post(
        "/org/RJH/register/reservkraft/new/", backup_form(energy="hvo100")
    )
    assert response.status_code == 400
    assert "HVO100 kräver att motortillverkaren har godkänt motorn" in response.content.decode()


def test_a_battery_offering_more_than_its_reserve_leaves_is_refused_with_the_reason(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("contributor")
    assert client.post("/org/RJH/register/reservkraft/new/", backup_form()).status_code == 302
    unit = BackupUnit.objects.get(unit_code="RK-KOST")
    flex = {
        "market": "sthlmflex",
        "contracted_kw": "250",
        "duration_h": "1",
        "period_from": "2025-01-01",
        "activations": "0",
        "delivered_mwh": "0",
        "revenue_sek": "0",
        "version": "0",
    }
    url = f"/org/RJH/register/reservkraft/{unit.pk}/flex/new/"
    refused = client.post(url, flex)
    assert refused.status_code == 400
    assert (
        "Batteriet har 400 kWh, varav 300 kWh reserveras för reservkraft: 100 kWh kvar räcker "
        "för högst 100 kW i 1 timme, inte 250 kW."
    ) in refused.content.decode()
    assert client.post(url, flex | {"contracted_kw": "100"}).status_code == 302
    participation = FlexParticipation.objects.get(unit=unit)
    assert participation.contracted_kw == Decimal(100)
    edit = f"/org/RJH/register/reservkraft/{unit.pk}/flex/{participation.pk}/"
    stale = client.post(edit, flex | {"contracted_kw": "90", "version": "0"})
    assert stale.status_code == 409
    detail = client.get(f"/org/RJH/register/reservkraft/{unit.pk}/").content.decode()
    # the market by its Swedish label, never its code
    assert "Sthlmflex (Svenska kraftnät och nätbolagen i Stockholm)" in detail and edit in detail
    assert ">sthlmflex<" not in detail
    assert '<span class="nowrap">2025-01-01 –</span>' in detail  # a date is not broken
    larger_reserve = client.post(
        f"/org/RJH/register/reservkraft/{unit.pk}/edit/",
        backup_form(reserved_backup_kwh="350", version=str(unit.version)),
    )
    assert larger_reserve.status_code == 400
    assert (
        "Avtalet på Sthlmflex (Svenska kraftnät och nätbolagen i Stockholm) från 2025-01-01 "
        "kan inte längre uppfyllas: Batteriet har 400 kWh, "
        "varav 350 kWh reserveras för reservkraft: 50 kWh kvar räcker för högst 50 kW i 1 timme, "
        "inte 100 kW."
    ) in larger_reserve.content.decode()


def test_a_genset_gets_fuel_deliveries(client_as: Callable[[str], Client]) -> None:
    client = client_as("contributor")
    form = backup_form(energy="diesel", battery_kwh="", reserved_backup_kwh="", tank_l="2 000")
    assert client.post("/org/RJH/register/reservkraft/new/", form).status_code == 302
    unit = BackupUnit.objects.get(unit_code="RK-KOST")
    assert unit.tank_l == Decimal(2000)
    url = f"/org/RJH/register/reservkraft/{unit.pk}/deliveries/new/"
    delivery = {"delivered_on": "2025-03-01", "volume_l": "1 500", "renewable_pct": "12,5"}
    assert client.post(url, delivery | {"version": "0"}).status_code == 302
    detail = client.get(f"/org/RJH/register/reservkraft/{unit.pk}/").content.decode()
    assert "1\xa0500" in detail and "12,5" in detail
    delivery = unit.deliveries.get()
    history = f"/org/RJH/historik/reservkraft-leverans/{delivery.pk}/"
    assert history in detail
    assert "12,5" in client.get(history).content.decode()
    assert client_as("outsider").get(history).status_code == 404


def test_the_node_page_shows_the_subtrees_register_figures(
    client_as: Callable[[str], Client],
) -> None:
    vehicle("KST111", "RS-SERV-KOST")
    vehicle("FRD222", "RS-SERV-FORD")
    vehicle("OLD333", "RS-SERV-FORD", valid_to=datetime.date(2023, 1, 1))
    page = client_as("manager").get("/org/RJH/node/RS-SERV/").content.decode()
    figures = page.split('id="registers-heading"', 1)[1].split("</section>", 1)[0]
    assert "<dd>2</dd>" in figures
    assert "/org/RJH/register/fordon/?node=RS-SERV" in figures
    index = client_as("manager").get("/org/RJH/register/").content.decode()
    assert "/org/RJH/register/reservkraft/" in index


def test_links_to_pages_this_installation_lacks_are_left_out() -> None:
    assert optional_url("registers:index", "RJH") == "/org/RJH/register/"
    assert optional_url("no_such_app:export", "RJH", "fordon", "xlsx") is None


def test_the_node_page_shows_the_subtrees_fossil_free_share_today_and_links_the_fleet_page(
    client_as: Callable[[str], Client],
) -> None:
    """RS-SERV today: KST111 el, FRD222 diesel with HVO100 approval, DSL333 diesel, and OLD444
    el that left service in 2023 → 2 of 3 fossil-free under fossilfri-drift = 67 %."""
    vehicle("KST111", "RS-SERV-KOST", energy="el")
    vehicle("FRD222", "RS-SERV-FORD", energy="diesel", hvo100_approved=True)
    vehicle("DSL333", "RS-SERV-FORD", energy="diesel")
    vehicle("OLD444", "RS-SERV-FORD", energy="el", valid_to=datetime.date(2023, 1, 1))
    page = client_as("manager").get("/org/RJH/node/RS-SERV/").content.decode()
    panel = page.split('id="registers-heading"', 1)[1].split("</section>", 1)[0]
    assert "<dd>3</dd>" in panel and "<dd>67 %</dd>" in panel
    assert "fossilfri-drift" in panel
    assert "/org/RJH/fordonsflotta/?node=RS-SERV" in panel
    kost = client_as("manager").get("/org/RJH/node/RS-SERV-KOST/").content.decode()
    assert "<dd>100 %</dd>" in kost.split('id="registers-heading"', 1)[1]  # KST111 alone
    # a subtree without vehicles today has no share: "–", not 0 %
    assert fossil_free_today(node("RS-SERV-FORD"), datetime.date(2021, 6, 1))["pct"] is None


def test_dates_and_numbers_in_the_list_are_kept_on_one_line(
    client_as: Callable[[str], Client],
) -> None:
    vehicle("NWR111", valid_from=datetime.date(2024, 7, 20))
    page = client_as("reader").get("/org/RJH/register/fordon/?node=RS-SERV-KOST").content.decode()
    row = page.split("NWR111", 1)[1].split("</tr>", 1)[0]
    assert '<td class="nowrap">2024-07-20</td>' in row
    assert "<td>Personbil</td>" in row  # words may wrap
    BackupUnit.objects.create(
        organisation=Organisation.objects.get(code="RJH"),
        node=node("RS-SERV-KOST"),
        unit_code="NWR-G1",
        power_kw=Decimal(1250),
        energy="diesel",
        valid_from=datetime.date(2024, 7, 20),
    )
    page = client_as("reader").get("/org/RJH/register/reservkraft/?node=RS-SERV-KOST").content
    row = page.decode().split("NWR-G1", 1)[1].split("</tr>", 1)[0]
    assert '<td class="nowrap">1\xa0250</td>' in row
    css = (settings.BASE_DIR / "static" / "nettonoll" / "nettonoll.css").read_text()
    assert ".nowrap { white-space: nowrap; }" in css


def test_a_lease_end_is_refused_for_an_owned_vehicle_and_taken_for_a_hired_one(
    client_as: Callable[[str], Client],
) -> None:
    contributor = client_as("contributor")
    owned = contributor.post("/org/RJH/register/fordon/new/", vehicle_form(ownership="ägd"))
    assert owned.status_code == 400
    assert "Ett ägt fordon har inget leasingavtal" in owned.content.decode()
    assert not Vehicle.objects.filter(reg_no="ABC123").exists()
    hired = contributor.post("/org/RJH/register/fordon/new/", vehicle_form(ownership="hyrd"))
    assert hired.status_code == 302
    assert Vehicle.objects.get(reg_no="ABC123").lease_end == datetime.date(2027, 2, 28)


def test_the_hvo100_error_shows_together_with_the_date_error(
    client_as: Callable[[str], Client],
) -> None:
    response = client_as("contributor").post(
        "/org/RJH/register/fordon/new/",
        vehicle_form(energy="el", hvo100_approved="on", valid_to="2020-01-01", ownership="ägd"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Slutdatumet ligger före startdatumet." in page
    assert "HVO100-godkännande gäller bara dieselfordon." in page
    assert "Ett ägt fordon har inget leasingavtal" in page
