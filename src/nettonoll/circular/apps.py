"""The circular app: reuse, circular product systems and co-loading (decision 0016)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircularConfig(AppConfig):
    name = "nettonoll.circular"
    label = "circular"
    verbose_name = _("Cirkularitet och samlastning")

    def ready(self) -> None:
        from nettonoll.circular import metrics, panels
        from nettonoll.circular.declarations import (
            CIRCULAR_SYSTEMS,
            DELIVERIES,
            DELIVERY_SITES,
            REUSE,
        )
        from nettonoll.organisations.panels import node_panel_register
        from nettonoll.registers.declare import declare, declare_child

        declare(REUSE)
        declare(CIRCULAR_SYSTEMS)
        declare(DELIVERY_SITES)
        declare_child(DELIVERIES)
        metrics.metrics_register()
        node_panel_register("circular", "circular/_node_panel.html", panels.node_panel_context, 70)
