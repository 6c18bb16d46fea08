"""The public pages' trend symbol: the latest value against the previous one, judged by the
indicator's direction; under 1 % either way is unchanged."""

import pytest

from nettonoll.calc.indicator_trend import (
    IMPROVING,
    UNCHANGED,
    WORSENING,
    indicator_trend,
    trend_shares,
)


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        ([(2022, 100.0), (2023, 90.0)], "decrease", IMPROVING),
        ([(2022, 100.0), (2023, 90.0)], "increase", WORSENING),
        ([(2022, 100.0), (2023, 110.0)], "increase", IMPROVING),
        ([(2022, 100.0), (2023, 110.0)], "decrease", WORSENING),
        ([(2022, 100.0), (2023, 100.9)], "increase", UNCHANGED),
        ([(2022, 100.0), (2023, 99.1)], "decrease", UNCHANGED),
        ([(2022, 0.0), (2023, 0.0)], "decrease", UNCHANGED),
        ([(2022, 0.0), (2023, 5.0)], "increase", IMPROVING),
        ([(2023, 90.0), (2021, 50.0), (2022, 100.0)], "decrease", IMPROVING),  # by year
        ([(2023, 90.0)], "decrease", None),
        ([], "increase", None),
    ],
)
def test_trend_of_the_latest_value_against_the_previous(
    values: list[tuple[int, float]], direction: str, expected: str | None
) -> None:
    assert indicator_trend(values, direction) == expected


def test_shares_count_only_judged_indicators() -> None:
    shares = trend_shares([IMPROVING, IMPROVING, WORSENING, UNCHANGED, None])
    assert shares == {IMPROVING: 50.0, UNCHANGED: 25.0, WORSENING: 25.0}
    assert trend_shares([None]) == {IMPROVING: 0.0, UNCHANGED: 0.0, WORSENING: 0.0}
