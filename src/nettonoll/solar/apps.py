"""The solar app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolarConfig(AppConfig):
    name = "nettonoll.solar"
    label = "solar"
    verbose_name = _("Solel")

    def ready(self) -> None:
        from nettonoll.common.records import history_register
        from nettonoll.organisations.panels import node_panel_register
        from nettonoll.registers.declare import declare, declare_child
        from nettonoll.solar import metrics, panels, sync
        from nettonoll.solar.declarations import PRODUCTION, SOLAR
        from nettonoll.solar.models import SolarTarget

        declare(SOLAR)
        declare_child(PRODUCTION)
        sync.register()  # after declare: replaces the register's own carrier
        metrics.register()
        node_panel_register("solar", "solar/_node_panel.html", panels.node_panel_context, 60)
        history_register(
            "solel-mal", SolarTarget, _("mål för solel"), lambda t: root_node(t.organisation)
        )


def root_node(organisation: object) -> object:
    from nettonoll.organisations.models import Node

    return Node.objects.get_root_nodes().filter(organisation=organisation).first()
