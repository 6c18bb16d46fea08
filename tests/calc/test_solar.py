"""Solar figures by hand: self-consumption and self-sufficiency (no production: no rate, never
above 100 %), installed kWp on a day, and the linear path to a target kWp."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nettonoll.calc import solar


def test_self_consumption_is_the_share_of_production_not_sold() -> None:
    assert solar.self_consumption_pct(10000, 2500) == pytest.approx(75.0)
    assert solar.self_consumption_pct(10000, 0) == pytest.approx(100.0)


def test_no_production_gives_no_rate_not_zero() -> None:
    assert solar.self_consumption_pct(0, 0) is None
    assert solar.self_sufficiency_pct(0, 0, 50000) is None


def test_self_sufficiency_counts_bought_electricity_of_every_building() -> None:
    # 10 000 produced, 2 500 sold → 7 500 used; bought 42 500 → 7 500 / 50 000 = 15 %
    assert solar.self_sufficiency_pct(10000, 2500, 42500) == pytest.approx(15.0)
    # nothing bought: everything used came from the panels
    assert solar.self_sufficiency_pct(10000, 2500, 0) == pytest.approx(100.0)
    assert solar.self_sufficiency_pct(10000, 2500, None) is None  # no readings: unknown


@given(
    produced=st.floats(0, 1e9),
    exported=st.floats(0, 1e9),
    bought=st.floats(0, 1e9),
)
def test_rates_stay_within_0_and_100(produced: float, exported: float, bought: float) -> None:
    for value in (
        solar.self_consumption_pct(produced, exported),
        solar.self_sufficiency_pct(produced, exported, bought),
    ):
        assert value is None or 0.0 <= value <= 100.0


def test_installed_kwp_on_a_day_weighted_by_the_buildings_share() -> None:
    d = datetime.date
    installations = [
        solar.Installation(1, 100.0, d(2022, 5, 1), None),
        solar.Installation(2, 40.0, d(2023, 1, 1), d(2024, 6, 1)),
        solar.Installation(3, 10.0, d(2025, 1, 1), None),  # not counted for the node
    ]
    weights = {1: 1.0, 2: 0.5}
    assert solar.kwp_on(installations, weights, d(2022, 12, 31)) == pytest.approx(100.0)
    assert solar.kwp_on(installations, weights, d(2023, 12, 31)) == pytest.approx(120.0)
    assert solar.kwp_on(installations, weights, d(2024, 12, 31)) == pytest.approx(100.0)


def test_the_path_to_a_target_is_a_straight_line_from_the_base_year() -> None:
    # 200 kWp in 2022 to 1 200 kWp in 2030: 125 kWp a year; 2026 expects 700
    path = solar.target_path(2022, 200.0, 2030, 1200.0, 2026, 650.0)
    assert path.expected_kwp == pytest.approx(700.0)
    assert not path.on_track
    # 550 kWp missing over the five 31 Decembers 2026–2030
    assert path.needed_kwp_per_year == pytest.approx(110.0)
    assert path.points[0] == (2022, 200.0) and path.points[-1] == (2030, 1200.0)
    assert solar.target_path(2022, 200.0, 2030, 1200.0, 2026, 700.0).on_track


def test_a_target_passed_or_reached() -> None:
    reached = solar.target_path(2020, 0.0, 2025, 100.0, 2026, 120.0)
    assert reached.on_track and reached.needed_kwp_per_year == 0.0
    missed = solar.target_path(2020, 0.0, 2025, 100.0, 2026, 80.0)
    assert not missed.on_track and missed.needed_kwp_per_year is None


def test_a_published_villa_case() -> None:
    # DOMAIN-NOTES C3: 3 560 kWh produced, 1 313 kWh self-used in 2019 → 36,9 %
    assert solar.self_consumption_pct(3560, 3560 - 1313) == pytest.approx(36.88, abs=0.01)
