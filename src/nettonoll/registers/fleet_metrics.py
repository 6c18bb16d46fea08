"""The vehicle register as a metric source: the fleet on 31 December of each year for a node's
subtree (`fleet.vehicles` in st, shares in %). A year with no vehicles has no share: it is left
out of the share metrics rather than given as 0. The count is 0, not missing, in every year from
the organisation's first vehicle on (a subtree without vehicles has 0 in traffic)."""

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import Min
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nettonoll.calc import fleet
from nettonoll.common.metrics import Metric
from nettonoll.registers.fleet import fleet_figures, vehicle_facts
from nettonoll.registers.metric_years import register_metric_by_year
from nettonoll.registers.models import Vehicle


def _values(read: Callable[[fleet.FleetShares], float | None]) -> Callable[[Any], dict[int, float]]:
    def values(node: Any) -> dict[int, float]:
        return {
            figures.year: value
            for figures in fleet_figures(node)
            if (value := read(figures)) is not None
        }

    return values


def vehicles_in_traffic(node: Any) -> dict[int, float]:
    """Vehicles in service on 31 December, from the organisation's first vehicle's year on."""
    first = Vehicle.objects.filter(organisation_id=node.organisation_id).aggregate(
        first=Min("valid_from")
    )["first"]
    if first is None:
        return {}
    last_year = max(datetime.date.today().year, first.year)
    return {
        figures.year: float(figures.vehicles)
        for figures in fleet.shares_by_year(vehicle_facts(node), last_year, first.year)
    }


def _source_text(code: str) -> str:
    """A sentence naming the rule and version (translated when shown)."""
    rules = fleet.rule_set(code, fleet.year_end(fleet.TARGET_YEAR))
    return gettext(
        "Fordonsregistret: fordon i trafik den 31 december för enheten med underenheter, "
        "klassade enligt regeln %(rule)s version %(version)s (%(publisher)s)."
    ) % {"rule": rules.code, "version": rules.version, "publisher": rules.publisher}


_source = lazy(_source_text, str)


def register() -> None:
    register_metric_by_year(
        Metric(
            "fleet.vehicles",
            _("Fordon i trafik"),
            "st",
            vehicles_in_traffic,
            _(
                "Fordonsregistret: antal fordon i trafik den 31 december för enheten med "
                "underenheter."
            ),
        )
    )
    for key, label, read, code in (
        (
            "fleet.fossil_free_capable_pct",
            _("Andel fordon som kan köras fossilfritt"),
            lambda f: f.fossil_free_capable_pct,
            fleet.FOSSIL_FREE,
        ),
        (
            "fleet.fossil_free_capable_mfd_pct",
            _("Andel fossiloberoende fordon (Miljöfordonsdiagnos)"),
            lambda f: f.fossil_free_capable_mfd_pct,
            fleet.MILJOFORDONSDIAGNOS,
        ),
        (
            "fleet.electric_pct",
            _("Andel elbilar"),
            lambda f: f.electric_pct,
            fleet.ELECTRIC,
        ),
    ):
        register_metric_by_year(Metric(key, label, "%", _values(read), _source(code)))
    register_metric_by_year(
        Metric(
            "fleet.plug_in_hybrid_pct",
            _("Andel laddhybrider"),
            "%",
            _values(lambda f: f.plug_in_hybrid_pct),
            _(
                "Fordonsregistret: laddhybrider bland fordonen i trafik den 31 december för "
                "enheten med underenheter (redovisas för sig, utanför regeln elbil)."
            ),
        )
    )
