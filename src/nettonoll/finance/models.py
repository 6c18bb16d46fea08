"""Green bonds with the projects their money is allocated to, and financial holdings screened
for fossil fuels (docs/methods/finance.md). Both belong to the organisation's root: they are the
organisation's finance, not a unit's."""

import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.organisations.models import Organisation
from nettonoll.organisations.records import NodeRecord
from nettonoll.registers.models import clean_all

AT_ROOT = _("Registret gäller hela organisationen: välj organisationens högsta nivå.")


def _root_rule(record: NodeRecord) -> dict[str, object]:
    if record.node_id is not None and record.node.depth != 1:
        return {"node": AT_ROOT}
    return {}


class GreenBond(NodeRecord):
    """A green bond: `valid_from` the issue date, `valid_to` the maturity (empty: not known)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    isin = models.CharField(_("ISIN"), max_length=12)
    amount_sek = models.DecimalField(
        _("belopp (kr)"), max_digits=16, decimal_places=0, validators=[MinValueValidator(1)]
    )
    framework = models.CharField(_("ramverk"), max_length=200, blank=True)
    valid_from = models.DateField(_("emitterad"), default=datetime.date.today)
    valid_to = models.DateField(_("förfaller"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grön obligation")
        verbose_name_plural = _("gröna obligationer")
        ordering = ["isin"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "isin"], name="green_bond_isin_unique")
        ]

    def __str__(self) -> str:
        return self.isin

    def clean(self) -> None:
        # the ISIN's check digit: the form's `code_checked` and the import's column
        clean_all(self, _root_rule(self))


class ProjectCategory(models.TextChoices):
    RENEWABLE = "förnybar energi", _("Förnybar energi")
    EFFICIENCY = "energieffektivisering", _("Energieffektivisering")
    BUILDINGS = "gröna byggnader", _("Gröna byggnader")
    TRANSPORT = "ren transport", _("Ren transport")
    ADAPTATION = "klimatanpassning", _("Klimatanpassning")
    WATER = "vatten", _("Vatten och avlopp")
    CIRCULAR = "cirkularitet", _("Avfall och cirkularitet")
    NATURE = "biologisk mångfald", _("Biologisk mångfald")
    OTHER = "annat", _("Annat")


class GreenBondProject(models.Model):
    """A project a green bond's money is allocated to, with its reported impact."""

    bond = models.ForeignKey(
        GreenBond, on_delete=models.CASCADE, related_name="projects", verbose_name=_("obligation")
    )
    project_code = models.CharField(_("projektkod"), max_length=50)
    name = models.CharField(_("projekt"), max_length=200)
    category = models.CharField(_("kategori"), max_length=30, choices=ProjectCategory.choices)
    allocated_sek = models.DecimalField(
        _("allokerat (kr)"), max_digits=16, decimal_places=0, validators=[MinValueValidator(0)]
    )
    impact_t_co2e = models.DecimalField(
        _("rapporterad effekt (ton CO2e/år undvikta)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["bond_id", "project_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["bond", "project_code"], name="green_bond_project_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_code} {self.name}"


class Holding(NodeRecord):
    """A financial holding held `valid_from`–`valid_to`, screened for fossil fuels."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    holding_code = models.CharField(_("innehavskod"), max_length=50)
    instrument = models.CharField(_("instrument"), max_length=200)
    value_sek = models.DecimalField(
        _("värde (kr)"), max_digits=16, decimal_places=0, validators=[MinValueValidator(0)]
    )
    fossil_free = models.BooleanField(_("fossilfritt"), default=False)
    screening_source = models.CharField(_("källa för granskningen"), max_length=200, blank=True)
    valid_from = models.DateField(_("innehas från"), default=datetime.date.today)
    valid_to = models.DateField(_("innehas till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innehav")
        verbose_name_plural = _("innehav")
        ordering = ["holding_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "holding_code"], name="holding_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.holding_code} {self.instrument}"

    def clean(self) -> None:
        clean_all(self, _root_rule(self))
