"""Degree-day normalisation (issue 12): the worked example, a warm month, mixed bases."""

import pytest

from nettonoll.calc import degree_days


def test_a_cold_january_is_corrected_down_to_the_normal_year() -> None:
    # 4 MWh, 25 % temperature independent, GD_actual 1 104, GD_normal 967 → 3,628 MWh
    normalised = degree_days.normalised_kwh(4000, 0.75, 1104, 967)
    assert normalised == pytest.approx(1000 + 3000 * 967 / 1104)
    assert round(normalised / 1000, 3) == 3.628


def test_a_month_without_degree_days_is_wholly_temperature_independent() -> None:
    assert degree_days.normalised_kwh(1200, 0.75, 0, 35) == 1200


def test_a_carrier_has_a_sourced_default_share() -> None:
    assert degree_days.default_dependent_share("fjärrvärme") == 0.75
    assert degree_days.default_dependent_share("el") == 0
    assert all(d.source for d in degree_days.carrier_defaults().values())


def test_degree_days_of_different_bases_are_never_mixed() -> None:
    assert degree_days.single_base([17, 17.0]) == 17
    with pytest.raises(degree_days.MixedBases):
        degree_days.single_base([17, 15])
