"""Climate risks of buildings per hazard (likelihood and consequence 1–4, vulnerable use, a note,
measures as plan activities; versioned with history) and new-build projects (a register) with
their environmental requirement and its follow-up at completion.

Choice values are the Swedish words a file or a page uses (`skyfall`, `ras/skred`, `uppfyllt`)."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.calc import adaptation
from nettonoll.common.records import Versioned
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Organisation
from nettonoll.organisations.records import NodeRecord
from nettonoll.plans.models import Activity
from nettonoll.registers.models import clean_all


class Hazard(models.TextChoices):
    CLOUDBURST = "skyfall", _("Skyfall")
    FLOODING = "översvämning", _("Översvämning")
    HEATWAVE = "värmebölja", _("Värmebölja")
    LANDSLIDE = "ras/skred", _("Ras och skred")


# a hazard in a URL (no slash, ASCII)
HAZARD_SLUGS = {
    Hazard.CLOUDBURST: "skyfall",
    Hazard.FLOODING: "oversvamning",
    Hazard.HEATWAVE: "varmebolja",
    Hazard.LANDSLIDE: "ras-skred",
}
SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class Likelihood(models.IntegerChoices):
    UNLIKELY = 1, _("1 – osannolik")
    POSSIBLE = 2, _("2 – möjlig")
    LIKELY = 3, _("3 – sannolik")
    VERY_LIKELY = 4, _("4 – mycket sannolik")


class Consequence(models.IntegerChoices):
    MINOR = 1, _("1 – begränsad")
    MODERATE = 2, _("2 – kännbar")
    SERIOUS = 3, _("3 – allvarlig")
    VERY_SERIOUS = 4, _("4 – mycket allvarlig")


class ClimateRisk(Versioned):
    """A building's exposure to one hazard: likelihood × consequence, whether the use is
    vulnerable (care, elderly), a note, and the measures (plan activities) that address it."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="+", verbose_name=_("byggnad")
    )
    hazard = models.CharField(_("klimatrisk"), max_length=20, choices=Hazard.choices)
    likelihood = models.PositiveSmallIntegerField(
        _("sannolikhet"), choices=Likelihood.choices, validators=SCALE_VALIDATORS
    )
    consequence = models.PositiveSmallIntegerField(
        _("konsekvens"), choices=Consequence.choices, validators=SCALE_VALIDATORS
    )
    vulnerable_use = models.BooleanField(
        _("känslig verksamhet"),
        default=False,
        help_text=_(
            "Vård, äldreboende eller annan verksamhet med personer som är särskilt utsatta."
        ),
    )
    note = models.TextField(_("anteckning"), blank=True)
    measures = models.ManyToManyField(
        Activity, blank=True, related_name="+", verbose_name=_("åtgärder")
    )
    history = HistoricalRecords(m2m_fields=[measures])

    class Meta:
        verbose_name = _("klimatrisk")
        verbose_name_plural = _("klimatrisker")
        ordering = ["building_id", "hazard"]
        constraints = [
            models.UniqueConstraint(fields=["building", "hazard"], name="climate_risk_unique")
        ]

    def __str__(self) -> str:
        return f"{self.building.building_code}: {self.get_hazard_display()}"


class Requirement(models.TextChoices):
    BRONZE = "miljöbyggnad brons", _("Miljöbyggnad Brons")
    SILVER = "miljöbyggnad silver", _("Miljöbyggnad Silver")
    GOLD = "miljöbyggnad guld", _("Miljöbyggnad Guld")
    NOLLCO2 = "nollco2", _("NollCO2")
    OTHER = "annat", _("Annat")


class FollowUpResult(models.TextChoices):
    MET = "uppfyllt", _("Uppfyllt")
    PARTLY = "delvis", _("Delvis")
    NOT_MET = "ej uppfyllt", _("Ej uppfyllt")


class NewBuildProject(NodeRecord):
    """A new building (or major rebuild) with its environmental requirement and the follow-up at
    completion: the level achieved and whether the requirement was met."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    project_code = models.CharField(_("projektkod"), max_length=50)
    name = models.CharField(_("namn"), max_length=200)
    building = models.ForeignKey(
        Building,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("byggnad"),
    )
    requirement = models.CharField(_("miljökrav"), max_length=20, choices=Requirement.choices)
    requirement_text = models.CharField(
        _("miljökrav i text"),
        max_length=300,
        blank=True,
        help_text=_("Obligatoriskt när miljökravet är annat."),
    )
    planned_completion = models.DateField(_("planerat färdigt"))
    completed_on = models.DateField(_("färdigt"), null=True, blank=True)
    achieved_level = models.CharField(
        _("uppnådd nivå"), max_length=20, choices=Requirement.choices, blank=True
    )
    result = models.CharField(
        _("uppföljning"), max_length=12, choices=FollowUpResult.choices, blank=True
    )
    note = models.TextField(_("anteckning"), blank=True)
    valid_from = models.DateField(_("registrerat"), default=datetime.date.today)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nybyggnadsprojekt")
        verbose_name_plural = _("nybyggnadsprojekt")
        ordering = ["project_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "project_code"], name="new_build_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_code} {self.name}".strip()

    def clean(self) -> None:
        own = {}
        if self.requirement == Requirement.OTHER and not self.requirement_text.strip():
            own["requirement_text"] = _("Skriv kravet i text när miljökravet är annat.")
        if self.result and self.completed_on is None:
            own["completed_on"] = _("Uppföljningen görs när projektet är färdigt: ange färdigt.")
        below = adaptation.level_met(self.requirement or "", self.achieved_level or "") is False
        if self.result == FollowUpResult.MET and below:
            own["result"] = _(
                "Den uppnådda nivån är lägre än kravet: uppföljningen kan inte vara uppfyllt."
            )
        building = self.building if self.building_id else None
        if building is not None and building.organisation_id != self.organisation_id:
            own["building"] = _("Byggnaden hör till en annan organisation.")
        clean_all(self, own)
