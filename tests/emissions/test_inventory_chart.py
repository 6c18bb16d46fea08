"""The klimatbokslut's bars stand on an axis with numbers and a unit, on the page and in the PDF."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_klimatbokslut_bars_have_a_numbered_axis_with_the_unit(client_as) -> None:  # type: ignore[no-untyped-def]
    html = client_as("reader").get("/org/RJH/klimatbokslut/?year=2023").content.decode()
    start = html.index('id="inventory-chart-title"')
    chart = html[start : html.index("</svg>", start)]
    assert ">ton CO2e</text>" in chart
    ticks = re.findall(r'text-anchor="end" font-size="11" fill="#1b1f24">([^<]+)</text>', chart)
    assert ticks[0] == "0" and len(ticks) >= 3
    numbers = [int(t.replace("\xa0", "")) for t in ticks[1:]]
    assert numbers == sorted(numbers) and numbers[-1] >= 10_000  # the highest bar is below the top
    assert chart.count('fill="#0b5d3b"') == 1  # the year shown is marked
    assert "2023: 10\xa0437 ton CO2e" in chart
    assert "streckade" not in html  # no preliminary year, no legend for one
