"""Units: conversions within a dimension, errors across dimensions (no Django)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nettonoll.calc.units import UnitError, convert, parse_factor_unit

SAME_DIMENSION = [
    ("MWh", "kWh", 1000.0),
    ("GWh", "MWh", 1000.0),
    ("GJ", "kWh", 1000 / 3.6),
    ("m3", "l", 1000.0),
    ("t", "kg", 1000.0),
    ("kSEK", "SEK", 1000.0),
    ("MSEK", "kSEK", 1000.0),
    ("km", "m", 1000.0),
]


@pytest.mark.parametrize(("source", "target", "factor"), SAME_DIMENSION)
def test_conversions_within_a_dimension(source: str, target: str, factor: float) -> None:
    assert convert(1.0, source, target) == pytest.approx(factor)


@pytest.mark.parametrize(
    ("source", "target"), [("km", "pkm"), ("kWh", "l"), ("SEK", "kg"), ("pkm", "km")]
)
def test_different_dimensions_never_convert(source: str, target: str) -> None:
    with pytest.raises(UnitError) as caught:
        convert(1.0, source, target)
    assert caught.value.code == "unit_mismatch"


def test_unknown_units_are_named() -> None:
    with pytest.raises(UnitError) as caught:
        convert(1.0, "bananer", "kg")
    assert caught.value.params == {"unit": "bananer"}


def test_factor_units_are_mass_of_co2e_per_activity_unit() -> None:
    unit = parse_factor_unit("kg CO2e/kWh")
    assert (unit.denominator, unit.tonnes_per_mass_unit) == ("kWh", 0.001)
    assert parse_factor_unit("g CO2e/pkm").tonnes_per_mass_unit == pytest.approx(1e-6)
    with pytest.raises(UnitError):
        parse_factor_unit("kWh")


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.sampled_from(SAME_DIMENSION))
def test_converting_there_and_back_is_the_identity(
    value: float, pair: tuple[str, str, float]
) -> None:
    source, target, _factor = pair
    assert convert(convert(value, source, target), target, source) == pytest.approx(
        value, rel=1e-9, abs=1e-9
    )
