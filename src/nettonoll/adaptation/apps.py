"""The adaptation app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdaptationConfig(AppConfig):
    name = "nettonoll.adaptation"
    label = "adaptation"
    verbose_name = _("Klimatanpassning och nybyggnad")

    def ready(self) -> None:
        pass
