"""The organisation's carbon budget (derivations a–d), its assessment against actual emissions,
and the climate action plan's ranking and gap verdict."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nettonoll.calc.organisation_budget import (
    BudgetSettings,
    Measure,
    assess,
    budget_for_rate,
    county_required_cut,
    derive_budget,
    mac_ranking,
    plan_against_gap,
    plan_effect_t,
)
from nettonoll.calc.pathways import CARBON_LAW_RATE, PathwayError, required_cut

ACTUAL = {2019: 200_000.0, 2020: 190_000.0, 2021: 180_000.0, 2022: 170_000.0, 2023: 160_000.0}


@pytest.mark.parametrize("convention", ["continuous", "discrete-next", "discrete-incl"])
def test_a_rate_and_its_budget_are_inverses(convention: str) -> None:
    budget = budget_for_rate(1000.0, 0.15, convention)  # type: ignore[arg-type]
    assert required_cut(1000.0, budget, convention) == pytest.approx(0.15)  # type: ignore[arg-type]


def test_the_carbon_law_derivation_cuts_eleven_point_seven_two_percent_a_year() -> None:
    budget, rate, path = derive_budget(
        BudgetSettings("carbon-law", 2023, "discrete-next", until_year=2030), 100.0
    )
    assert rate == CARBON_LAW_RATE
    assert path[2024] == pytest.approx(100 * (1 - 0.1172))
    assert budget == pytest.approx(100 * 0.8828 / 0.1172)


@pytest.mark.parametrize(
    ("convention", "first_counted", "years"),
    [("discrete-next", 2026, 9), ("discrete-incl", 2025, 11), ("continuous", None, 10)],
)
def test_the_target_path_budget_is_what_the_line_to_net_zero_emits_as_counted(
    convention: str, first_counted: int | None, years: int
) -> None:
    budget, _rate, path = derive_budget(
        BudgetSettings("target-path", 2025, convention, zero_year=2035, until_year=2040),  # type: ignore[arg-type]
        1000.0,
    )
    assert budget == pytest.approx(1000 * years / 2)
    assert path[2030] == pytest.approx(500) and path[2035] == 0 and path[2040] == 0
    if first_counted is None:  # the integral: the trapezoid rule is exact on a line
        counted = sum(path[y] for y in range(2025, 2036)) - (path[2025] + path[2035]) / 2
    else:
        counted = sum(v for y, v in path.items() if y >= first_counted)
    assert counted == pytest.approx(budget)


def test_the_county_rate_applies_the_countys_cut_to_the_organisation() -> None:
    rate = county_required_cut([(100.0, 500.0), (300.0, 1500.0)], "discrete-next")
    assert rate == pytest.approx(400 / (2000 + 400))
    budget, used, _path = derive_budget(
        BudgetSettings("county-rate", 2023, "discrete-next", county_rate=rate), 50.0
    )
    assert used == rate and budget == pytest.approx(50 / rate - 50)


def test_missing_parameters_are_refused_not_guessed() -> None:
    with pytest.raises(PathwayError):
        derive_budget(BudgetSettings("county-rate", 2023), 50.0)
    with pytest.raises(PathwayError):
        derive_budget(BudgetSettings("target-path", 2023), 50.0)
    with pytest.raises(PathwayError):
        derive_budget(BudgetSettings("decided", 2023, decided_budget_t=0), 50.0)


def test_the_assessment_counts_emissions_since_the_start_and_finds_when_the_budget_runs_out() -> (
    None
):
    result = assess(
        BudgetSettings("decided", 2021, "discrete-next", decided_budget_t=1_000_000),
        ACTUAL,
        targets=[("Netto noll", 2035, 0.0), ("−50 % mot 2019", 2030, 100_000.0)],
    )
    assert result.e0_t == 180_000
    assert result.emitted_t == 170_000 + 160_000  # from t0 + 1 under discrete-next
    assert result.remaining_t == pytest.approx(1_000_000 - 330_000)
    # the trend falls 10 000 t a year: 150 000 + … + 110 000 = 650 000 through 2028, and the
    # last 20 000 t go in the first fifth of 2029 (100 000 t that year)
    assert result.runs_out_year == pytest.approx(2029 + 20_000 / 100_000)
    assert result.trend_t[2030] == pytest.approx(90_000)
    assert result.required_cut_pct == pytest.approx(100 * 160_000 / (670_000 + 160_000))
    net_zero, half = result.targets
    assert (net_zero.on_track, net_zero.expected_t) == (False, pytest.approx(40_000))
    assert half.on_track is True and half.rule == "trend"


def test_a_spent_budget_has_no_required_cut_and_no_run_out_year() -> None:
    result = assess(BudgetSettings("decided", 2019, decided_budget_t=100_000), ACTUAL)
    assert result.is_spent and result.required_cut_pct is None and result.runs_out_year is None


@settings(max_examples=60, deadline=None)
@given(
    e0=st.floats(min_value=1, max_value=1e7),
    rate=st.floats(min_value=0.05, max_value=0.6),
    convention=st.sampled_from(["continuous", "discrete-next", "discrete-incl"]),
)
def test_an_exponential_pathways_sum_equals_its_budget(
    e0: float, rate: float, convention: str
) -> None:
    budget, _rate, path = derive_budget(
        BudgetSettings("county-rate", 2024, convention, county_rate=rate, until_year=3000),  # type: ignore[arg-type]
        e0,
    )
    if convention == "continuous":
        k = -math.log(1 - rate)
        total = e0 / k  # the integral from t0 to infinity
    elif convention == "discrete-next":
        total = math.fsum(v for y, v in path.items() if y > 2024)
    else:
        total = math.fsum(path.values())
    assert total == pytest.approx(budget, rel=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    added=st.lists(
        st.tuples(st.integers(min_value=2022, max_value=2030), st.floats(0, 1e6)), max_size=6
    )
)
def test_the_remaining_budget_never_increases_as_emissions_are_added(
    added: list[tuple[int, float]],
) -> None:
    rules = BudgetSettings("decided", 2021, decided_budget_t=2_000_000)
    remaining = assess(rules, ACTUAL).remaining_t
    actual = dict(ACTUAL)
    for year, extra in added:
        actual[year] = actual.get(year, 0.0) + extra
        now = assess(rules, actual).remaining_t
        assert now <= remaining + 1e-6
        remaining = now


MEASURES = [
    Measure("a", "Elbussar", 20_000, 2026, 900_000_000),
    Measure("b", "Lustgasdestruktion", 5_000, 2025, 12_000_000),
    Measure("c", "Sluta med desfluran", 300, 2025, 0),
    Measure("d", "Utan kostnad angiven", 100, 2025, None),
]


def test_measures_are_ranked_by_cost_per_tonne_cheapest_first() -> None:
    ranked = mac_ranking(MEASURES, 2035)
    assert [r.measure.key for r in ranked] == ["c", "b", "a", "d"]
    assert ranked[1].cost_per_t_sek == pytest.approx(12_000_000 / (5_000 * 11))
    assert ranked[-1].cost_per_t_sek is None
    assert [r.cumulative_effect_t_per_yr for r in ranked] == [300, 5_300, 25_300, 25_400]


def test_the_plan_counts_each_measure_from_its_start_year() -> None:
    assert plan_effect_t(MEASURES, [2024, 2025, 2026]) == {2024: 0, 2025: 5_400, 2026: 25_400}


def test_the_verdict_says_from_which_year_the_plan_closes_the_gap() -> None:
    trend = {2025: 100_000.0, 2026: 95_000.0, 2027: 90_000.0, 2028: 85_000.0}
    path = {2025: 90_000.0, 2026: 80_000.0, 2027: 70_000.0, 2028: 60_000.0}
    verdict = plan_against_gap(
        [Measure("x", "X", 10_000, 2025), Measure("y", "Y", 15_000, 2027)], trend, path
    )
    assert [r.gap_t for r in verdict.years] == [10_000, 15_000, 20_000, 25_000]
    assert [r.closed for r in verdict.years] == [True, False, True, True]
    assert verdict.closes and verdict.closes_from_year == 2027
    assert (verdict.largest_shortfall_t, verdict.largest_shortfall_year) == (5_000, 2026)
    short = plan_against_gap([Measure("x", "X", 10_000, 2025)], trend, path)
    assert not short.closes and short.closes_from_year is None


def test_with_the_trend_below_the_pathway_there_is_no_gap_to_close() -> None:
    verdict = plan_against_gap([], {2025: 50.0, 2026: 40.0}, {2025: 60.0, 2026: 55.0})
    assert not verdict.has_gap and verdict.closes


def test_the_run_out_year_is_the_calendar_year_it_happens_in() -> None:
    result = assess(
        BudgetSettings("decided", 2021, "discrete-next", decided_budget_t=1_000_000), ACTUAL
    )
    assert result.runs_out_in_year == 2029
