"""Measured in a browser at 1280 px: the organisation budget's pathway table has room for its
numbers (it was squeezed to 357 px beside the chart), and the charts carry their units."""

from typing import Any

import pytest

from tests.e2e.test_roles_and_accessibility import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_budget_table_is_not_squeezed_at_1280_px(page: Any, live_server: Any) -> None:
    log_in(page, live_server, "miljostrateg")
    page.goto(f"{live_server.url}/org/RJH/koldioxidbudget/")
    table = page.locator("table", has_text="Budgetbana, utfall och trend")
    width = table.evaluate("t => t.getBoundingClientRect().width")
    assert width >= 600, width
    for cell in table.locator("tbody tr").first.locator("td").all():  # no number wraps
        box = cell.evaluate("c => c.getBoundingClientRect().height")
        assert box < 40, box
    assert page.locator("#pathway-chart-title").locator("xpath=..").get_by_text("ton CO2e").count()
