"""Panels on a node's page from apps above organisations (which cannot be imported here).

An app registers a panel once, from its `AppConfig.ready`:

    node_panel_register("registers", "registers/_node_panel.html", context, order=50)

`context(node, access)` returns the template's context for that node, or None to show nothing
(for instance when the user may not see it). `node_detail` renders the panels in `order`; each
template gets `node`, `organisation` and its own context under `panel`."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node


@dataclass(frozen=True)
class NodePanel:
    key: str
    template_name: str
    context: Callable[[Node, Access], dict[str, Any] | None]
    order: int


@dataclass(frozen=True)
class ShownPanel:
    template_name: str
    context: dict[str, Any]


NODE_PANELS: dict[str, NodePanel] = {}


def node_panel_register(
    key: str,
    template_name: str,
    context: Callable[[Node, Access], dict[str, Any] | None],
    order: int = 100,
) -> None:
    """Show `template_name` on every node's page (registering a key again replaces it)."""
    NODE_PANELS[key] = NodePanel(key, template_name, context, order)


def node_panels(node: Node, access: Access) -> list[ShownPanel]:
    """The panels to show on the node's page for this user, in order."""
    shown = []
    for panel in sorted(NODE_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(node, access)
        if context is not None:
            shown.append(ShownPanel(panel.template_name, context))
    return shown
