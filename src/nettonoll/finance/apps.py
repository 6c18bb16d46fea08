"""The finance app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "nettonoll.finance"
    label = "finance"
    verbose_name = _("Gröna obligationer och finans")

    def ready(self) -> None:
        pass
