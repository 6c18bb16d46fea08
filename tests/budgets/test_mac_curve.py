"""The marginal abatement cost curve: bars side by side, as wide as the effect, as high as the
cost per tonne, cheapest first."""

import pytest

from nettonoll.budgets.charts import mac_curve


def test_bars_are_as_wide_as_their_effect_and_as_high_as_their_cost() -> None:
    chart = mac_curve([("A", 1_000, 100.0), ("B", 3_000, 400.0)], width=440, height=228)
    a, b = chart["bars"]  # type: ignore[misc]
    plot_width = 440 - chart["left"] - (440 - chart["right"])  # type: ignore[operator]
    assert a["x"] == chart["left"] and b["x"] == pytest.approx(a["x"] + a["width"], abs=0.2)
    assert b["width"] == pytest.approx(3 * a["width"], abs=0.3)
    assert a["width"] + b["width"] == pytest.approx(plot_width, abs=0.3)
    assert b["height"] == pytest.approx(4 * a["height"], abs=0.3)
    assert b["y"] + b["height"] == pytest.approx(chart["base"], abs=0.2)


def test_an_empty_plan_draws_no_bars() -> None:
    assert mac_curve([])["bars"] == []
