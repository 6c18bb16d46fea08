"""The circular panel on a node's page: the latest complete year's reuse (items, avoided
emissions beside the klimatbokslut) and co-loading share of the node's subtree, with links to
the pages. Shown only when the subtree has reuse or deliveries."""

from typing import Any

from nettonoll.calc.reuse import factor_table
from nettonoll.circular import selectors
from nettonoll.circular.views import number_text
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node
from nettonoll.registers import metric_years
from nettonoll.registers.fleet_views import pct_text


def node_panel_context(node: Node, access: Access) -> dict[str, Any] | None:
    if not access.can_view(node):
        return None
    reuse = selectors.reuse_by_year(node)
    deliveries = selectors.deliveries_by_year(node)
    if not reuse and not deliveries:
        return None
    current = metric_years.this_year()
    year = max((y for y in [*reuse, *deliveries] if y < current), default=current - 1)
    found = reuse.get(year)
    share = deliveries[year].share_pct if year in deliveries else None
    return {
        "year": year,
        "items": number_text(found.items) if found else "–",
        "t_co2e": number_text(found.avoided_t_co2e, 1) if found else "–",
        "version": factor_table().version,
        "coloading": pct_text(float(share) if share is not None else None),
    }
