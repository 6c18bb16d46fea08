"""Which backup-power units count as renewable or battery in a year (DOMAIN-NOTES §B4), by hand:
the energy alone (HVO100 approved, biogas, battery), or the engine's HVO100 approval and every
delivery of the year (at least one) 100 % renewable. No Django."""

import datetime

import pytest

from nettonoll.calc.site_metrics import Unit, is_renewable_or_battery, renewable_or_battery_pct

D = datetime.date
START = D(2020, 1, 1)


def unit(kw: int, energy: str, approved: bool = False, *deliveries: tuple[D, int]) -> Unit:
    return Unit(START, None, kw, energy, approved, tuple(deliveries))


def test_the_energy_alone_counts() -> None:
    assert is_renewable_or_battery(unit(100, "batteri"), 2025)
    assert is_renewable_or_battery(unit(100, "biogas"), 2025)
    assert is_renewable_or_battery(unit(100, "hvo100", True), 2025)
    assert not is_renewable_or_battery(unit(100, "hvo100", False), 2025)
    assert not is_renewable_or_battery(unit(100, "fordonsgas"), 2025)


def test_an_approved_diesel_counts_in_a_year_of_only_fully_renewable_deliveries() -> None:
    full = unit(500, "diesel", True, (D(2025, 2, 1), 100), (D(2025, 10, 1), 100))
    assert is_renewable_or_battery(full, 2025)
    assert not is_renewable_or_battery(full, 2024)  # no delivery that year
    mixed = unit(300, "diesel", True, (D(2025, 2, 1), 100), (D(2025, 10, 1), 99))
    assert not is_renewable_or_battery(mixed, 2025)
    unapproved = unit(200, "diesel", False, (D(2025, 2, 1), 100))
    assert not is_renewable_or_battery(unapproved, 2025)
    # 500 (full) + 100 (battery) of 500 + 300 + 200 + 100 kW
    units = [full, mixed, unapproved, unit(100, "batteri")]
    assert renewable_or_battery_pct(units, 2025) == pytest.approx(600 / 1100 * 100)
    assert renewable_or_battery_pct(units, 2024) == pytest.approx(100 / 1100 * 100)
    assert renewable_or_battery_pct([], 2025) is None
