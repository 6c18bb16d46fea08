"""Browser journey of backup power and charging: a strategist adds a battery with its backup
reserve, tries to offer more of it on a flexibility market than the reserve leaves — refused with
the reason, what was typed kept — then offers what fits; and adds a charging site that the fleet's
node page counts."""

from typing import Any

import pytest

from nettonoll.registers.models import BackupUnit, ChargingSite, FlexParticipation
from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_battery_is_never_offered_beyond_its_backup_reserve(page: Any, live_server: Any) -> None:
    log_in(page, live_server, "miljostrateg")
    page.goto(f"{live_server.url}/org/RJH/register/reservkraft/?node=RS-SERV-KOST")
    page.get_by_role("link", name="Nytt reservkraftaggregat").click()
    page.get_by_label("Aggregatets kod").fill("BAT-E2E")
    page.get_by_label("Effekt (kW)").fill("300")
    page.locator("select[name=energy]").select_option(label="Batteri")
    page.get_by_label("Batteriets energi (kWh)").fill("400")
    page.get_by_label("Energi reserverad för reservkraft (kWh)").fill("300")
    page.get_by_label("I drift från").fill("2024-01-01")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("BAT-E2E är sparat.").wait_for()

    page.get_by_role("link", name="Lägg till deltagande").click()
    page.get_by_label("Marknad").select_option(value="fcr-d")
    page.get_by_label("Avtalad effekt (kW)").fill("250")
    page.get_by_label("Från").fill("2025-11-01")
    page.get_by_role("button", name="Spara").click()
    text = page.locator("main").inner_text()
    assert "100 kWh kvar räcker för högst 100 kW i 1 timme, inte 250 kW" in text
    assert page.get_by_label("Avtalad effekt (kW)").input_value() == "250"  # kept
    assert serious_violations(page) == []
    assert not FlexParticipation.objects.filter(unit__unit_code="BAT-E2E").exists()

    page.get_by_label("Avtalad effekt (kW)").fill("100")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Deltagandet är sparat.").wait_for()
    unit = BackupUnit.objects.get(unit_code="BAT-E2E")
    assert [float(f.contracted_kw) for f in unit.flex.all()] == [100.0]


def test_a_charging_site_is_added_and_counted_on_the_units_page(
    page: Any, live_server: Any
) -> None:
    log_in(page, live_server, "medarbetare")
    page.goto(f"{live_server.url}/org/RJH/node/RS-SERV-KOST/")
    panel = page.locator("section", has_text="Fordon, laddplatser och reservkraft")
    before = panel.inner_text()
    page.goto(f"{live_server.url}/org/RJH/register/laddplatser/?node=RS-SERV-KOST")
    page.get_by_role("link", name="Ny laddplats").click()
    page.get_by_label("Platskod").fill("P-E2E")
    page.get_by_label("Laddpunkter").fill("12")
    page.get_by_label("Tillgång").select_option(label="Besökare")
    page.get_by_label("Parkeringsplatser", exact=True).fill("10")
    page.get_by_label("Parkeringsplatser med laddning").fill("11")
    page.get_by_label("I drift från").fill("2024-01-01")
    page.get_by_role("button", name="Spara").click()
    assert "Fler platser med laddning än parkeringsplatser." in page.locator("main").inner_text()
    assert page.get_by_label("Platskod").input_value() == "P-E2E"  # kept
    page.get_by_label("Parkeringsplatser med laddning").fill("6")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("P-E2E").first.wait_for()
    assert ChargingSite.objects.filter(site_code="P-E2E", points=12).exists()
    page.goto(f"{live_server.url}/org/RJH/node/RS-SERV-KOST/")
    after = page.locator("section", has_text="Fordon, laddplatser och reservkraft").inner_text()
    assert after != before  # the unit's charging points now include the twelve
