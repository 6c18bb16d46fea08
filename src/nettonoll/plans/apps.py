"""The plans app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "nettonoll.plans"
    label = "plans"
    verbose_name = _("Planer och mål")

    def ready(self) -> None:
        from nettonoll.plans import tasks  # noqa: F401  # registers the job kinds
