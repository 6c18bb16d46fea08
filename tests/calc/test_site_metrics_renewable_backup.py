"""Which backup-power units count as renewable or battery (DOMAIN-NOTES §B4), by hand: the energy
alone (HVO100 approved, biogas, battery), or the engine's HVO100 approval and every delivery of
the 12 months up to the day of the state (at least one) 100 % renewable. No Django."""

import datetime

import pytest

from nettonoll.calc.site_metrics import (
    Unit,
    is_renewable_or_battery,
    renewable_or_battery_pct,
    state_day,
    year_end,
)

D = datetime.date
START = D(2020, 1, 1)


def unit(kw: int, energy: str, approved: bool = False, *deliveries: tuple[D, int]) -> Unit:
    return Unit(START, None, kw, energy, approved, tuple(deliveries))


def test_the_energy_alone_counts() -> None:
    assert is_renewable_or_battery(unit(100, "batteri"), year_end(2025))
    assert is_renewable_or_battery(unit(100, "biogas"), year_end(2025))
    assert is_renewable_or_battery(unit(100, "hvo100", True), year_end(2025))
    assert not is_renewable_or_battery(unit(100, "hvo100", False), year_end(2025))
    assert not is_renewable_or_battery(unit(100, "fordonsgas"), year_end(2025))


def test_an_approved_diesel_counts_in_a_year_of_only_fully_renewable_deliveries() -> None:
    full = unit(500, "diesel", True, (D(2025, 2, 1), 100), (D(2025, 10, 1), 100))
    assert is_renewable_or_battery(full, year_end(2025))
    assert not is_renewable_or_battery(full, year_end(2024))  # no delivery that year
    mixed = unit(300, "diesel", True, (D(2025, 2, 1), 100), (D(2025, 10, 1), 99))
    assert not is_renewable_or_battery(mixed, year_end(2025))
    unapproved = unit(200, "diesel", False, (D(2025, 2, 1), 100))
    assert not is_renewable_or_battery(unapproved, year_end(2025))
    # 500 (full) + 100 (battery) of 500 + 300 + 200 + 100 kW
    units = [full, mixed, unapproved, unit(100, "batteri")]
    assert renewable_or_battery_pct(units, 2025) == pytest.approx(600 / 1100 * 100)
    assert renewable_or_battery_pct(units, 2024) == pytest.approx(100 / 1100 * 100)
    assert renewable_or_battery_pct([], 2025) is None


def test_on_31_december_the_12_months_are_the_calendar_year() -> None:
    first_day = unit(500, "diesel", True, (D(2025, 1, 1), 100))
    assert is_renewable_or_battery(first_day, D(2025, 12, 31))
    last_day_before = unit(500, "diesel", True, (D(2024, 12, 31), 100))
    assert not is_renewable_or_battery(last_day_before, D(2025, 12, 31))
    assert is_renewable_or_battery(last_day_before, D(2024, 12, 31))


def test_a_unit_last_filled_with_hvo_in_november_counts_in_the_current_year() -> None:
    """RST's 2026 drop: its one HVO100 delivery was in November 2025, none yet in 2026."""
    november = unit(1500, "diesel", True, (D(2024, 5, 1), 100), (D(2025, 11, 10), 100))
    fossil = unit(500, "diesel", False, (D(2025, 11, 10), 6))
    units = [november, fossil]
    today = D(2026, 4, 15)
    assert state_day(2026, today) == today and state_day(2025, today) == D(2025, 12, 31)
    assert is_renewable_or_battery(november, today)
    # 1 500 of 2 000 kW; without the day the current year would read 0 (no 2026 delivery)
    assert renewable_or_battery_pct(units, 2026, state_day(2026, today)) == pytest.approx(75)
    assert renewable_or_battery_pct(units, 2026) == 0
    # 12 months after the delivery it no longer counts: 9 November 2026 is the last day it does
    assert is_renewable_or_battery(november, D(2026, 11, 9))
    assert not is_renewable_or_battery(november, D(2026, 11, 10))


def test_a_delivery_below_100_pct_within_the_12_months_spoils_it_across_new_year() -> None:
    blend = unit(800, "diesel", True, (D(2025, 12, 1), 30), (D(2026, 2, 1), 100))
    assert not is_renewable_or_battery(blend, D(2026, 3, 1))
    assert is_renewable_or_battery(blend, D(2026, 12, 31))  # December 2025 is out by then


def test_a_state_on_29_february_reaches_back_to_28_february() -> None:
    leap = unit(100, "diesel", True, (D(2023, 2, 28), 100))
    assert not is_renewable_or_battery(leap, D(2024, 2, 29))
    assert is_renewable_or_battery(unit(100, "diesel", True, (D(2023, 3, 1), 100)), D(2024, 2, 29))
