"""Energy feedback month against the same month last year, and the saving measured since an
energy-efficiency measure (issue 12), worked by hand."""

import datetime

import pytest

from nettonoll.calc.energy_feedback import (
    TOTAL,
    MonthFigure,
    comparable_sum,
    compare,
    feedback_months,
    last_complete_month,
    measured_saving,
    month_add,
)

D = datetime.date


def test_months_are_counted_over_year_ends() -> None:
    assert month_add(D(2026, 1, 15), -1) == D(2025, 12, 1)
    assert month_add(D(2025, 11, 1), 14) == D(2027, 1, 1)


def test_the_last_twelve_complete_months_end_with_the_month_before_today() -> None:
    months = feedback_months(D(2026, 11, 26))
    assert months[0] == D(2025, 11, 1)
    assert months[-1] == D(2026, 10, 1)
    assert len(months) == 12
    assert last_complete_month(D(2026, 1, 1)) == D(2025, 12, 1)


def test_a_month_is_compared_with_the_same_month_last_year_per_carrier_and_in_total() -> None:
    rows = [
        MonthFigure(D(2025, 1, 1), "fjärrvärme", 1100, 1000),
        MonthFigure(D(2025, 1, 1), "el", 500, 500),
        MonthFigure(D(2026, 1, 1), "fjärrvärme", 950, 900),
        MonthFigure(D(2026, 1, 1), "el", 550, 550),
    ]
    found = compare(rows, [D(2026, 1, 1)])
    assert list(found) == [TOTAL, "el", "fjärrvärme"]
    heat = found["fjärrvärme"][0]
    assert heat.change_kwh == -100
    assert heat.change_pct == pytest.approx(-10)
    total = found[TOTAL][0]
    assert (total.normalised_kwh, total.last_year_kwh) == (1450, 1500)
    assert total.change_pct == pytest.approx(-50 / 1500 * 100)


def test_a_month_without_last_years_value_shows_no_change_not_zero() -> None:
    found = compare([MonthFigure(D(2026, 3, 1), "el", 400, 400)], [D(2026, 3, 1)])
    row = found["el"][0]
    assert row.last_year_kwh is None
    assert row.last_year_missing == "no_readings"
    assert row.change_kwh is None
    assert row.change_pct is None


def test_a_month_whose_normalised_value_is_missing_says_why() -> None:
    rows = [
        MonthFigure(D(2025, 2, 1), "fjärrvärme", 800, 700),
        MonthFigure(D(2026, 2, 1), "fjärrvärme", 800, None),
        MonthFigure(D(2026, 2, 1), "el", 300, 300),
    ]
    found = compare(rows, [D(2026, 2, 1), D(2026, 3, 1)])
    february, march = found["fjärrvärme"]
    assert february.normalised_kwh is None
    assert february.missing == "not_normalised"
    assert february.change_kwh is None
    assert march.missing == "no_readings"
    assert found[TOTAL][0].normalised_kwh is None  # a total with a hole is no total
    assert found[TOTAL][0].missing == "not_normalised"


def test_last_year_zero_gives_a_change_in_kwh_but_no_percentage() -> None:
    rows = [
        MonthFigure(D(2025, 7, 1), "fjärrkyla", 0, 0),
        MonthFigure(D(2026, 7, 1), "fjärrkyla", 50, 50),
    ]
    row = compare(rows, [D(2026, 7, 1)])["fjärrkyla"][0]
    assert row.change_kwh == 50
    assert row.change_pct is None


def test_the_years_are_summed_over_the_months_with_a_value_in_both() -> None:
    rows = [
        MonthFigure(D(2025, 1, 1), "el", 10, 10),
        MonthFigure(D(2026, 1, 1), "el", 8, 8),
        MonthFigure(D(2026, 2, 1), "el", 9, 9),  # no February last year: left out
        MonthFigure(D(2025, 3, 1), "el", 7, 7),
        MonthFigure(D(2026, 3, 1), "el", 7, None),  # not normalised: left out
    ]
    months = [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    assert comparable_sum(compare(rows, months)["el"]) == (8, 10, 1)
    assert comparable_sum(compare(rows, months[1:])["el"]) == (None, None, 0)


def _flat(value: float, first: datetime.date, months: int) -> dict[datetime.date, float | None]:
    return {month_add(first, n): value for n in range(months)}


def test_the_saving_is_twelve_months_before_minus_the_latest_twelve_after() -> None:
    # implemented 15 March 2025: before = March 2024–February 2025 at 1 000 kWh a month, after =
    # the latest 12 complete months (November 2025–October 2026) at 900: 12 000 − 10 800
    monthly = _flat(1000, D(2024, 3, 1), 12) | _flat(900, D(2025, 3, 1), 20)
    result = measured_saving(monthly, D(2025, 3, 15), D(2026, 10, 1), expected_kwh_per_year=2400)
    assert result.before_kwh == 12000
    assert result.after_kwh == 10800
    assert result.saving_kwh == 1200
    assert result.share_of_expected_pct == pytest.approx(50)


def test_the_month_of_implementation_is_in_neither_period() -> None:
    monthly = (
        _flat(1000, D(2024, 3, 1), 12) | {D(2025, 3, 1): 99999.0} | _flat(900, D(2025, 4, 1), 12)
    )
    result = measured_saving(monthly, D(2025, 3, 31), D(2026, 3, 1))
    assert result.saving_kwh == 1200


def test_it_is_too_early_to_measure_until_twelve_months_have_passed() -> None:
    monthly = _flat(1000, D(2024, 3, 1), 24)
    result = measured_saving(monthly, D(2025, 3, 1), D(2026, 1, 1))
    assert result.saving_kwh is None
    assert result.months_left == 2
    assert measured_saving(monthly, D(2025, 3, 1), D(2026, 2, 1)).months_left == 1
    assert measured_saving(monthly, D(2025, 3, 1), D(2026, 3, 1)).months_left == 0


def test_a_missing_month_leaves_the_saving_unmeasured_and_names_the_month() -> None:
    monthly = _flat(1000, D(2024, 3, 1), 25)
    monthly[D(2024, 6, 1)] = None
    del monthly[D(2026, 2, 1)]
    result = measured_saving(monthly, D(2025, 3, 1), D(2026, 3, 1))
    assert result.saving_kwh is None
    assert result.missing_months == (D(2024, 6, 1), D(2026, 2, 1))


def test_a_use_that_rose_gives_a_negative_saving() -> None:
    monthly = _flat(1000, D(2024, 1, 1), 12) | _flat(1100, D(2025, 2, 1), 12)
    result = measured_saving(monthly, D(2025, 1, 10), D(2026, 1, 1), expected_kwh_per_year=1000)
    assert result.saving_kwh == -1200
    assert result.share_of_expected_pct == pytest.approx(-120)


def test_no_expected_saving_gives_no_share() -> None:
    monthly = _flat(1000, D(2024, 1, 1), 25)
    assert measured_saving(monthly, D(2025, 1, 1), D(2026, 1, 1), 0).share_of_expected_pct is None
