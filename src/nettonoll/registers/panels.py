"""The registers' panel on a node's page: what the node's subtree has in service today, with
links to each register filtered to the node, and the fleet's fossil-free share today (rule
`fossilfri-drift`, `calc.fleet`) with a link to the fleet page."""

import datetime
from typing import Any

from nettonoll.calc import fleet
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node
from nettonoll.registers import selectors
from nettonoll.registers.declarations import REGISTERS
from nettonoll.registers.fleet import vehicle_facts


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
        "slugs": {key.replace("-", "_"): r.slug for key, r in REGISTERS.items()},
    }
