"""The energy_feedback app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnergyFeedbackConfig(AppConfig):
    name = "nettonoll.energy_feedback"
    label = "energy_feedback"
    verbose_name = _("Energiåterkoppling")

    def ready(self) -> None:
        from nettonoll.common.records import history_register
        from nettonoll.energy_feedback import panels, tasks  # noqa: F401  (job kinds)
        from nettonoll.energy_feedback.models import EnergyMeasure
        from nettonoll.organisations.panels import node_panel_register
        from nettonoll.plans.panels import activity_panel_register

        history_register(
            "energiatgard", EnergyMeasure, _("energiåtgärd"), lambda m: m.building.node
        )
        node_panel_register(
            "energy_feedback", "energy_feedback/_node_panel.html", panels.node_panel_context, 60
        )
        activity_panel_register(
            "energy_feedback", "energy_feedback/_activity_panel.html", panels.activity_panel_context
        )
