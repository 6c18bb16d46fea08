"""Browser journey of the registers: a unit's contributor finds the vehicle register from the
unit's page, adds a vehicle, changes it and reads its history."""

import os
from pathlib import Path
from typing import Any

import pytest

from nettonoll.registers.models import Vehicle
from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = os.environ.get("NETTONOLL_SCREENSHOTS")  # a folder: save the pages looked at


def shot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def test_a_contributor_adds_a_vehicle_changes_it_and_reads_its_history(
    page: Any, live_server: Any
) -> None:
    log_in(page, live_server, "medarbetare")
    page.goto(f"{live_server.url}/org/RJH/node/RS-SERV-KOST/")
    page.locator("section", has_text="Fordon, laddplatser och reservkraft").get_by_role(
        "link", name="Fordon", exact=True
    ).click()
    page.get_by_role("heading", name="Fordon – Kost och restaurang").wait_for()
    page.get_by_role("link", name="Nytt fordon").click()

    page.get_by_label("Registreringsnummer").fill("abi 123")
    page.get_by_label("Fordonstyp").select_option(label="Lätt lastbil")
    page.get_by_label("Ägande").select_option(label="Leasad")
    page.get_by_label("Drivmedel").select_option(label="Diesel")
    page.get_by_label("I trafik från").fill("2024-03-01")
    page.get_by_label("Leasingavtalet slutar").fill("2027-02-28")
    page.get_by_role("button", name="Spara").click()
    assert "följer inte det svenska formatet" in page.locator("main").inner_text()
    assert serious_violations(page) == []

    page.get_by_label("Registreringsnummer").fill("abc 12d")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("ABC12D är sparat.").wait_for()
    main = page.locator("main").inner_text()
    assert "Lätt lastbil" in main and "Leasad" in main and "Kost och restaurang" in main
    assert serious_violations(page) == []
    shot(page, "register-detail")

    page.get_by_role("link", name="Ändra", exact=True).click()
    page.get_by_label("Godkänd för HVO100").check()
    page.get_by_label("Leasingavtalet slutar").fill("2028-06-30")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("ABC12D är sparat.").wait_for()
    vehicle = Vehicle.objects.get(reg_no="ABC12D")
    assert vehicle.hvo100_approved and vehicle.version == 2

    page.get_by_role("link", name="Historik", exact=True).click()
    history = page.locator("main").inner_text()
    assert "Mika Testberg" in history
    assert "godkänd för HVO100: Nej → Ja" in history
    assert "2027-02-28" in history and "2028-06-30" in history

    page.goto(f"{live_server.url}/org/RJH/register/fordon/")
    assert "ABC12D" in page.locator("tbody").inner_text()
    assert serious_violations(page) == []
    shot(page, "register-list")
