"""Metric sources of buildings and energy (`nettonoll metrics`, indicators): node → {year: value}
for the node's subtree, its buildings weighted by the units' area shares
(`estate.energy.building_weights`). A year's kWh is the sum of its months; kWh per m² divides by
the Atemp of the buildings in care on 31 December. A year whose figure cannot be computed (no
Atemp, degree days lacking) is left out, so that it reads as "–", never as 0."""

from collections.abc import Callable

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from nettonoll.calc.energy_years import YearEnergy
from nettonoll.common.metrics import Metric
from nettonoll.estate.energy import node_years
from nettonoll.estate.models import Carrier
from nettonoll.organisations.models import Node
from nettonoll.registers.metric_years import register_metric_by_year

SOURCE = _(
    "Byggnadsregistrets energiavläsningar: årets månader summerade, enheten med underenheter "
    "viktad med enheternas ytandelar; normalårskorrigering med SMHI:s graddagar."
)
AREA_SOURCE = _(
    "Byggnadsregistrets energiavläsningar delade med Atemp för byggnaderna i förvaltning den "
    "31 december som har avläsningar det året, viktad med enheternas ytandelar."
)
PRIMARY_SOURCE = _(
    "Normalårskorrigerad energi per energibärare gånger Boverkets viktningsfaktorer "
    "(BBR 29, BFS 2020:4), delad med Atemp den 31 december (utan geografisk justering)."
)

# ASCII keys of the carriers (metric keys are written in scripts)
CARRIER_KEYS = {
    "el": "el",
    "fjärrvärme": "fjarrvarme",
    "fjärrkyla": "fjarrkyla",
    "biobränsle": "biobransle",
    "olja": "olja",
    "gas": "gas",
}


def _by_year(figure: Callable[[YearEnergy], float | None]) -> Callable[[Node], dict[int, float]]:
    def values(node: Node) -> dict[int, float]:
        found = {}
        for year in node_years(node):
            value = figure(year)
            if value is not None:
                found[year.year] = float(value)
        return found

    return values


def _carrier_kwh(carrier: str) -> Callable[[YearEnergy], float | None]:
    def figure(year: YearEnergy) -> float | None:
        found = year.carriers.get(carrier)
        return found[0] if found else None

    return figure


def energy_metrics_register() -> None:
    for metric in (
        Metric("energy.kwh", _("Energianvändning"), "kWh", _by_year(lambda y: y.kwh), SOURCE),
        Metric(
            "energy.normalised_kwh",
            _("Energianvändning, normalårskorrigerad"),
            "kWh",
            _by_year(lambda y: y.normalised_kwh),
            SOURCE,
        ),
        Metric(
            "energy.kwh_per_m2",
            _("Energianvändning per m² Atemp"),
            "kWh/m²",
            _by_year(lambda y: y.kwh_per_m2),
            AREA_SOURCE,
        ),
        Metric(
            "energy.normalised_kwh_per_m2",
            _("Energianvändning per m² Atemp, normalårskorrigerad"),
            "kWh/m²",
            _by_year(lambda y: y.normalised_kwh_per_m2),
            AREA_SOURCE,
        ),
        Metric(
            "energy.primary_energy_number",
            _("Primärenergital (viktat)"),
            "kWh/m²",
            _by_year(lambda y: y.primary_energy_number),
            PRIMARY_SOURCE,
        ),
    ):
        register_metric_by_year(metric)
    for carrier, label in Carrier.choices:
        register_metric_by_year(
            Metric(
                f"energy.kwh.{CARRIER_KEYS[carrier]}",
                format_lazy(_("Energianvändning, {carrier}"), carrier=label),
                "kWh",
                _by_year(_carrier_kwh(carrier)),
                SOURCE,
            )
        )
