"""$filter and $orderby as calc.odata_query parses and evaluates them (no Django)."""

import datetime

import pytest

from nettonoll.calc.odata_query import (
    And,
    Compare,
    Not,
    ODataQueryError,
    Or,
    OrderBy,
    matches,
    parse_filter,
    parse_orderby,
    sort_rows,
)

PROPS = ["year", "scope", "name", "t_co2e", "is_preliminary", "deadline"]


def test_and_binds_tighter_than_or_and_parentheses_regroup() -> None:
    assert parse_filter("year eq 2024 or scope eq 1 and name ne 'x'", PROPS) == Or(
        Compare("year", "eq", 2024),
        And(Compare("scope", "eq", 1), Compare("name", "ne", "x")),
    )
    assert parse_filter("(year eq 2024 or scope eq 1) and not (t_co2e gt 1.5e2)", PROPS) == And(
        Or(Compare("year", "eq", 2024), Compare("scope", "eq", 1)),
        Not(Compare("t_co2e", "gt", 150.0)),
    )


def test_literals_strings_with_quotes_numbers_booleans_null_and_dates() -> None:
    assert parse_filter("name eq 'Kost och ''restaurang'''", PROPS) == Compare(
        "name", "eq", "Kost och 'restaurang'"
    )
    assert parse_filter("t_co2e le -0.5", PROPS) == Compare("t_co2e", "le", -0.5)
    assert parse_filter("is_preliminary eq false", PROPS) == Compare("is_preliminary", "eq", False)
    assert parse_filter("deadline eq null", PROPS) == Compare("deadline", "eq", None)
    assert parse_filter("deadline lt 2030-01-01", PROPS) == Compare(
        "deadline", "lt", datetime.date(2030, 1, 1)
    )
    assert parse_filter("2020 lt year", PROPS) == Compare("year", "gt", 2020)  # flipped
    assert parse_filter("is_preliminary", PROPS) == Compare("is_preliminary", "eq", True)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("colour eq 'red'", "Egenskapen ”colour” finns inte"),
        ("year eq", "slutar mitt i"),
        ("year eq 2024 and", "slutar mitt i"),
        ("(year eq 2024", "parentes"),
        ("year eq 2024)", "oväntat"),
        ("year eq 'a", "går inte att tolka"),
        ("year eq scope", "jämför en egenskap med ett värde"),
        ("", "tomt"),
        ("year eq 2024-13-01", "giltigt datum"),
    ],
)
def test_a_filter_that_cannot_be_understood_is_refused_in_swedish(text: str, says: str) -> None:
    with pytest.raises(ODataQueryError) as error:
        parse_filter(text, PROPS)
    assert says in str(error.value)


def test_orderby_several_with_directions_and_unknown_properties_refused() -> None:
    assert parse_orderby("year desc, name", PROPS) == [OrderBy("year", True), OrderBy("name")]
    with pytest.raises(ODataQueryError, match="colour"):
        parse_orderby("colour", PROPS)
    with pytest.raises(ODataQueryError, match="går inte att tolka"):
        parse_orderby("year sideways", PROPS)


def test_evaluation_follows_odata_null_semantics() -> None:
    row = {"year": 2024, "scope": None, "name": "A"}
    assert matches(row, parse_filter("scope ne 1", PROPS))  # null ne 1: true
    assert not matches(row, parse_filter("scope gt 0", PROPS))  # null compares false
    assert not matches(row, parse_filter("scope lt 9", PROPS))
    assert matches(row, parse_filter("scope eq null and not (year lt 2024)", PROPS))


def test_sorting_puts_null_first_ascending_and_last_descending() -> None:
    rows = [{"year": 2022}, {"year": None}, {"year": 2020}]
    assert [r["year"] for r in sort_rows(rows, [OrderBy("year")])] == [None, 2020, 2022]
    assert [r["year"] for r in sort_rows(rows, [OrderBy("year", True)])] == [2022, 2020, None]
