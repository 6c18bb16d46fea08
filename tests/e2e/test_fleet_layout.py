"""Measured in a browser on the demo: the fleet page's tables of numbers fit beside their charts at
1280 px (the shares table was 693 px in a 536 px column), and neither the fleet page nor its
fuel-use page scrolls sideways at 400 px (761 and 795 px)."""

from typing import Any

import pytest

from tests.e2e.test_roles_and_accessibility import log_in

pytestmark = pytest.mark.django_db(transaction=True)

FLEET = "/org/RJH/fordonsflotta/"
FUEL = "/org/RJH/fordonsflotta/drivmedel/"


def test_the_fleet_tables_fit_beside_their_charts_at_1280_px(page: Any, live_server: Any) -> None:
    log_in(page, live_server, "miljostrateg")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{FLEET}")
    for caption in ("Fordonsflottan den 31 december", "Beräknad fossilfri andel per år"):
        table = page.locator("table", has_text=caption)
        region = table.locator("xpath=..")
        assert region.evaluate("r => r.scrollWidth <= r.clientWidth + 1"), caption
        # beside its chart, not below it
        chart = region.locator("xpath=..").locator("figure.chart svg.chart-svg")
        chart_box = chart.evaluate("s => s.getBoundingClientRect().toJSON()")
        table_box = table.evaluate("t => t.getBoundingClientRect().toJSON()")
        assert table_box["left"] >= chart_box["right"], caption
        assert chart_box["width"] >= 400, (caption, chart_box["width"])
        lines = table.evaluate(
            """t => [...t.querySelectorAll('tbody td')].map(c => {
                const r = document.createRange(); r.selectNodeContents(c);
                return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; })"""
        )
        assert lines and set(lines) == {1}, (caption, lines)  # "91,5 %" on one line


@pytest.mark.parametrize("url", [FLEET, FUEL])
def test_the_fleet_pages_do_not_scroll_sideways_at_400_px(
    page: Any, live_server: Any, url: str
) -> None:
    log_in(page, live_server, "miljostrateg")
    page.set_viewport_size({"width": 400, "height": 900})
    page.goto(f"{live_server.url}{url}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
