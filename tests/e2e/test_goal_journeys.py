"""Browser journeys of the goals issue: a unit manager adds and reports an activity; a strategist
distributes a goal, sees the coverage change and downloads the board report."""

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def plan_url(page: Any, live_server: Any) -> str:
    page.goto(f"{live_server.url}/org/RJH/plans/")
    page.get_by_role("link", name="Miljömål 2023").click()
    return page.url


def test_a_unit_manager_adds_an_activity_and_reports_it_in_the_open_round(
    page: Any, live_server: Any
) -> None:
    log_in(page, live_server, "enhetschef")
    page.get_by_role("link", name="Mål och aktiviteter").first.click()
    page.get_by_role("link", name="Mål och aktiviteter för Kost och restaurang").first.click()
    main = page.locator("main")
    assert "M3 Mindre avfall och mer cirkulär resursanvändning" in main.inner_text()
    assert "M4 Hållbara måltider och minskat matsvinn" in main.inner_text()
    assert "M1 Minskad klimatpåverkan" not in main.inner_text()
    assert serious_violations(page) == []

    page.get_by_role("link", name="Lägg till aktivitet").click()
    assert "Vad är en bra aktivitet?" in page.locator("main").inner_text()
    page.get_by_label("Titel").fill("Klimatsmart lunch varje tisdag")
    page.get_by_label("M4 Hållbara måltider och minskat matsvinn").check()
    page.get_by_label("Status").select_option("pagar")
    page.get_by_label("Förväntad effekt").fill("3,5")
    page.get_by_label("Enhet för effekten").select_option("t CO2e/år")
    page.get_by_role("button", name="Spara aktiviteten").click()
    page.get_by_text("Aktiviteten är sparad.").wait_for()
    assert page.get_by_role("link", name="Klimatsmart lunch varje tisdag").count() >= 1

    page.get_by_role("link", name="Rapportera i Helår 2023").click()
    section = page.locator("section", has_text="Aktivitet: Klimatsmart lunch varje tisdag")
    section.get_by_label("Status").select_option("genomford")
    section.get_by_label("Kommentar").fill("Serveras nu varje tisdag i alla restauranger.")
    page.get_by_role("button", name="Spara rapporten").click()  # one button for the checklist
    page.get_by_text("Rapporten är sparad: 1 punkt.").wait_for()
    section = page.locator("section", has_text="Aktivitet: Klimatsmart lunch varje tisdag")
    assert "Rapporterad" in section.inner_text()
    assert serious_violations(page) == []


def test_a_strategist_distributes_sees_coverage_change_and_downloads_the_report(
    page: Any, live_server: Any
) -> None:
    log_in(page, live_server, "miljostrateg")
    base = plan_url(page, live_server)
    page.goto(base + "node/RS/")
    row = page.locator("table.coverage tr", has_text="Regional utveckling")
    assert row.locator("td").nth(1).inner_text().startswith("3")
    goal = page.locator("section.goal", has_text="M4 Hållbara måltider")
    goal.get_by_text("Fördela vidare eller ångra").click()
    goal.get_by_label("Regional utveckling").check()
    goal.get_by_role("button", name="Fördela", exact=True).click()
    page.get_by_text("M4 är fördelat till 1 nya enheter.").wait_for()
    row = page.locator("table.coverage tr", has_text="Regional utveckling")
    assert row.locator("td").nth(1).inner_text().startswith("4")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Rapport till styrelsen").first.click()
    text = page.locator("main").inner_text()
    assert "Alla avdelningar har fått fyra miljömål nerfördelade" not in text
    assert "Endast en avdelning (Regionservice) har fördelat mål till enhetsnivå." in text
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Ladda ner PDF").click()
    pdf = pdf_download.value
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"
    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Ladda ner Word (DOCX)").click()
    document = Document(io.BytesIO(Path(docx_download.value.path()).read_bytes()))
    assert "Uppföljning av aktiviteter kopplade till miljömål" in "\n".join(
        p.text for p in document.paragraphs
    )
