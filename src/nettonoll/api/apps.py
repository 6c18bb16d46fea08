from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "nettonoll.api"
    verbose_name = _("API och OData")
    default_auto_field = "django.db.models.BigAutoField"
