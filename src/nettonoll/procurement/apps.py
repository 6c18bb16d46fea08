"""The procurement app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "nettonoll.procurement"
    label = "procurement"
    verbose_name = _("Upphandling")

    def ready(self) -> None:
        pass
