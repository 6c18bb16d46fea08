"""The solar app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolarConfig(AppConfig):
    name = "nettonoll.solar"
    label = "solar"
    verbose_name = _("Solel")

    def ready(self) -> None:
        pass
