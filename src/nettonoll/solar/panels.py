"""The solar panel on a node's page: installed kWp today and the latest complete year's
production and rates for the subtree, with a link to the solar page."""

import datetime
from typing import Any

from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node
from nettonoll.solar.selectors import kwp_today, node_solar
from nettonoll.solar.views import number_text, pct_text


def node_panel_context(node: Node, access: Access) -> dict[str, Any] | None:
    if not access.can_view(node):
        return None
    today = datetime.date.today()
    years = [y for y in node_solar(node, today).years if y.year < today.year]
    latest = years[-1] if years else None
    return {
        "kwp": number_text(kwp_today(node, today), 1, "kWp"),
        "year": latest.year if latest else None,
        "produced": number_text(latest.produced_kwh, 0, "kWh") if latest else "–",
        "self_consumption": pct_text(latest.self_consumption_pct if latest else None),
        "self_sufficiency": pct_text(latest.self_sufficiency_pct if latest else None),
    }
