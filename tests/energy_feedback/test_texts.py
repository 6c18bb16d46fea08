"""The energy feedback's figures in Swedish: grouped digits, a real minus sign, a sign on a
change, no "−0"."""

from django.utils import translation

from nettonoll.energy_feedback.texts import change_text, kwh_text, pct_text


def test_figures_are_written_the_swedish_way() -> None:
    with translation.override("sv"):
        assert kwh_text(12345.4) == "12\xa0345\xa0kWh"
        assert kwh_text(-655.0, signed=True) == "−655\xa0kWh"
        assert kwh_text(40, signed=True) == "+40\xa0kWh"
        assert pct_text(-6.666) == "−6,7\xa0%"
        assert kwh_text(None) == "–"


def test_a_change_that_rounds_to_nothing_has_no_sign() -> None:
    with translation.override("sv"):
        assert kwh_text(-0.3, signed=True) == "0\xa0kWh"
        assert pct_text(0.04, signed=True) == "0,0\xa0%"


def test_a_change_without_last_year_is_no_comparison_and_without_a_base_no_percentage() -> None:
    with translation.override("sv"):
        assert change_text(None, None) == "ingen jämförelse"
        assert change_text(50, None) == "+50\xa0kWh"
        assert change_text(-40, -10) == "−40\xa0kWh, −10,0\xa0%"
