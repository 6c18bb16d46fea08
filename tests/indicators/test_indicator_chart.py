"""An indicator page shows its values over time against the target path on a numbered axis with
the unit; a share's forecast never leaves 0–100 %."""

import re
from decimal import Decimal

import pytest

from nettonoll.calc.progress import is_share_unit
from nettonoll.indicators import services
from nettonoll.indicators.selectors import indicator_status
from nettonoll.organisations.models import Node, Organisation

pytestmark = pytest.mark.django_db


def test_the_indicator_page_draws_values_and_target_path_on_an_axis_with_the_unit(
    client_as,
) -> None:  # type: ignore[no-untyped-def]
    organisation = Organisation.objects.get(code="RJH")
    indicator = services.indicator_define(  # entered by hand: the demo's fleet share is computed
        organisation=organisation,
        name="Andel förnybar el",
        unit="%",
        direction="increase",
        baseline_year=2019,
        baseline_value=Decimal(20),
        targets=[(2030, Decimal(100))],
    )
    root = Node.objects.get(organisation=organisation, depth=1)
    for year, value in [(2021, 31), (2022, 42), (2023, 55)]:
        services.indicator_value_enter(
            indicator=indicator, node=root, year=year, value=Decimal(value)
        )
    html = client_as("reader").get(f"/org/RJH/indicators/{indicator.pk}/").content.decode()
    chart = html[
        html.index('id="indicator-chart-title"') : html.index(
            "</svg>", html.index('id="indicator-chart-title"')
        )
    ]
    assert ">%</text>" in chart  # the unit above the y axis
    ticks = re.findall(r'text-anchor="end" font-size="11" fill="#1b1f24">([^<]+)</text>', chart)
    assert ticks == ["0", "20", "40", "60", "80", "100"]
    assert "Målbana" in chart and "Värde" in chart
    assert chart.count("<circle") >= 3 + 2  # three values, baseline and one target
    for year in ("2020", "2030"):
        assert f">{year}</text>" in chart


def test_a_share_unit_is_recognised_in_its_usual_spellings() -> None:
    for unit in (
        "%",
        " % ",
        "procent",
        "Procent",
        "andel (%)",
        "% av fordonen",
        "andel fossilfria, %",
    ):
        assert is_share_unit(unit), unit
    for unit in ("t CO2e", "MWh", "kr per ton", "st"):
        assert not is_share_unit(unit), unit


def test_a_share_written_as_a_sentence_is_still_forecast_within_100_percent(demo: None) -> None:
    organisation = Organisation.objects.get(code="RJH")
    root = Node.objects.get(organisation=organisation, depth=1)
    indicator = services.indicator_define(
        organisation=organisation,
        name="Fossilfria fordon",
        unit="% av fordonen",
        direction="increase",
        baseline_year=2019,
        baseline_value=Decimal(20),
        targets=[(2030, Decimal(100))],
    )
    for year, value in [(2021, 31), (2022, 42), (2023, 63)]:  # a trend that passes 100 before 2030
        services.indicator_value_enter(
            indicator=indicator, node=root, year=year, value=Decimal(value), comment=""
        )
    prognosis = indicator_status(indicator, root).forecast
    assert prognosis is not None and 0.0 <= prognosis.forecast_value <= 100.0
