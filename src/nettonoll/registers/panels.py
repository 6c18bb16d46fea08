"""The registers' panel on a node's page: what the node's subtree has in service today, with
links to each register filtered to the node."""

from typing import Any

from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node
from nettonoll.registers import selectors
from nettonoll.registers.declarations import REGISTERS


def node_panel_context(node: Node, access: Access) -> dict[str, Any] | None:
    if not access.can_view(node):
        return None
    return {
        "figures": selectors.node_figures(node),
        "slugs": {key.replace("-", "_"): r.slug for key, r in REGISTERS.items()},
    }
