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


def test_the_yearly_table_beside_the_klimatbokslut_chart_fits_its_column(
    page: Any, live_server: Any
) -> None:
    log_in(page, live_server, "strateg.stockholm")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/org/RST/klimatbokslut/?year=2011")
    table = page.locator("table", has_text="Utsläpp per år")
    column = table.locator("xpath=..")
    overhang = table.evaluate(
        "t => t.getBoundingClientRect().right - t.parentElement.getBoundingClientRect().right"
    )
    assert overhang <= 0.5, overhang
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    # the chart beside it keeps a readable width
    chart = column.locator("figure.chart svg")
    assert chart.evaluate("s => s.getBoundingClientRect().width") >= 500
