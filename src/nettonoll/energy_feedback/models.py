"""The energy_feedback app's records: a user's opt-in to the monthly energy e-mail for a node,
and the energy-efficiency measures of a building (linked to an activity of a plan, followed up as
the normalised saving measured since, `calc.energy_measures`).

A measure belongs to its building: who may see or change it follows the building's node (so it
needs no node of its own and follows the building through a reorganisation)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.records import Versioned
from nettonoll.estate.models import Building, Carrier
from nettonoll.organisations.models import Node
from nettonoll.plans.models import Activity


class FeedbackSubscription(models.Model):
    """A user's opt-in to a monthly e-mail with a node's energy feedback; `last_sent_month` is
    the month (its first day) of the last e-mail sent, so a month is never sent twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("användare"),
    )
    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, related_name="+", verbose_name=_("enhet")
    )
    created_at = models.DateTimeField(_("prenumererar sedan"), default=timezone.now)
    last_sent_month = models.DateField(_("senast skickade månad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prenumeration på energiåterkoppling")
        verbose_name_plural = _("prenumerationer på energiåterkoppling")
        constraints = [
            models.UniqueConstraint(fields=["user", "node"], name="feedback_subscription_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.node.name}"


class EnergyMeasure(Versioned):
    """An energy-efficiency measure in a building: what was done, for which carrier, the saving
    expected (kWh a year) and the day it was implemented (empty: not yet)."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="+", verbose_name=_("byggnad")
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aktivitet"),
        help_text=_("Aktiviteten i en plan som åtgärden genomför (valfritt)."),
    )
    title = models.CharField(_("åtgärd"), max_length=200)
    carrier = models.CharField(_("energibärare"), max_length=12, choices=Carrier.choices)
    expected_saving_kwh_per_year = models.DecimalField(
        _("förväntad besparing (kWh/år)"),
        max_digits=14,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    implemented_on = models.DateField(
        _("genomförd den"),
        null=True,
        blank=True,
        help_text=_("Lämna tomt om åtgärden inte är genomförd än."),
    )
    note = models.TextField(_("anteckning"), blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("energiåtgärd")
        verbose_name_plural = _("energiåtgärder")
        ordering = ["building__building_code", "implemented_on", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.building.building_code})"

    @property
    def node(self) -> Node:
        return self.building.node
