"""Preliminary years: which years of a klimatbokslut are complete (closed, or every category of
the year before covers all twelve months), and the months each aggregate covers."""

import polars as pl

from nettonoll.calc.completeness import (
    ALL_MONTHS,
    covered,
    last_month,
    month_mask,
    preliminary_years,
    split_years,
    year_states,
)
from nettonoll.calc.inventory import aggregate, parse_activities, read_activity_table

Q1 = month_mask(1) | month_mask(2) | month_mask(3)


def test_a_whole_year_row_covers_all_twelve_months() -> None:
    assert covered(month_mask(None)) == ALL_MONTHS
    assert month_mask(0) == ALL_MONTHS
    assert month_mask(3) == 0b100
    assert last_month(Q1) == 3
    assert last_month(0) is None


def test_quarterly_rows_cover_the_year_through_their_last_month() -> None:
    quarters = month_mask(3) | month_mask(6) | month_mask(9) | month_mask(12)
    assert covered(quarters) == ALL_MONTHS
    assert covered(month_mask(3)) == Q1
    states = year_states({2024: {"a": quarters}, 2025: {"a": month_mask(3) | month_mask(6)}})
    assert states[2024].complete
    assert states[2025].preliminary and states[2025].last_month == 6


def test_a_year_whose_categories_of_the_year_before_cover_all_months_is_complete() -> None:
    states = year_states(
        {2024: {"fuel.diesel": ALL_MONTHS, "food.beef": ALL_MONTHS}, 2025: {"fuel.diesel": Q1}}
    )
    assert states[2024].complete
    assert states[2025].preliminary
    assert states[2025].last_month == 3
    assert states[2025].incomplete == ("food.beef", "fuel.diesel")
    assert preliminary_years(states) == [2025]


def test_a_category_missing_in_the_year_makes_it_preliminary() -> None:
    states = year_states(
        {2024: {"a": ALL_MONTHS, "b": ALL_MONTHS}, 2025: {"a": ALL_MONTHS}}, closed=[]
    )
    assert states[2025].preliminary
    assert states[2025].incomplete == ("b",)


def test_a_new_category_does_not_hold_back_a_year_whose_old_ones_are_whole() -> None:
    states = year_states({2024: {"a": ALL_MONTHS}, 2025: {"a": ALL_MONTHS, "new": Q1}})
    assert states[2025].complete


def test_the_first_year_needs_its_own_categories_whole() -> None:
    assert year_states({2025: {"a": Q1}})[2025].preliminary
    assert year_states({2019: {"a": ALL_MONTHS}})[2019].complete
    # after a gap the year before has no data: the year's own categories decide
    assert year_states({2011: {"a": ALL_MONTHS}, 2019: {"b": Q1}})[2019].preliminary


def test_a_closed_year_is_complete_whatever_its_months() -> None:
    states = year_states({2024: {"a": ALL_MONTHS}, 2025: {"a": Q1}}, closed=[2025])
    assert states[2025].complete and states[2025].closed
    assert preliminary_years(states) == []


def test_split_years_keeps_preliminary_values_apart() -> None:
    complete, preliminary = split_years({2023: 10.0, 2024: 9.0, 2025: 1.0}, [2025])
    assert complete == {2023: 10.0, 2024: 9.0}
    assert preliminary == {2025: 1.0}


def test_aggregates_carry_the_months_their_periods_cover() -> None:
    text = (
        "org_unit,category,period,quantity,unit\n"
        "A,fuel.diesel,2024,100,l\n"
        "A,fuel.diesel,2025-01,10,l\n"
        "A,fuel.diesel,2025-03-15,10,l\n"
        "A,fuel.diesel,2025-02-01 00:00:00,10,l\n"
    )
    frame, comma = read_activity_table(text.encode())
    rows, problems = parse_activities(frame, decimal_comma=comma)
    assert problems == []
    months = dict(aggregate(rows).select("year", "months").iter_rows())
    assert months == {2024: ALL_MONTHS, 2025: Q1}


def test_months_are_the_same_for_a_typed_semicolon_file() -> None:
    text = "org_unit;category;period;quantity;unit\nA;fuel.diesel;2025-12;1,5;l\n"
    frame, comma = read_activity_table(text.encode(), typed=True)
    rows, _problems = parse_activities(frame, decimal_comma=comma)
    assert rows.get_column("months").to_list() == [1 << 11]
    assert rows.schema["months"] == pl.Int32
