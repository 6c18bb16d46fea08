"""The energy_feedback app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnergyFeedbackConfig(AppConfig):
    name = "nettonoll.energy_feedback"
    label = "energy_feedback"
    verbose_name = _("Energiåterkoppling")

    def ready(self) -> None:
        pass
