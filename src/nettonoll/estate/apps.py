"""The estate app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EstateConfig(AppConfig):
    name = "nettonoll.estate"
    label = "estate"
    verbose_name = _("Fastigheter och energi")

    def ready(self) -> None:
        from nettonoll.estate.declarations import BUILDINGS, ENERGY_READINGS
        from nettonoll.registers.declare import declare, declare_child

        declare(BUILDINGS)
        declare_child(ENERGY_READINGS)

        from nettonoll.estate.metrics import energy_metrics_register

        energy_metrics_register()

        from nettonoll.estate.panels import energy_panel_context
        from nettonoll.organisations.panels import node_panel_register

        node_panel_register("estate", "estate/_node_panel.html", energy_panel_context, order=55)
