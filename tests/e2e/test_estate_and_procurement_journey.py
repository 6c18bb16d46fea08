"""Browser journeys of issue 12's registers: a strategist imports a building and its monthly
energy readings as Swedish Excel files and reads the building's energy; a unit's contributor
follows up a procurement requirement, first refused (a result without its day) with what was
typed kept, then saved."""

import datetime
from typing import Any

import pytest

from nettonoll.estate.models import Building, EnergyReading
from nettonoll.organisations.models import Node
from nettonoll.procurement.models import Procurement, Requirement
from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

BUILDINGS = (
    "building_code;name;node_code;municipality;locality;atemp_m2;year_built;ownership\n"
    "E2E-1;Köket på berget;RS-SERV-KOST;Östersund;Östersund;1 250,5;1978;ägd\n"
)
READINGS = "building_code;month;carrier;kwh;temperature_dependent_share\n" + "".join(
    f"E2E-1;2024-{month:02d};fjärrvärme;1 000;0,75\n" for month in range(1, 13)
)


def _upload(page: Any, url: str, tmp_path: Any, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    page.goto(url)
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Importera").click()
    page.get_by_text("Importen är klar").wait_for()
    return str(page.locator("main").inner_text())


def test_a_strategist_imports_a_building_and_its_readings_and_reads_its_energy(
    page: Any, live_server: Any, tmp_path: Any
) -> None:
    log_in(page, live_server, "miljostrateg")
    base = f"{live_server.url}/org/RJH/register"
    done = _upload(page, f"{base}/byggnader/import/", tmp_path, "byggnader.csv", BUILDINGS)
    assert "1 nya" in done
    done = _upload(page, f"{base}/energiavlasningar/import/", tmp_path, "energi.csv", READINGS)
    assert "12 nya" in done
    assert serious_violations(page) == []
    building = Building.objects.get(building_code="E2E-1")
    assert building.atemp_m2 == 1250.5 and building.node.code == "RS-SERV-KOST"
    assert EnergyReading.objects.filter(building=building).count() == 12

    page.goto(f"{live_server.url}/org/RJH/energi/byggnad/{building.pk}/?year=2024")
    text = page.locator("main").inner_text().replace("\xa0", " ")
    assert "Köket på berget" in text and "12 000" in text
    assert serious_violations(page) == []


def test_a_contributor_follows_up_a_requirement_and_keeps_what_was_typed_when_refused(
    page: Any, live_server: Any
) -> None:
    node = Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")
    procurement = Procurement.objects.create(
        organisation=node.organisation,
        node=node,
        procurement_code="RS 2024-0999",
        title="Livsmedel till köken",
        value_sek=2_400_000,
        decided_on=datetime.date(2024, 3, 1),
        valid_from=datetime.date(2024, 5, 1),
    )
    requirement = Requirement.objects.create(
        procurement=procurement,
        requirement_code="K1",
        area="klimat",
        level="avancerad",
        placement="kontraktsvillkor",
        follow_up_planned_on=datetime.date(2025, 5, 1),
    )
    log_in(page, live_server, "medarbetare")
    page.goto(f"{live_server.url}/org/RJH/upphandling/{procurement.pk}/")
    assert "Livsmedel till köken" in page.locator("main").inner_text()
    page.get_by_role("link", name="Följ upp krav K1").click()

    page.get_by_label("Resultat").select_option(label="Delvis uppfyllt")
    page.get_by_label("Anteckning").fill("Leverantören redovisade bara halva året.")
    page.get_by_role("button", name="Spara").click()
    main = page.locator("main").inner_text()
    assert "Ett resultat kräver datumet" in main
    assert (
        page.get_by_label("Anteckning").input_value() == "Leverantören redovisade bara halva året."
    )
    assert serious_violations(page) == []

    page.get_by_label("Uppföljning gjord").fill("2025-05-20")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/upphandling/{procurement.pk}/**")
    requirement.refresh_from_db()
    assert requirement.followed_up_on == datetime.date(2025, 5, 20)
    assert requirement.result == "delvis" and requirement.version == 2
