"""The plans app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "nettonoll.plans"
    label = "plans"
    verbose_name = _("Planer och mål")

    def ready(self) -> None:
        # the app registry is ready only now: the job kinds register
        from nettonoll.plans import reorganise, tasks  # noqa: F401

        reorganise.register()
