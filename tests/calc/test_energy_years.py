"""A subtree's energy year by year (issue 12): normalisation properties, the year's sums, the
year in progress preliminary, a locality without degree days makes the normalised figure
missing (never the measured one), kWh per m², the primary energy number and the change."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nettonoll.calc import degree_days
from nettonoll.calc.energy_years import (
    MonthFigure,
    change_pct,
    weighting_factor,
    weighting_factors,
    years_of,
)

kwh = st.floats(min_value=0, max_value=1e9, allow_nan=False)
share = st.floats(min_value=0, max_value=1, allow_nan=False)
gd = st.floats(min_value=0.1, max_value=2000, allow_nan=False)


@given(kwh, share, gd)
def test_a_normal_month_changes_nothing(used: float, dependent: float, days: float) -> None:
    assert degree_days.normalised_kwh(used, dependent, days, days) == pytest.approx(used)


@given(kwh, share, gd, gd, gd)
def test_more_degree_days_never_raise_the_normalised_value(
    used: float, dependent: float, normal: float, fewer: float, more: float
) -> None:
    low, high = sorted((fewer, more))
    colder = degree_days.normalised_kwh(used, dependent, high, normal)
    warmer = degree_days.normalised_kwh(used, dependent, low, normal)
    assert colder <= warmer * (1 + 1e-12) + 1e-9


@given(kwh, share, gd)
def test_zero_degree_days_leave_the_month_unchanged(
    used: float, dependent: float, normal: float
) -> None:
    assert degree_days.normalised_kwh(used, dependent, 0, normal) == used


@given(kwh, gd, gd)
def test_a_wholly_independent_use_is_never_corrected(
    used: float, days: float, normal: float
) -> None:
    assert degree_days.normalised_kwh(used, 0, days, normal) == pytest.approx(used)


D = datetime.date
TODAY = D(2025, 3, 15)


def test_a_year_sums_its_months_per_carrier_and_divides_by_atemp() -> None:
    months = [
        MonthFigure(D(2024, 1, 1), "fjärrvärme", 4000, 3627.7),
        MonthFigure(D(2024, 1, 1), "el", 1000, 1000),
        MonthFigure(D(2024, 2, 1), "fjärrvärme", 3000, 3100),
    ]
    (year,) = years_of(months, {2024: 1000}, {}, TODAY)
    assert (year.kwh, year.months, year.preliminary) == (8000, 2, False)
    assert year.normalised_kwh == pytest.approx(7727.7)
    assert year.carriers == {"el": (1000, 1000), "fjärrvärme": (7000, pytest.approx(6727.7))}
    assert year.kwh_per_m2 == 8
    assert year.normalised_kwh_per_m2 == pytest.approx(7.7277)
    # Boverket: fjärrvärme 0.7, el 1.8
    assert year.primary_energy_number == pytest.approx((6727.7 * 0.7 + 1000 * 1.8) / 1000)


def test_a_year_lacking_degree_days_has_no_normalised_figure_and_says_where() -> None:
    months = [
        MonthFigure(D(2024, 1, 1), "fjärrvärme", 4000, 3627.7),
        MonthFigure(D(2024, 2, 1), "fjärrvärme", 3000, None),
    ]
    (year,) = years_of(months, {2024: 1000}, {2024: {"Sveg"}}, TODAY)
    assert year.kwh == 7000
    assert year.normalised_kwh is None
    assert year.normalised_kwh_per_m2 is None
    assert year.primary_energy_number is None
    assert year.missing == ("Sveg",)


def test_the_year_in_progress_is_preliminary_and_a_year_without_atemp_has_no_per_m2() -> None:
    months = [MonthFigure(D(2024, 12, 1), "el", 10, 10), MonthFigure(D(2025, 1, 1), "el", 5, 5)]
    last, current = years_of(months, {2024: 0, 2025: 100}, {}, TODAY)
    assert (last.preliminary, current.preliminary) == (False, True)
    assert last.kwh_per_m2 is None
    assert current.kwh_per_m2 == 0.05


def test_change_against_a_base_year() -> None:
    assert change_pct(90, 100) == pytest.approx(-10)
    assert change_pct(None, 100) is None
    assert change_pct(90, 0) is None


def test_weighting_factors_are_boverkets_with_their_source() -> None:
    factors = {f.carrier: f.factor for f in weighting_factors()}
    assert factors == {
        "el": 1.8,
        "fjärrvärme": 0.7,
        "fjärrkyla": 0.6,
        "biobränsle": 0.6,
        "olja": 1.8,
        "gas": 1.8,  # fossil gas, as fossil oil (BBR 29 table 9:2a)
    }
    assert all("BFS 2020:4" in f.source for f in weighting_factors())
    assert weighting_factor("ånga") is None
