"""The budgets app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "nettonoll.budgets"
    label = "budgets"
    verbose_name = _("Koldioxidbudget")
