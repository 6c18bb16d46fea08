"""Buildings and their energy: the buildings register (a `NodeRecord`: a building belongs to a
node and is in the organisation's care `valid_from`–`valid_to`), the share of a building's area
each unit working in it has, monthly energy readings per carrier, and SMHI degree days per
locality and month (not per organisation: the same weather for everyone).

Choice values are the Swedish words the import files use (`fjärrvärme`, `ägd`)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.records import Versioned
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.records import NodeRecord
from nettonoll.registers.models import clean_all


class BuildingOwnership(models.TextChoices):
    OWNED = "ägd", _("Ägd")
    LEASED = "inhyrd", _("Inhyrd")


class Carrier(models.TextChoices):
    ELECTRICITY = "el", _("El")
    DISTRICT_HEATING = "fjärrvärme", _("Fjärrvärme")
    DISTRICT_COOLING = "fjärrkyla", _("Fjärrkyla")
    BIOFUEL = "biobränsle", _("Biobränsle")
    OIL = "olja", _("Olja")
    GAS = "gas", _("Gas")


class Building(NodeRecord):
    """A building the organisation owns or leases; its node is the unit responsible for it
    (a building without area shares belongs wholly to that node)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    building_code = models.CharField(_("byggnadskod"), max_length=50)
    name = models.CharField(_("namn"), max_length=200)
    municipality = models.CharField(_("kommun"), max_length=100, blank=True)
    locality = models.CharField(
        _("ort för graddagar"),
        max_length=100,
        blank=True,
        help_text=_("Orten vars SMHI-graddagar normalårskorrigerar byggnadens energi."),
    )
    atemp_m2 = models.DecimalField(
        _("Atemp (m²)"), max_digits=12, decimal_places=1, validators=[MinValueValidator(0)]
    )
    year_built = models.PositiveIntegerField(
        _("byggår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2100)],
    )
    ownership = models.CharField(_("ägande"), max_length=10, choices=BuildingOwnership.choices)
    valid_from = models.DateField(_("i förvaltning från"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("i förvaltning till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("byggnad")
        verbose_name_plural = _("byggnader")
        ordering = ["building_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "building_code"], name="building_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.building_code} {self.name}".strip()

    def clean(self) -> None:
        clean_all(self, {})


class BuildingShare(Versioned):
    """The share of a building's area (Atemp) a unit works in; the shares of a building add up to
    at most 100 %, the rest belongs to the building's own node."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="shares", verbose_name=_("byggnad")
    )
    node = models.ForeignKey(
        Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("enhet")
    )
    share_pct = models.DecimalField(
        _("andel av ytan (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ytandel")
        verbose_name_plural = _("ytandelar")
        constraints = [
            models.UniqueConstraint(fields=["building", "node"], name="building_share_unique")
        ]

    def __str__(self) -> str:
        return f"{self.building.building_code}: {self.node.name} {self.share_pct} %"


class EnergyReading(models.Model):
    """A building's use of one carrier in one month (`month`: its first day), with the share of
    it that depends on the outdoor temperature (empty: the carrier's default,
    `calc.degree_days.default_dependent_share`)."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="readings", verbose_name=_("byggnad")
    )
    month = models.DateField(_("månad"))
    carrier = models.CharField(_("energibärare"), max_length=12, choices=Carrier.choices)
    kwh = models.DecimalField(_("kWh"), max_digits=14, decimal_places=1)
    temperature_dependent_share = models.DecimalField(
        _("temperaturberoende andel"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )

    class Meta:
        verbose_name = _("energiavläsning")
        verbose_name_plural = _("energiavläsningar")
        ordering = ["building_id", "month", "carrier"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "month", "carrier"], name="energy_reading_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.building_id} {self.month:%Y-%m} {self.carrier}"


class DegreeDayMonth(models.Model):
    """SMHI degree days for a locality and month, with the normal year's value for that month,
    the base temperature (°C) the series is computed from and its source."""

    locality = models.CharField(_("ort"), max_length=100)
    month = models.DateField(_("månad"))
    degree_days = models.DecimalField(_("graddagar"), max_digits=7, decimal_places=1)
    normal_degree_days = models.DecimalField(
        _("graddagar normalår"), max_digits=7, decimal_places=1
    )
    base_c = models.DecimalField(_("bastemperatur (°C)"), max_digits=4, decimal_places=1)
    source = models.CharField(_("källa"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("graddagar")
        verbose_name_plural = _("graddagar")
        ordering = ["locality", "month"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "month"], name="degree_day_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.locality} {self.month:%Y-%m}"


class DegreeDayImport(models.Model):
    """A degree-day file imported (shared by every organisation): who, when, which file and what
    it changed."""

    imported_at = models.DateTimeField(_("importerad"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importerad av"),
    )
    filename = models.CharField(_("fil"), max_length=200)
    created = models.PositiveIntegerField(_("nya"))
    updated = models.PositiveIntegerField(_("ändrade"))
    unchanged = models.PositiveIntegerField(_("oförändrade"))

    class Meta:
        verbose_name = _("import av graddagar")
        verbose_name_plural = _("importer av graddagar")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.filename} {self.imported_at:%Y-%m-%d %H:%M}"


class SupplierTemplate(Versioned):
    """An organisation's column template for an energy supplier's export: the supplier's header
    for each of the readings' columns, the unit of its energy column and a fixed carrier when the
    file has none (`calc.supplier_exports`)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.SlugField(_("kod"), max_length=50)
    title = models.CharField(_("namn"), max_length=200)
    building_column = models.CharField(_("kolumn med byggnadskod"), max_length=100)
    month_column = models.CharField(_("kolumn med månad"), max_length=100)
    kwh_column = models.CharField(_("kolumn med energi"), max_length=100)
    unit = models.CharField(
        _("enhet för energin"),
        max_length=3,
        choices=[("kWh", "kWh"), ("MWh", "MWh")],
        default="kWh",
    )
    carrier_column = models.CharField(_("kolumn med energibärare"), max_length=100, blank=True)
    carrier = models.CharField(
        _("fast energibärare"), max_length=12, choices=Carrier.choices, blank=True
    )
    share_column = models.CharField(
        _("kolumn med temperaturberoende andel"), max_length=100, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kolumnmall för leverantörsfil")
        verbose_name_plural = _("kolumnmallar för leverantörsfiler")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="supplier_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.name})"


def locality_key(name: str) -> str:
    """A locality as degree days are looked up: trimmed, case-insensitive ("Karlstad")."""
    return " ".join(name.split()).casefold()
