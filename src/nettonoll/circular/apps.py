"""The circular app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircularConfig(AppConfig):
    name = "nettonoll.circular"
    label = "circular"
    verbose_name = _("Cirkularitet och samlastning")

    def ready(self) -> None:
        pass
