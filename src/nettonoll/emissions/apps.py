"""The emissions app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmissionsConfig(AppConfig):
    name = "nettonoll.emissions"
    label = "emissions"
    verbose_name = _("Klimatbokslut")

    def ready(self) -> None:
        from nettonoll.emissions import tasks  # noqa: F401  # registers the job kinds
