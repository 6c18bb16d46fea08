"""Goal status roll-up and indicator target paths (pure functions, no Django)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nettonoll.calc.progress import (
    AT_RISK,
    NOT_ASSESSED,
    OFF_TRACK,
    ON_TRACK,
    forecast,
    goal_status,
    is_on_track,
    path_value,
)

STATUSES = st.sampled_from(["ej_paborjad", "pagar", "genomford", "avbruten"])


def test_no_activities_and_no_indicators_is_not_assessed() -> None:
    assert goal_status([], []) == NOT_ASSESSED


def test_an_indicator_off_its_path_makes_the_goal_off_track() -> None:
    assert goal_status(["genomford"], [True, False]) == OFF_TRACK


def test_half_stalled_activities_put_the_goal_at_risk() -> None:
    assert goal_status(["pagar", "ej_paborjad"], []) == AT_RISK
    assert goal_status(["pagar", "genomford", "avbruten"], []) == ON_TRACK


@given(st.lists(STATUSES, min_size=1))
def test_adding_a_finished_activity_never_makes_a_goal_worse(statuses: list[str]) -> None:
    order = {ON_TRACK: 0, AT_RISK: 1, OFF_TRACK: 2, NOT_ASSESSED: 3}
    assert order[goal_status([*statuses, "genomford"], [])] <= order[goal_status(statuses, [])]


def test_path_runs_straight_from_baseline_through_each_target() -> None:
    path = [(2030, 50.0), (2045, 0.0)]
    assert path_value((2020, 100.0), path, 2025) == 75.0
    assert path_value((2020, 100.0), path, 2040) == pytest.approx(50.0 * 5 / 15)
    assert path_value((2020, 100.0), path, 2019) == 100.0
    assert path_value((2020, 100.0), path, 2050) == 0.0


def test_on_track_depends_on_direction() -> None:
    assert is_on_track("decrease", 70.0, 75.0)
    assert not is_on_track("decrease", 80.0, 75.0)
    assert is_on_track("increase", 80.0, 75.0)


def test_forecast_extrapolates_the_trend_and_says_how_far_it_misses() -> None:
    result = forecast([(2020, 100.0), (2021, 95.0), (2022, 90.0)], (2030, 40.0), "decrease")
    assert result is not None
    assert round(result.forecast_value, 6) == 50.0
    assert round(result.miss, 6) == 10.0
    assert forecast([(2020, 1.0)], (2030, 0.0), "decrease") is None


def test_a_share_is_never_forecast_past_100_percent() -> None:
    from nettonoll.calc.progress import forecast

    rising = [(2021, 60.0), (2022, 75.0), (2023, 90.0)]
    unbounded = forecast(rising, (2030, 100.0), "increase")
    assert unbounded is not None and unbounded.forecast_value > 100
    share = forecast(rising, (2030, 100.0), "increase", bounds=(0.0, 100.0))
    assert share is not None and share.forecast_value == 100.0 and share.miss == 0.0
    falling = forecast([(2021, 20.0), (2022, 10.0)], (2030, 0.0), "decrease", bounds=(0.0, 100.0))
    assert falling is not None and falling.forecast_value == 0.0


def test_years_before_the_base_year_are_not_part_of_the_trend() -> None:
    """Zeros 2020–2022 before the base year 2023, then 1 200, 1 100, 1 000: from the base year on
    the line falls 100 a year, to 500 in 2030 — the target. With the zeros the trend would rise."""
    values = [(2020, 0.0), (2021, 0.0), (2022, 0.0), (2023, 1200.0), (2024, 1100.0), (2025, 1000.0)]
    result = forecast(values, (2030, 500.0), "decrease", since=2023)
    assert result is not None
    assert result.forecast_value == pytest.approx(500.0)
    assert result.miss == 0.0
    with_history = forecast(values, (2030, 500.0), "decrease")
    assert with_history is not None
    assert with_history.forecast_value == pytest.approx(550 + 4750 / 17.5 * 7.5)  # 2 585,7


def test_a_single_value_from_the_base_year_on_gives_no_forecast() -> None:
    assert (
        forecast([(2021, 5.0), (2022, 6.0), (2023, 7.0)], (2030, 9.0), "increase", since=2023)
        is None
    )
