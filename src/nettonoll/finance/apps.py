"""The finance app: green bonds and fossil-free holdings (decision 0016)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "nettonoll.finance"
    label = "finance"
    verbose_name = _("Gröna obligationer och finans")

    def ready(self) -> None:
        from nettonoll.finance import metrics
        from nettonoll.finance.declarations import GREEN_BOND_PROJECTS, GREEN_BONDS, HOLDINGS
        from nettonoll.registers.declare import declare, declare_child

        declare(GREEN_BONDS)
        declare_child(GREEN_BOND_PROJECTS)
        declare(HOLDINGS)
        metrics.metrics_register()
