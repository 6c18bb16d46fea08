"""The procurement app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "nettonoll.procurement"
    label = "procurement"
    verbose_name = _("Upphandling")

    def ready(self) -> None:
        from nettonoll.common.records import history_register
        from nettonoll.organisations.panels import node_panel_register
        from nettonoll.procurement import metrics, panels
        from nettonoll.procurement.declarations import PROCUREMENTS, REQUIREMENTS
        from nettonoll.procurement.models import Requirement
        from nettonoll.registers.declare import declare, declare_child

        declare(PROCUREMENTS)
        declare_child(REQUIREMENTS)
        history_register(
            "upphandlingskrav",
            Requirement,
            _("upphandlingskrav"),
            lambda r: r.procurement.node,
            lambda r: f"{r.procurement.procurement_code} {r.requirement_code}",
        )
        metrics.register()
        node_panel_register(
            "procurement", "procurement/_node_panel.html", panels.node_panel_context, 60
        )
