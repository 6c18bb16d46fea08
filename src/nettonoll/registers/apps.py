"""The registers app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "nettonoll.registers"
    label = "registers"
    verbose_name = _("Register")

    def ready(self) -> None:
        from nettonoll.organisations.panels import node_panel_register
        from nettonoll.registers import (
            declarations,
            energy_metrics,
            fleet_metrics,
            panels,
            reorganise,
        )

        declarations.register_all()
        fleet_metrics.register()
        energy_metrics.register()
        reorganise.register()
        node_panel_register(
            "registers", "registers/_node_panel.html", panels.node_panel_context, 50
        )
