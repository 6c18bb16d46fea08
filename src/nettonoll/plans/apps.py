"""The plans app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "nettonoll.plans"
    label = "plans"
    verbose_name = _("Planer och mål")
