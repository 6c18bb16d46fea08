"""Pathways, trends and budgets (METHODS.md §2–3): conventions, OLS and LAD, dates (no Django)."""

import datetime
import itertools
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nettonoll.calc.pathways import (
    CONVENTIONS,
    Line,
    PathwayError,
    budget_runs_out,
    carbon_law_path,
    exponential_path,
    fractional_year_to_date,
    lad_line,
    lad_line_anchored,
    linear_path,
    ols_line,
    pathway_total,
    remaining_budget,
    required_cut,
    trapezoid,
    year_of_point,
)

emissions = st.floats(min_value=1.0, max_value=1e8, allow_nan=False)
budgets = st.floats(min_value=1.0, max_value=1e9, allow_nan=False)


def test_published_swedish_rates_match_the_discrete_next_year_convention() -> None:
    # METHODS §3: 35.7 % and 13.5 % a year from 2024 for the 80 Mt and 285 Mt budgets
    e0 = 44.5e6  # Swedish fossil CO2 in 2024, t
    assert required_cut(e0, 80e6, "discrete-next") == pytest.approx(0.357, abs=0.001)
    assert required_cut(e0, 285e6, "discrete-next") == pytest.approx(0.135, abs=0.001)


def test_each_convention_has_its_own_rate() -> None:
    assert required_cut(10.0, 100.0, "continuous") == pytest.approx(1 - math.exp(-0.1))
    assert required_cut(10.0, 100.0, "discrete-next") == pytest.approx(10 / 110)
    assert required_cut(10.0, 100.0, "discrete-incl") == pytest.approx(0.1)
    assert required_cut(200.0, 100.0, "discrete-incl") == 1.0


def test_unknown_convention_and_impossible_budgets_are_refused() -> None:
    with pytest.raises(PathwayError):
        required_cut(1.0, 1.0, "yearly")  # type: ignore[arg-type]
    with pytest.raises(PathwayError):
        required_cut(1.0, 0.0, "continuous")
    with pytest.raises(PathwayError):
        required_cut(-1.0, 10.0, "continuous")


@given(emissions, budgets, st.sampled_from(CONVENTIONS))
def test_a_pathway_sums_to_its_budget_under_its_convention(
    e0: float, budget: float, convention: str
) -> None:
    assume(convention != "discrete-incl" or e0 <= budget)
    assert pathway_total(e0, budget, convention) == pytest.approx(budget, rel=1e-9)  # type: ignore[arg-type]


@settings(max_examples=50)
@given(
    st.floats(min_value=1.0, max_value=1e6),
    st.floats(min_value=2.0, max_value=50.0),
    st.sampled_from(["discrete-next", "discrete-incl"]),
)
def test_summing_the_yearly_path_gives_the_budget(e0: float, ratio: float, convention: str) -> None:
    budget = e0 * ratio
    path = exponential_path(e0, budget, 2024, 2024 + 4000, convention)  # type: ignore[arg-type]
    years = sorted(path)
    counted = years[1:] if convention == "discrete-next" else years
    assert math.fsum(path[y] for y in counted) == pytest.approx(budget, rel=1e-6)


def test_continuous_path_is_klimatkollens_paris_path() -> None:
    path = exponential_path(135815.606, 237220.939, 2024, 2050, "continuous")
    assert path[2024] == pytest.approx(135815.606)
    assert path[2025] == pytest.approx(76613.265, abs=0.001)  # Ale, Klimatkollen 2024
    assert path[2050] == pytest.approx(0.047, abs=0.001)


@given(st.lists(st.floats(min_value=0, max_value=1e7), max_size=30), st.floats(0, 1e7), budgets)
def test_the_remaining_budget_never_increases_as_emissions_are_added(
    emitted: list[float], more: float, budget: float
) -> None:
    assert remaining_budget(budget, [*emitted, more]) <= remaining_budget(budget, emitted)


def test_linear_path_reaches_zero_and_its_area_is_half_the_rectangle() -> None:
    path = linear_path(100.0, 2025, 2035)
    assert path[2025] == 100.0 and path[2030] == 50.0 and path[2035] == 0.0
    assert trapezoid(list(path.values())) == pytest.approx(100.0 * 10 / 2)


