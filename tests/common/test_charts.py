"""Charts a politician can read: every value axis has numbered ticks in the reader's format and
a unit; the klimatbokslut bars and the indicator page are drawn on such axes."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from nettonoll.common.charts import (
    bars,
    line_chart,
    nice_ticks,
    tick_decimals,
    tick_label,
    year_step,
)
from nettonoll.common.templatetags.dates import trend_date


def test_ticks_are_round_numbers_that_cover_the_highest_value() -> None:
    assert nice_ticks(11_212) == [0, 2500, 5000, 7500, 10000, 12500]
    assert nice_ticks(100) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(0.9) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])


def test_tick_labels_have_the_decimals_the_step_needs_in_swedish() -> None:
    assert tick_decimals([0, 2500, 5000]) == 0
    assert tick_decimals([0, 2.5, 5]) == 1
    assert tick_decimals([0, 0.25, 0.5]) == 2
    with translation.override("sv"):
        assert tick_label(12500, 0) == "12\xa0500"
        assert tick_label(2.5, 1) == "2,5"
    with translation.override("en"):
        assert tick_label(12500, 0) == "12,500"


def test_bars_have_a_numbered_axis_a_unit_and_the_chosen_year_marked() -> None:
    with translation.override("sv"):
        chart = bars(
            [(2022, 10_569.0), (2023, 10_437.0), (2024, 10_337.0)], unit="ton CO2e", highlight=2024
        )
    assert chart["unit"] == "ton CO2e"
    assert [t["label"] for t in chart["y_ticks"]] == [
        "0",
        "2\xa0500",
        "5\xa0000",
        "7\xa0500",
        "10\xa0000",
        "12\xa0500",
    ]
    drawn = chart["bars"]
    assert [b["current"] for b in drawn] == [False, False, True]
    top = chart["y_ticks"][-1]
    # a bar's top lies where the axis says its value is
    zero = chart["y_ticks"][0]
    height = zero["y"] - top["y"]
    assert drawn[0]["y"] == pytest.approx(zero["y"] - 10_569 / 12_500 * height, abs=0.2)
    assert drawn[0]["height"] == pytest.approx(10_569 / 12_500 * height, abs=0.2)


def test_a_unit_makes_room_above_the_axis() -> None:
    without = line_chart({"a": {2020: 1.0, 2021: 2.0}})
    with_unit = line_chart({"a": {2020: 1.0, 2021: 2.0}}, unit="%")
    assert with_unit["top"] > without["top"] and with_unit["unit"] == "%"


def test_year_ticks_stay_few_over_long_spans() -> None:
    assert year_step(2019, 2024) == 1
    assert year_step(2019, 2030) == 2
    assert year_step(2015, 2050) == 5
    assert (2951 - 2024) / year_step(2024, 2951) <= 8


def test_dates_far_from_the_data_are_shown_as_years() -> None:
    assert trend_date(datetime.date(2951, 8, 7), 2023) == "2951"
    assert trend_date(datetime.date(2041, 3, 2), 2023) == "2041"
    assert trend_date(datetime.date(2031, 5, 17), 2023) == "2031-05-17"
    assert trend_date(None, 2023) == ""


def test_bars_leave_a_marked_gap_where_the_years_jump() -> None:
    chart = bars([(2011, 100.0), (2019, 90.0), (2020, 80.0)])
    drawn = chart["bars"]
    labels = [label["x"] for label in chart["x_labels"]]
    step_after_jump = labels[1] - labels[0]
    step_consecutive = labels[2] - labels[1]
    # half a slot more between 2011 and 2019 than between 2019 and 2020
    assert step_after_jump == pytest.approx(1.5 * step_consecutive, abs=0.2)
    assert [label["text"] for label in chart["x_labels"]] == [2011, 2019, 2020]
    # one break mark, in the empty space between the two bars
    assert len(chart["breaks"]) == 1
    mark = chart["breaks"][0]["x"]
    assert drawn[0]["x"] + drawn[0]["width"] < mark < drawn[1]["x"]
    # the bars still fit the plot
    assert drawn[-1]["x"] + drawn[-1]["width"] <= chart["right"]
    svg = render_to_string("_bar_chart.html", {"chart": chart})
    assert svg.count('class="axis-break"') == 1


def test_consecutive_years_have_no_break() -> None:
    chart = bars([(2019, 90.0), (2020, 80.0)])
    assert chart["breaks"] == []
    assert 'class="axis-break"' not in render_to_string("_bar_chart.html", {"chart": chart})
