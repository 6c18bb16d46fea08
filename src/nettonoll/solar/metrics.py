"""Solar power as metric sources (contract keys): `solar.kwp` (installed on 31 December),
`solar.produced_kwh` (the year's months summed), `solar.self_consumption_pct` and
`solar.self_sufficiency_pct` (no production that year: no value, not 0 %). For a node's subtree,
each building weighted by the share of it that counts for the node."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from nettonoll.calc.solar import YearSolar
from nettonoll.common.metrics import Metric
from nettonoll.registers.metric_years import register_metric_by_year
from nettonoll.solar.selectors import node_solar


def _values(read: Callable[[YearSolar], float | None]) -> Callable[[Any], dict[int, float]]:
    def values(node: Any) -> dict[int, float]:
        return {
            figures.year: value
            for figures in node_solar(node).years
            if (value := read(figures)) is not None
        }

    return values


def _produced(figures: YearSolar) -> float | None:
    """The year's production; 0 without panels, nothing (not 0) when panels were in service
    but no production was reported."""
    if figures.produced_kwh > 0 or figures.kwp == 0:
        return figures.produced_kwh
    return None


def register() -> None:
    for key, label, unit, read, source in (
        (
            "solar.kwp",
            _("Installerad solcellseffekt"),
            "kWp",
            lambda f: f.kwp,
            _(
                "Solcellsregistret: installerad effekt i drift den 31 december på byggnaderna "
                "som hör till enheten med underenheter (delade byggnader med enhetens ytandel)."
            ),
        ),
        (
            "solar.produced_kwh",
            _("Producerad solel"),
            "kWh",
            _produced,
            _(
                "Solcellsregistret: producerad el summerad över årets månader; inget värde när "
                "anläggningar fanns men ingen produktion rapporterades."
            ),
        ),
        (
            "solar.self_consumption_pct",
            _("Egenanvändning av solel"),
            "%",
            lambda f: f.self_consumption_pct,
            _("(producerad − såld) ÷ producerad solel under året; utan produktion inget värde."),
        ),
        (
            "solar.self_sufficiency_pct",
            _("Självförsörjning med solel"),
            "%",
            lambda f: f.self_sufficiency_pct,
            _(
                "Egenanvänd solel ÷ (köpt el + egenanvänd solel) för alla byggnader som hör till "
                "enheten med underenheter, också de utan solceller; utan produktion inget värde."
            ),
        ),
    ):
        register_metric_by_year(Metric(key, label, unit, _values(read), source))
