"""The registers app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "nettonoll.registers"
    label = "registers"
    verbose_name = _("Register")

    def ready(self) -> None:
        from nettonoll.registers import declarations

        declarations.register_all()
        from nettonoll.registers import reorganise

        reorganise.register()
