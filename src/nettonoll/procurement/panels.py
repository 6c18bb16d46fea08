"""The procurement panel on a node's page: the last complete year's shares of procurements with
sustainability requirements (by count and by value), the follow-up, and the follow-ups overdue
today, with a link to the overview. Shown when the subtree has procurements."""

import datetime
from typing import Any

from nettonoll.calc import procurement as calc
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node
from nettonoll.procurement.selectors import procurement_facts


def node_panel_context(node: Node, access: Access) -> dict[str, Any] | None:
    if not access.can_view(node):
        return None
    facts = procurement_facts(node)
    if not facts:
        return None
    today = datetime.date.today()
    year = today.year - 1
    figures = calc.year_figures(facts, year)
    return {
        "year": year,
        "figures": figures,
        "overdue": len(calc.overdue(facts, today)),
    }
