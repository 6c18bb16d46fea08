"""The emissions app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmissionsConfig(AppConfig):
    name = "nettonoll.emissions"
    label = "emissions"
    verbose_name = _("Klimatbokslut")

    def ready(self) -> None:
        # the app registry is ready only now: the job kinds and the metric sources register
        from nettonoll.emissions import metrics, reorganise, tasks  # noqa: F401

        metrics.register()
        reorganise.register()
