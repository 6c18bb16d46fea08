"""The registers' panel on a node's page: what the node's subtree has in service today, with
links to each register filtered to the node, and the fleet's fossil-free share today (rule
`fossilfri-drift`, `calc.fleet`) with a link to the fleet page."""

import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from nettonoll.calc import fleet
from nettonoll.common.metrics import metric_get
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node
from nettonoll.registers import metric_years, selectors
from nettonoll.registers.declarations import REGISTERS
from nettonoll.registers.fleet import vehicle_facts

# the panel's second row: a complete year's figures from the registers' metric sources (the
# same values `nettonoll metrics` and indicators read), in words, with their units
YEAR_FIGURES = (
    ("charging.points_per_plug_in_vehicle", _("Laddpunkter per laddbart fordon"), "", 2),
    ("charging.parking_share_pct", _("Parkeringsplatser med laddning"), " %", 0),
    (
        "backup_power.renewable_or_battery_pct",
        _("Reservkraft på förnybart bränsle eller batteri"),
        " %",
        0,
    ),
    ("backup_power.flexibility_kw", _("Reservkraft i flexibilitetsmarknad"), " kW", 0),
    ("backup_power.flexibility_revenue_sek", _("Intäkt från flexibilitetsmarknad"), " kr", 0),
)


def year_figures(node: Node) -> dict[str, Any]:
    """The latest complete year any of the figures has (last year when none has one), and each
    figure's value that year in Swedish words ("–": nothing that year)."""
    found = {}
    for key, label, unit, decimals in YEAR_FIGURES:
        metric = metric_get(key)
        found[key] = (label, unit, decimals, metric.values(node) if metric else {})
    current = metric_years.this_year()
    years = [y for *_rest, values in found.values() for y in values if y < current]
    year = max(years, default=current - 1)
    figures = []
    for label, unit, decimals, values in found.values():
        value = values.get(year)
        text = (
            "–"
            if value is None
            else formats.number_format(
                round(value, decimals), decimals, use_l10n=True, force_grouping=True
            )
            + unit
        )
        figures.append((label, text))
    return {"year": year, "figures": figures}


def fossil_free_today(node: Node, today: datetime.date | None = None) -> dict[str, Any]:
    """The subtree's vehicles in service today and the share of them that can run fossil-free
    under the rule in force today (None without vehicles: nothing to divide by)."""
    on = today or datetime.date.today()
    running = fleet.fleet_on(vehicle_facts(node), on)
    rules = fleet.rule_set(fleet.FOSSIL_FREE, on)
    counted = sum(rules.counts(v) for v in running)
    return {
        "pct": fleet.share_pct(counted, len(running)),
        "rule": rules.name,
    }


def node_panel_context(node: Node, access: Access) -> dict[str, Any] | None:
    if not access.can_view(node):
        return None
    return {
        "figures": selectors.node_figures(node),
        "fossil_free": fossil_free_today(node),
        "year": year_figures(node),
        "slugs": {key.replace("-", "_"): r.slug for key, r in REGISTERS.items()},
    }
