"""Solar installations (a register: a `NodeRecord` whose node is its building's), their monthly
production, and the organisation's target for installed kWp (set by a strategist, with history)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.records import Versioned
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Organisation
from nettonoll.organisations.records import NodeRecord
from nettonoll.registers.models import clean_all


class SolarInstallation(NodeRecord):
    """Solar panels on a building, `kwp` peak power, in service `valid_from`–`valid_to`. Its node
    is always its building's (kept in step: `solar.sync`)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    installation_code = models.CharField(_("anläggningskod"), max_length=50)
    building = models.ForeignKey(
        Building,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("byggnad"),
        help_text=_("Anläggningen hör till byggnadens enhet och följer med om byggnaden flyttas."),
    )
    kwp = models.DecimalField(
        _("installerad effekt (kWp)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    valid_from = models.DateField(_("i drift från"), default=datetime.date.today)
    valid_to = models.DateField(_("i drift till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("solcellsanläggning")
        verbose_name_plural = _("solcellsanläggningar")
        ordering = ["installation_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "installation_code"], name="solar_installation_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.installation_code

    def clean(self) -> None:
        own = {}
        building = self.building if self.building_id else None
        if building is not None and building.organisation_id != self.organisation_id:
            own["building"] = _("Byggnaden hör till en annan organisation.")
        elif building is not None and self.node_id and self.node_id != building.node_id:
            own["building"] = _("Anläggningens enhet ska vara byggnadens enhet.")
        clean_all(self, own)


class SolarProduction(models.Model):
    """An installation's production in a month (`month`: its first day): kWh produced and the
    part of it exported to the grid (never more than produced)."""

    installation = models.ForeignKey(
        SolarInstallation,
        on_delete=models.CASCADE,
        related_name="production",
        verbose_name=_("anläggning"),
    )
    month = models.DateField(_("månad"))
    produced_kwh = models.DecimalField(
        _("producerad (kWh)"), max_digits=12, decimal_places=1, validators=[MinValueValidator(0)]
    )
    exported_kwh = models.DecimalField(
        _("såld till nätet (kWh)"),
        max_digits=12,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("solelproduktion")
        verbose_name_plural = _("solelproduktion")
        ordering = ["installation_id", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "month"], name="solar_production_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.installation_id} {self.month:%Y-%m}"

    def clean(self) -> None:
        if (
            self.produced_kwh is not None
            and self.exported_kwh is not None
            and self.exported_kwh > self.produced_kwh
        ):
            raise ValidationError(
                {"exported_kwh": _("Såld el kan inte vara mer än den producerade.")}
            )


class SolarTarget(Versioned):
    """The organisation's target for installed solar power: `target_kwp` by 31 December of
    `target_year`, on a straight path from the kWp installed on 31 December of `base_year`."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    target_kwp = models.DecimalField(
        _("mål (kWp)"), max_digits=10, decimal_places=1, validators=[MinValueValidator(0)]
    )
    target_year = models.PositiveIntegerField(
        _("målår"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    base_year = models.PositiveIntegerField(
        _("basår"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    note = models.CharField(_("beslut eller källa"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål för solel")
        verbose_name_plural = _("mål för solel")

    def __str__(self) -> str:
        return f"{self.target_kwp} kWp {self.target_year}"

    def clean(self) -> None:
        years = (self.target_year, self.base_year)
        if None not in years and self.target_year <= self.base_year:
            raise ValidationError({"target_year": _("Målåret ska ligga efter basåret.")})
