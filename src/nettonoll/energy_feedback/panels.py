"""The energy feedback's panel on a node's page: the latest complete month's normalised energy
against the same month last year, and the last 12 months against the 12 before, with links to
the feedback page and the node's energy-efficiency measures. Shown to anyone who may see the
node, when the node has a share in a building."""

from typing import Any

from nettonoll.energy_feedback import selectors
from nettonoll.energy_feedback.models import EnergyMeasure
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node
from nettonoll.plans.models import Activity


def node_panel_context(node: Node, access: Access) -> dict[str, Any] | None:
    if not access.can_view(node):
        return None
    feedback = selectors.node_feedback(node)
    if not feedback.has_buildings:
        return None
    latest = feedback.latest()
    shown = feedback.latest_with_value()
    return {
        "feedback": feedback,
        "shown": shown,
        "latest": latest,
        "latest_missing": feedback.reason(latest)
        if latest is not None and latest.normalised_kwh is None
        else "",
        "measures": selectors.measures_of(node).count(),
    }


def activity_panel_context(activity: Activity, access: Access) -> dict[str, Any] | None:
    """The measures that carry out the activity, in buildings the user may see (nothing when
    there are none)."""
    found = [
        selectors.follow_up(m)
        for m in EnergyMeasure.objects.filter(activity=activity).select_related("building__node")
        if access.can_view(m.building.node)
    ]
    return {"follow_ups": found} if found else None
