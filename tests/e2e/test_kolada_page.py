"""In the browser: Värmland's strategist follows a Kolada KPI on the Kolada page, sees the demo's
made-up values and a recorded definition change; axe-core finds no serious violation there or on
a Kolada-fed indicator."""

from typing import Any

import pytest

from nettonoll.kolada.models import Selection
from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_strategist_follows_a_kpi_and_the_pages_are_accessible(
    page: Any, live_server: Any
) -> None:
    log_in(page, live_server, "strateg.varmland")
    page.goto(f"{live_server.url}/org/RV/kolada/")
    assert "Ändringar i definitionen av U00501" in page.locator("main").inner_text()
    found = {"kolada": serious_violations(page)}
    page.get_by_label("Nyckeltal (id i Kolada)").fill("N00401")
    page.get_by_label("Kommun eller region (id i Kolada)").fill("1780")
    page.get_by_role("button", name="Följ nyckeltalet").click()
    page.get_by_text("N00401 för 1780 är valt").wait_for()
    assert Selection.objects.filter(organisation__code="RV", kpi__kpi_id="N00401").exists()
    found["kolada after adding"] = serious_violations(page)
    page.get_by_role("link", name="N07947 Laddhybrider", exact=False).first.click()
    assert "Källa: Kolada" in page.locator("main").inner_text()
    found["indicator"] = serious_violations(page)
    assert {where: v for where, v in found.items() if v} == {}
