"""Panels on an activity's page from apps above plans (which cannot be imported here), like
`organisations.panels` for a node's page. An app registers a panel once, from its
`AppConfig.ready`:

    activity_panel_register("energy_feedback", "energy_feedback/_activity_panel.html", context)

`context(activity, access)` returns the template's context, or None to show nothing; the
template gets it under `panel`."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nettonoll.organisations.access import Access
from nettonoll.organisations.panels import ShownPanel
from nettonoll.plans.models import Activity


@dataclass(frozen=True)
class ActivityPanel:
    key: str
    template_name: str
    context: Callable[[Activity, Access], dict[str, Any] | None]
    order: int


ACTIVITY_PANELS: dict[str, ActivityPanel] = {}


def activity_panel_register(
    key: str,
    template_name: str,
    context: Callable[[Activity, Access], dict[str, Any] | None],
    order: int = 100,
) -> None:
    """Show `template_name` on every activity's page (registering a key again replaces it)."""
    ACTIVITY_PANELS[key] = ActivityPanel(key, template_name, context, order)


def activity_panels(activity: Activity, access: Access) -> list[ShownPanel]:
    """The panels to show on the activity's page for this user, in order."""
    shown = []
    for panel in sorted(ACTIVITY_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(activity, access)
        if context is not None:
            shown.append(ShownPanel(panel.template_name, context))
    return shown
