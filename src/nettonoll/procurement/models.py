"""Procurements and their sustainability requirements: the procurement register (a `NodeRecord`:
a procurement belongs to the unit that procured, and its contract runs `valid_from`–`valid_to`)
and each requirement with its follow-up (planned, done, result), edited in the web with history.

Choice values are the Swedish words the import files use (`cirkularitet`, `spjutspets`,
`ej uppfyllt`); the pages show the labels."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.records import Versioned
from nettonoll.organisations.models import Organisation
from nettonoll.organisations.records import NodeRecord


class Area(models.TextChoices):
    CLIMATE = "klimat", _("Klimat")
    CIRCULARITY = "cirkularitet", _("Cirkularitet")
    CHEMICALS = "kemikalier", _("Kemikalier")
    SOCIAL = "social", _("Social hållbarhet")
    OTHER = "annat", _("Annat")


class Level(models.TextChoices):
    BASIC = "bas", _("Basnivå")
    ADVANCED = "avancerad", _("Avancerad nivå")
    SPEARHEAD = "spjutspets", _("Spjutspetsnivå")


class Placement(models.TextChoices):
    QUALIFICATION = "kvalificering", _("Kvalificeringskrav")
    SPECIFICATION = "teknisk specifikation", _("Teknisk specifikation")
    AWARD = "tilldelning", _("Tilldelningskriterium")
    CONTRACT = "kontraktsvillkor", _("Särskilt kontraktsvillkor")


class Result(models.TextChoices):
    FULFILLED = "uppfyllt", _("Uppfyllt")
    PARTLY = "delvis", _("Delvis uppfyllt")
    NOT_FULFILLED = "ej uppfyllt", _("Ej uppfyllt")


def case_number(value: str) -> str:
    """A diarienummer as stored: trimmed, white space inside written as one space
    (`RS  2024-0123 ` → `RS 2024-0123`); case and punctuation as typed."""
    return " ".join(value.split())


class Procurement(NodeRecord):
    """A procurement decided by (or for) a unit: its diarienummer, value and the contract period
    (`valid_from`–`valid_to`: the contract from and to)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    procurement_code = models.CharField(
        _("diarienummer"),
        max_length=50,
        help_text=_("Som i diariet, till exempel RS 2024-0123."),
    )
    title = models.CharField(_("benämning"), max_length=300)
    value_sek = models.DecimalField(
        _("värde (kr)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(0)],
        help_text=_("Kontraktets uppskattade totala värde för hela avtalsperioden."),
    )
    decided_on = models.DateField(_("tilldelningsbeslut"))
    valid_from = models.DateField(_("avtal från"), default=datetime.date.today)
    valid_to = models.DateField(_("avtal till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("upphandling")
        verbose_name_plural = _("upphandlingar")
        ordering = ["procurement_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "procurement_code"], name="procurement_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procurement_code} {self.title}".strip()

    def clean(self) -> None:
        if self.valid_to is not None and self.valid_from and self.valid_to < self.valid_from:
            message = _("Avtalet slutar före det börjar (avtal från %(day)s).")
            params = {"day": self.valid_from.isoformat()}
            raise ValidationError({"valid_to": ValidationError(message, params=params)})


class Requirement(Versioned):
    """A requirement set in a procurement (Upphandlingsmyndigheten's criterion where one is used)
    and its follow-up: when it is planned, when it was done and with what result."""

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("upphandling"),
    )
    requirement_code = models.CharField(
        _("kravnummer"), max_length=50, help_text=_("Kravets nummer i upphandlingen, t.ex. K1.")
    )
    criterion_id = models.CharField(
        _("kriterium"),
        max_length=50,
        blank=True,
        help_text=_("Upphandlingsmyndighetens krav-id när kriteriet används, t.ex. 10140:1."),
    )
    description = models.CharField(_("beskrivning"), max_length=500, blank=True)
    area = models.CharField(_("område"), max_length=20, choices=Area.choices)
    level = models.CharField(_("nivå"), max_length=20, choices=Level.choices, blank=True)
    placement = models.CharField(
        _("placering"), max_length=30, choices=Placement.choices, blank=True
    )
    follow_up_planned_on = models.DateField(_("uppföljning planerad"), null=True, blank=True)
    followed_up_on = models.DateField(_("uppföljning gjord"), null=True, blank=True)
    result = models.CharField(_("resultat"), max_length=20, choices=Result.choices, blank=True)
    note = models.TextField(_("anteckning"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("upphandlingskrav")
        verbose_name_plural = _("upphandlingskrav")
        ordering = ["procurement_id", "requirement_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "requirement_code"], name="requirement_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requirement_code} {self.get_area_display()}".strip()

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.result and self.followed_up_on is None:
            errors["followed_up_on"] = _("Ett resultat kräver ett datum då kravet följdes upp.")
        if self.followed_up_on is not None and self.followed_up_on > datetime.date.today():
            errors["followed_up_on"] = _(
                "Uppföljningen kan inte vara gjord i framtiden (%(day)s)."
            ) % {"day": self.followed_up_on.isoformat()}
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self) -> bool:
        planned = self.follow_up_planned_on
        return planned is not None and planned < datetime.date.today() and not self.followed_up_on
