"""The energy panel on a node's page: the subtree's latest complete year (kWh and normalised
kWh per m² Atemp, primary energy number) with a link to the energy overview."""

from typing import Any

from nettonoll.estate.energy import building_weights, weighted_years
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node


def energy_panel_context(node: Node, access: Access) -> dict[str, Any] | None:
    if not access.can_view(node):
        return None
    weights = building_weights(node)
    if not weights:
        return None
    complete = [y for y in weighted_years(weights) if not y.preliminary]
    return {"year": complete[-1] if complete else None, "buildings": len(weights)}
