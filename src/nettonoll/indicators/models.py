"""Indicators (entered by hand for now): definition, dated targets, values per node and year."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.metrics import Metric, metric_get
from nettonoll.common.records import Versioned, history_register
from nettonoll.organisations.models import Node, Organisation


class Direction(models.TextChoices):
    DECREASE = "decrease", _("Ska minska")
    INCREASE = "increase", _("Ska öka")


class Indicator(Versioned):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("namn"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=40, help_text=_("T.ex. t CO2e, MWh, %, st."))
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    baseline_year = models.PositiveSmallIntegerField(_("basår"))
    baseline_value = models.DecimalField(_("basvärde"), max_digits=16, decimal_places=3)
    description = models.TextField(_("beskrivning"), blank=True)
    metric_key = models.CharField(
        _("källa"),
        max_length=150,
        blank=True,
        help_text=_(
            "Tomt: värden läggs in för hand. Annars en källa som ger värdena per enhet och år, "
            "t.ex. klimatbokslutets tjänsteresor."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="indicator_name_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def metric(self) -> Metric | None:
        """The metric source the values come from (None: entered by hand)."""
        return metric_get(self.metric_key) if self.metric_key else None


class IndicatorTarget(Versioned):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.DecimalField(_("målvärde"), max_digits=16, decimal_places=3)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.year}: {self.value}"


class IndicatorValue(Versioned):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="indicator_values")
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.DecimalField(_("värde"), max_digits=16, decimal_places=3)
    comment = models.CharField(_("kommentar"), max_length=300, blank=True)
    entered_at = models.DateTimeField(_("inlagt"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "node", "year"], name="indicator_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.node.code} {self.year}: {self.value}"

    @property
    def value_float(self) -> float:
        return float(self.value if isinstance(self.value, Decimal) else Decimal(self.value))


history_register("indikator", Indicator, _("indikator"), lambda r: r.organisation, lambda r: r.name)
history_register(
    "malvarde",
    IndicatorTarget,
    _("målvärde"),
    lambda r: r.indicator.organisation,
    lambda r: f"{r.indicator.name} {r.year}",
)
history_register(
    "varde",
    IndicatorValue,
    _("indikatorvärde"),
    lambda r: r.node,
    lambda r: f"{r.indicator.name}, {r.node.name} {r.year}",
)
