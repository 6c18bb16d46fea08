from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoladaConfig(AppConfig):
    name = "nettonoll.kolada"
    verbose_name = _("Kolada")
    default_auto_field = "django.db.models.BigAutoField"
