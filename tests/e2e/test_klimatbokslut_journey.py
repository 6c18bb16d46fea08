"""A controller imports activity data with an error, sees it explained, fixes it, imports it and
sees the klimatbokslut change."""

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_with_an_error_then_fixed_changes_the_klimatbokslut(
    page: Any, live_server: Any, tmp_path: Path
) -> None:
    log_in(page, live_server, "miljostrateg")
    page.goto(f"{live_server.url}/org/RJH/klimatbokslut/?year=2024")
    before = page.locator("p.lead").inner_text()
    assert serious_violations(page) == []

    bad = tmp_path / "bränsle-2024.csv"
    bad.write_bytes(
        "org_unit;category;period;quantity;unit\nRS-SERV-FORD;fuel.diesel;2024-11;10 000;ltr\n"
        "RS-SERV-FORD;fuel.diesel;2024-12;10 000,5;l\n".encode("cp1252")
    )
    page.get_by_role("link", name="Importera verksamhetsdata").click()
    page.get_by_label("Fil med verksamhetsdata (CSV eller XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Importera").click()
    alert = page.get_by_role("alert").inner_text()
    assert "rad 2, kolumn unit: okänd enhet 'ltr'" in alert
    assert "Inget har sparats" in alert
    assert serious_violations(page) == []

    good = tmp_path / "bränsle-2024-rättad.csv"
    good.write_bytes(bad.read_bytes().replace(b";ltr", b";l"))
    page.get_by_label("Fil med verksamhetsdata (CSV eller XLSX)").set_input_files(str(good))
    page.get_by_role("button", name="Importera").click()
    page.get_by_text("2 rader importerade").wait_for()
    page.get_by_role("link", name="Visa klimatbokslutet").click()
    page.goto(f"{live_server.url}/org/RJH/klimatbokslut/?year=2024")
    after = page.locator("p.lead").inner_text()
    assert after != before
    page.get_by_role("link", name="Diesel (med låginblandning)").click()
    assert "bränsle-2024-rättad.csv" in page.locator("main").inner_text()
