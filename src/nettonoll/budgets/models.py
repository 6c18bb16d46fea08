"""The organisation's adopted carbon budget: how it is derived (METHODS.md §3, decision-labelled),
and its targets."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.records import Versioned, history_register
from nettonoll.organisations.models import Organisation


class Derivation(models.TextChoices):
    COUNTY_RATE = "county-rate", _("(a) Länets nödvändiga minskningstakt")
    TARGET_PATH = "target-path", _("(b) Ytan under den beslutade målbanan")
    CARBON_LAW = "carbon-law", _("(c) Koldioxidlagen från startåret")
    DECIDED = "decided", _("(d) Budget enligt beslut")


class Convention(models.TextChoices):
    DISCRETE_NEXT = "discrete-next", _("årsvis, första minskningen året efter startåret")
    DISCRETE_INCL = "discrete-incl", _("årsvis, startåret räknas in i budgeten")
    CONTINUOUS = "continuous", _("kontinuerlig (Klimatkollens Parisbana)")


class CarbonBudget(Versioned):
    """How an organisation's own carbon budget is derived, and its targets. Every change is kept
    in history; the page shows the rule next to every figure."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="carbon_budget"
    )
    derivation = models.CharField(
        _("härledning"), max_length=20, choices=Derivation.choices, default=Derivation.TARGET_PATH
    )
    convention = models.CharField(
        _("räknesätt"), max_length=20, choices=Convention.choices, default=Convention.DISCRETE_NEXT
    )
    start_year = models.PositiveSmallIntegerField(_("startår"), default=2024)
    county_code = models.CharField(
        _("län (för härledning a)"),
        max_length=2,
        blank=True,
        help_text=_("SCB:s länskod, t.ex. 01"),
    )
    net_zero_year = models.PositiveSmallIntegerField(_("netto noll senast år"), default=2045)
    decided_budget_t = models.FloatField(_("beslutad budget (ton CO2e)"), null=True, blank=True)
    decision_reference = models.CharField(_("beslut (diarienummer)"), max_length=100, blank=True)
    reduction_base_year = models.PositiveSmallIntegerField(
        _("basår för minskningsmålet"), null=True, blank=True
    )
    reduction_pct = models.PositiveSmallIntegerField(_("minskning (%)"), null=True, blank=True)
    reduction_year = models.PositiveSmallIntegerField(
        _("minskningsmålets år"), null=True, blank=True
    )
    changed_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("koldioxidbudget")
        verbose_name_plural = _("koldioxidbudgetar")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_derivation_display()}"


history_register(
    "koldioxidbudget",
    CarbonBudget,
    _("koldioxidbudget"),
    lambda r: r.organisation,
    lambda r: r.organisation.name,
)
