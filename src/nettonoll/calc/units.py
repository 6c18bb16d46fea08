"""Units of activity data and emission factors (pint), docs/methods/klimatbokslut.md.

Knows CO2e masses (g, kg, t), energy (kWh, MWh, GWh, MJ, GJ), volume (l, m3, Nm3), mass (g, kg, t),
distance (km), passenger-km (pkm: its own dimension, never convertible to km), and money (SEK,
kSEK, MSEK). A conversion between different dimensions is an error, never a guess.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import pint

REGISTRY: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=False)
REGISTRY.define("passenger_kilometre = [passenger_distance] = pkm = personkm")
REGISTRY.define("SEK = [currency] = kr = kronor")
REGISTRY.define("kSEK = 1000 * SEK = tkr")
REGISTRY.define("MSEK = 1000000 * SEK = mnkr")
REGISTRY.define("m3 = meter ** 3")
REGISTRY.define("Nm3 = meter ** 3")  # normal cubic metre of gas: a volume
REGISTRY.define("vkm = kilometer")  # vehicle-km: a distance

ALIASES = {"liter": "l", "litre": "l", "L": "l", "m³": "m3", "ton": "t", "tonnes": "t"}
FACTOR_UNIT = re.compile(r"^\s*(g|kg|t)\s*CO2e?\s*/\s*(\S.*)$")
MASS_TO_TONNES = {"g": 1e-6, "kg": 1e-3, "t": 1.0}


class UnitError(ValueError):
    """An unknown unit or a conversion between different dimensions."""

    def __init__(self, code: str, **params: str) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


@lru_cache(maxsize=512)
def parse_unit(text: str) -> pint.Unit:
    name = ALIASES.get(text.strip(), text.strip())
    if not name:
        raise UnitError("unit_missing")
    try:
        unit = REGISTRY.Unit(name)
    except (pint.errors.UndefinedUnitError, AttributeError, TypeError, ValueError) as exc:
        raise UnitError("unit_unknown", unit=text) from exc
    return unit


@lru_cache(maxsize=4096)
def conversion_factor(from_unit: str, to_unit: str) -> float:
    """How many `to_unit` one `from_unit` is (MWh → kWh: 1 000)."""
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source.dimensionality != target.dimensionality:
        raise UnitError("unit_mismatch", unit=from_unit, target=to_unit)
    return float(REGISTRY.Quantity(1.0, source).to(target).magnitude)


def convert(quantity: float, from_unit: str, to_unit: str) -> float:
    return quantity * conversion_factor(from_unit, to_unit)


@dataclass(frozen=True)
class FactorUnit:
    """`<g|kg|t> CO2e/<activity unit>`: tonnes of CO2e per one activity unit."""

    mass: str
    denominator: str

    @property
    def tonnes_per_mass_unit(self) -> float:
        return MASS_TO_TONNES[self.mass]


@lru_cache(maxsize=512)
def parse_factor_unit(text: str) -> FactorUnit:
    match = FACTOR_UNIT.match(text)
    if match is None:
        raise UnitError("factor_unit_invalid", unit=text)
    parse_unit(match.group(2))
    return FactorUnit(match.group(1), match.group(2).strip())
