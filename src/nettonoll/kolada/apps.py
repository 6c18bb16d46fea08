"""Kolada as an indicator source: KPI values fetched through Kolada's API v3 by a job."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoladaConfig(AppConfig):
    name = "nettonoll.kolada"
    verbose_name = _("Kolada")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # the app registry is ready only now: the job kinds register
        from nettonoll.kolada import tasks  # noqa: F401