def test_carbon_law_path_cuts_11_72_percent_a_year() -> None:
    path = carbon_law_path(1000.0, 2026, 2050)
    assert len(path) == 25
    assert path[2027] == pytest.approx(882.8)
    assert path[2050] == pytest.approx(1000 * 0.8828**24)


def test_ols_matches_the_closed_form() -> None:
    line = ols_line([2015, 2016, 2017], [3.0, 5.0, 7.0])
    assert (line.slope, line.at(2015)) == pytest.approx((2.0, 3.0))
    assert line.net_zero_year() is None
    assert Line(-2.0, 4050.0).net_zero_year() == pytest.approx(2025.0)


def _l1(line: Line, xs: list[int], ys: list[float]) -> float:
    return sum(abs(y - line.at(x)) for x, y in zip(xs, ys, strict=True))


series = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=2, max_size=10)


@given(series)
def test_lad_is_the_true_l1_minimiser(values: list[float]) -> None:
    xs = [2015 + i for i in range(len(values))]
    best = lad_line(xs, values)
    cost = _l1(best, xs, values)
    # no line through any two points, nor any small perturbation, does better
    for i, j in itertools.combinations(range(len(xs)), 2):
        slope = (values[j] - values[i]) / (xs[j] - xs[i])
        other = Line(slope, values[i] - slope * xs[i])
        assert cost <= _l1(other, xs, values) + 1e-6 * max(1.0, cost)
    for ds, dm in [(1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)]:
        nudged = Line(best.slope + ds, best.intercept + dm - ds * xs[-1])
        assert cost <= _l1(nudged, xs, values) + 1e-6 * max(1.0, cost)


def test_lad_ignores_an_outlier_and_is_deterministic_on_ties() -> None:
    xs = [2015, 2016, 2017, 2018, 2019]
    line = lad_line(xs, [10.0, 9.0, 80.0, 7.0, 6.0])
    assert line.slope == pytest.approx(-1.0)
    assert line.at(2019) == pytest.approx(6.0)
    # two points: a tie between nothing; four points on a square: the mean of the tied lines
    assert lad_line([0, 1], [0.0, 1.0]).slope == pytest.approx(1.0)
    tie = lad_line([0, 0, 1, 1], [0.0, 1.0, 0.0, 1.0])
    assert tie == lad_line([1, 0, 1, 0], [1.0, 1.0, 0.0, 0.0])
    assert tie.slope == pytest.approx(0.0)


def test_anchored_lad_passes_through_the_last_value() -> None:
    line = lad_line_anchored([2015, 2020, 2024], [10.0, 8.0, 7.5])
    assert line.at(2024) == pytest.approx(7.5)


def test_dates_use_365_day_years_from_the_anchor() -> None:
    assert fractional_year_to_date(2025.5, 2025) == datetime.date(2025, 7, 2)
    assert fractional_year_to_date(2029.0, 2025) == datetime.date(2028, 12, 31)  # leap day 2028
    assert year_of_point(2124.637) == datetime.date(2124, 8, 20)  # 2124 is a leap year
    assert fractional_year_to_date(1e9, 2025) is None


def test_budget_runs_out_when_the_trend_spends_more_than_the_budget() -> None:
    line = Line(-10.0, 10.0 * 2100)  # 760 t in 2024, falling 10 t a year
    trend = {y: line.floored(y) for y in range(2024, 2051)}
    assert budget_runs_out(line, 1e9, trend, 2024) is None
    year = budget_runs_out(line, 2000.0, trend, 2024)
    assert year is not None and 2026 < year < 2028
    # ∫ from 2025 to x equals the budget less the first year's trapezoid
    first = (trend[2024] + trend[2025]) / 2
    area = -5.0 * (year**2 - 2025**2) + 21000.0 * (year - 2025)
    assert area == pytest.approx(2000.0 - first)


def test_a_trend_through_non_finite_values_is_refused_not_overflowed() -> None:
    with pytest.raises(PathwayError):
        ols_line([2020, 2021, 2022], [1.0, math.inf, 3.0])
    with pytest.raises(PathwayError):
        ols_line([2020, 2021], [1e308, -1e308 * 10])
