"""The climate-adaptation panel on a node's page: buildings at high climate risk (and how many
of them have a high risk without a measure) and new-build follow-ups overdue, with links."""

import datetime
from typing import Any

from nettonoll.adaptation import selectors
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node


def node_panel_context(node: Node, access: Access) -> dict[str, Any] | None:
    if not access.can_view(node):
        return None
    high = selectors.high_risks(selectors.node_buildings(node))
    projects = selectors.new_builds(node, datetime.date.today())
    return {
        "high": len(high),
        "without_measure": sum(1 for r in high if r.found.without_measure),
        "projects": len(projects),
        "overdue": sum(1 for p in projects if p.overdue),
    }
