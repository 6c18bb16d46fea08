"""The emissions app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmissionsConfig(AppConfig):
    name = "nettonoll.emissions"
    label = "emissions"
    verbose_name = _("Klimatbokslut")

    def ready(self) -> None:
        from nettonoll.emissions import metrics  # the app registry is ready only now

        metrics.register()
