from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "nettonoll.publication"
    verbose_name = _("Publicering")
    default_auto_field = "django.db.models.BigAutoField"
