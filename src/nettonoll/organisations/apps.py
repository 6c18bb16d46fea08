"""The organisations app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "nettonoll.organisations"
    label = "organisations"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from nettonoll.organisations import reorganise

        reorganise.register_own()
