"""The adaptation app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdaptationConfig(AppConfig):
    name = "nettonoll.adaptation"
    label = "adaptation"
    verbose_name = _("Klimatanpassning och nybyggnad")

    def ready(self) -> None:
        from nettonoll.adaptation import panels
        from nettonoll.adaptation.declarations import CLIMATE_RISKS, NEW_BUILDS
        from nettonoll.adaptation.models import ClimateRisk
        from nettonoll.common.records import history_register
        from nettonoll.organisations.panels import node_panel_register
        from nettonoll.registers.declare import declare, declare_child

        declare(NEW_BUILDS)
        declare_child(CLIMATE_RISKS)
        node_panel_register(
            "adaptation", "adaptation/_node_panel.html", panels.node_panel_context, 61
        )
        # a building's climate risks: readable by those who see the building
        history_register("klimatrisk", ClimateRisk, _("klimatrisk"), lambda r: r.building.node)
