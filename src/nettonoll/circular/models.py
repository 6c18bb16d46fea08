"""Reuse and circular systems, co-loading (docs/methods/circular.md).

* `ReuseTransfer`: items handed on through the internal marketplace, a dated event (its node is
  the giving unit, `valid_from` the day of the transfer; it is never "taken out of service").
* `CircularSystem`: a circular product system (returnable pallets, reusable textiles …) with the
  volume in circulation.
* `DeliverySite` and `DeliveryMonth`: goods deliveries per site and month, of which co-loaded,
  and the vehicle kilometres; the site belongs to a unit."""

import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.calc.reuse import factor_table
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.records import NodeRecord
from nettonoll.registers.models import clean_all


def item_type_choices() -> list[tuple[str, str]]:
    """The factor table's item types (a callable: a new type in the data file needs no
    migration)."""
    return [(t, t.capitalize()) for t in factor_table().item_types()]


class ReuseTransfer(NodeRecord):
    """Items of one type handed on from a unit (`node`) to another (`to_node`) on a day."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reuse_code = models.CharField(_("återbrukskod"), max_length=50)
    item_type = models.CharField(
        _("typ av föremål"),
        max_length=60,
        choices=item_type_choices,
    )
    count = models.PositiveIntegerField(_("antal"), validators=[MinValueValidator(1)])
    to_node = models.ForeignKey(
        Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("till enhet")
    )
    valid_from = models.DateField(_("överlämnad"), default=datetime.date.today)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("återbruk")
        verbose_name_plural = _("återbruk")
        ordering = ["-valid_from", "reuse_code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reuse_code"], name="reuse_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reuse_code} {self.count} × {self.item_type}"

    def clean(self) -> None:
        clean_all(self, {})


class CircularSystem(NodeRecord):
    """A circular product system a unit runs, and how much of it is in circulation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    system_code = models.CharField(_("systemkod"), max_length=50)
    name = models.CharField(_("system"), max_length=200)
    products = models.CharField(_("produkter"), max_length=300, blank=True)
    volume = models.DecimalField(
        _("volym i omlopp"), max_digits=14, decimal_places=1, validators=[MinValueValidator(0)]
    )
    volume_unit = models.CharField(_("enhet för volymen"), max_length=30, default="st")
    valid_from = models.DateField(_("i drift från"), default=datetime.date.today)
    valid_to = models.DateField(_("i drift till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cirkulärt system")
        verbose_name_plural = _("cirkulära system")
        ordering = ["system_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "system_code"], name="circular_system_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.system_code} {self.name}"

    def clean(self) -> None:
        clean_all(self, {})


class DeliverySite(NodeRecord):
    """A site goods are delivered to (a hospital's goods reception, a care centre …)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    site_code = models.CharField(_("leveransplats"), max_length=50)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    valid_from = models.DateField(_("i bruk från"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("i bruk till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leveransplats")
        verbose_name_plural = _("leveransplatser")
        ordering = ["site_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "site_code"], name="delivery_site_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site_code} {self.name}".strip()

    def clean(self) -> None:
        clean_all(self, {})


class DeliveryMonth(models.Model):
    """A site's deliveries in a month (`month`: its first day), of which co-loaded."""

    site = models.ForeignKey(
        DeliverySite,
        on_delete=models.CASCADE,
        related_name="months",
        verbose_name=_("leveransplats"),
    )
    month = models.DateField(_("månad"))
    deliveries = models.PositiveIntegerField(_("leveranser"))
    coloaded_deliveries = models.PositiveIntegerField(_("samlastade leveranser"))
    vehicle_km = models.DecimalField(
        _("fordonskilometer"), max_digits=12, decimal_places=1, null=True, blank=True
    )

    class Meta:
        verbose_name = _("leveransmånad")
        verbose_name_plural = _("leveranser")
        ordering = ["site_id", "month"]
        constraints = [
            models.UniqueConstraint(fields=["site", "month"], name="delivery_month_unique"),
            models.CheckConstraint(
                condition=models.Q(coloaded_deliveries__lte=models.F("deliveries")),
                name="coloaded_not_above_deliveries",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.month:%Y-%m}"
