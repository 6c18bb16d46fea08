"""Kolada KPIs as fetched (with every recorded change of their definition), an organisation's
chosen KPIs per municipality or region, and the values fetched for them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Organisation

# The metadata fields whose change is recorded and shown (field → label).
TRACKED_FIELDS = {
    "title": _("titel"),
    "description": _("beskrivning"),
    "operating_area": _("verksamhetsområde"),
    "unit": _("enhet"),
    "municipality_type": _("kommuntyp"),
    "is_divided_by_gender": _("uppdelat på kön"),
    "publication_date": _("publiceringsdatum"),
}


class Kpi(models.Model):
    """A Kolada KPI (nyckeltal) as last fetched: the fields shown, and Kolada's JSON as sent."""

    kpi_id = models.CharField(_("nyckeltal"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    operating_area = models.CharField(_("verksamhetsområde"), max_length=500, blank=True)
    unit = models.CharField(_("enhet"), max_length=100, blank=True)
    municipality_type = models.CharField(_("kommuntyp"), max_length=20, blank=True)
    is_divided_by_gender = models.CharField(_("uppdelat på kön"), max_length=10, blank=True)
    publication_date = models.CharField(_("publiceringsdatum"), max_length=40, blank=True)
    raw = models.JSONField(_("Koladas svar"), default=dict, blank=True)
    fetched_at = models.DateTimeField(_("hämtad"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kolada-nyckeltal")
        verbose_name_plural = _("Kolada-nyckeltal")
        ordering = ["kpi_id"]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.title}"


class KpiChange(models.Model):
    """A change in a KPI's definition found by a fetch: one field, old → new."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(_("fält"), max_length=40)
    old = models.TextField(_("tidigare"), blank=True)
    new = models.TextField(_("nu"), blank=True)
    found_at = models.DateTimeField(_("upptäckt"), default=timezone.now)

    class Meta:
        verbose_name = _("ändring av nyckeltal")
        verbose_name_plural = _("ändringar av nyckeltal")
        ordering = ["-found_at", "field"]

    def __str__(self) -> str:
        return f"{self.kpi.kpi_id} {self.field}: {self.old} → {self.new}"

    @property
    def field_label(self) -> str:
        return str(TRACKED_FIELDS.get(self.field, self.field))


class FetchState(models.TextChoices):
    NEVER = "never", _("inte hämtad ännu")
    OK = "ok", _("hämtad")
    FAILED = "failed", _("hämtningen misslyckades")


class Selection(models.Model):
    """A KPI an organisation follows for a municipality or region (Kolada's four-digit id, e.g.
    1780 Karlstad, 0017 Region Värmland), feeding one of its indicators."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="kolada_selections"
    )
    kpi = models.ForeignKey(Kpi, on_delete=models.PROTECT, related_name="selections")
    municipality_id = models.CharField(_("kommun eller region (Kolada-id)"), max_length=4)
    municipality_name = models.CharField(_("namn"), max_length=200, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kolada_selections",
    )
    indicator_name = models.CharField(
        _("indikatorns namn"),
        max_length=200,
        blank=True,
        help_text=_("Tomt: nyckeltalets id och titel."),
    )
    fetch_state = models.CharField(
        _("senaste hämtning"), max_length=10, choices=FetchState.choices, default=FetchState.NEVER
    )
    fetched_at = models.DateTimeField(_("senast hämtad"), null=True, blank=True)
    attempted_at = models.DateTimeField(_("senaste försök"), null=True, blank=True)
    fetch_message = models.CharField(_("meddelande"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valt Kolada-nyckeltal")
        verbose_name_plural = _("valda Kolada-nyckeltal")
        ordering = ["kpi__kpi_id", "municipality_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kpi", "municipality_id"], name="kolada_selection_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi.kpi_id} / {self.municipality_id}"


class Value(models.Model):
    """A value as Kolada sent it (every gender; the total, T, feeds the indicator)."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1)
    value = models.DecimalField(_("värde"), max_digits=20, decimal_places=6, null=True)
    status = models.CharField(_("status"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("Kolada-värde")
        verbose_name_plural = _("Kolada-värden")
        ordering = ["year", "gender"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "year", "gender"], name="kolada_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.selection} {self.year} {self.gender}: {self.value}"
