"""The registers' records: vehicles, charging sites, backup-power units with their fuel
deliveries and flexibility-market participation.

A register row is a `NodeRecord` (audited, versioned, owned by a node, in service `valid_from` –
`valid_to`): its figures for a year are what was in service on 31 December. Choice values are the
Swedish words the import files use (`lätt lastbil`, `ägd`); pages show their labels."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.records import Versioned
from nettonoll.organisations.models import Organisation
from nettonoll.organisations.records import NodeRecord


def clean_all(record: NodeRecord, own: dict[str, Any]) -> None:
    """Refuse the record with every cross-field error at once: the base record's (its dates) and
    the register's own (`own`: field → message), so a form shows them all together rather than
    one after another is fixed."""
    errors: dict[str, Any] = {}
    if record.valid_from is not None:
        try:
            NodeRecord.clean(record)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    for field, message in own.items():
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def number_text(value: Decimal) -> Decimal | int:
    """A stored decimal without trailing zeros (7950, 12.5), for Swedish formatting."""
    number = value.normalize()
    return int(number) if number == number.to_integral() else number


class VehicleType(models.TextChoices):
    CAR = "personbil", _("Personbil")
    LIGHT_TRUCK = "lätt lastbil", _("Lätt lastbil")
    HEAVY_TRUCK = "tung lastbil", _("Tung lastbil")
    BUS = "buss", _("Buss")
    MACHINE = "arbetsmaskin", _("Arbetsmaskin")


class Ownership(models.TextChoices):
    OWNED = "ägd", _("Ägd")
    LEASED = "leasad", _("Leasad")
    HIRED = "hyrd", _("Hyrd")


class VehicleEnergy(models.TextChoices):
    PETROL = "bensin", _("Bensin")
    DIESEL = "diesel", _("Diesel")
    ELECTRIC = "el", _("El")
    PLUG_IN_HYBRID = "laddhybrid", _("Laddhybrid")
    HYBRID = "elhybrid", _("Elhybrid")
    VEHICLE_GAS = "fordonsgas", _("Fordonsgas")
    E85 = "e85", _("E85")
    ED95 = "ed95", _("ED95")
    HYDROGEN = "vätgas", _("Vätgas")


class ChargingAccess(models.TextChoices):
    INTERNAL = "intern", _("Intern")
    VISITORS = "besökare", _("Besökare")
    PUBLIC = "publik", _("Publik")


class BackupEnergy(models.TextChoices):
    DIESEL = "diesel", _("Diesel")
    HVO100 = "hvo100", _("HVO100")
    VEHICLE_GAS = "fordonsgas", _("Fordonsgas")
    BIOGAS = "biogas", _("Biogas")
    BATTERY = "batteri", _("Batteri")


class FlexMarket(models.TextChoices):
    STHLMFLEX = "sthlmflex", _("Sthlmflex (Svenska kraftnät och nätbolagen i Stockholm)")
    FCR_D = "fcr-d", _("FCR-D, frekvenshållningsreserv vid störning (Svenska kraftnät)")
    FCR_N = "fcr-n", _("FCR-N, frekvenshållningsreserv normaldrift (Svenska kraftnät)")
    MFRR = "mfrr", _("mFRR, manuell frekvensåterställningsreserv (Svenska kraftnät)")
    LOCAL = "lokal", _("Lokal flexibilitetsmarknad (nätbolaget)")


class Vehicle(NodeRecord):
    """A vehicle the organisation owns, leases or hires; in service `valid_from`–`valid_to`."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reg_no = models.CharField(_("registreringsnummer"), max_length=6)
    vehicle_type = models.CharField(_("fordonstyp"), max_length=20, choices=VehicleType.choices)
    ownership = models.CharField(_("ägande"), max_length=10, choices=Ownership.choices)
    energy = models.CharField(_("drivmedel"), max_length=12, choices=VehicleEnergy.choices)
    hvo100_approved = models.BooleanField(
        _("godkänd för HVO100"),
        default=False,
        help_text=_("Tillverkarens godkännande; gäller bara dieselfordon."),
    )
    co2_g_per_km = models.DecimalField(
        _("CO2 g/km (WLTP)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    valid_from = models.DateField(_("i trafik från"), default=datetime.date.today)
    valid_to = models.DateField(_("i trafik till"), null=True, blank=True)
    lease_end = models.DateField(_("leasingavtalet slutar"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fordon")
        verbose_name_plural = _("fordon")
        ordering = ["reg_no"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reg_no"], name="vehicle_reg_no_unique")
        ]

    def __str__(self) -> str:
        return self.reg_no

    def cross_field_errors(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        if self.hvo100_approved and self.energy != VehicleEnergy.DIESEL:
            errors["hvo100_approved"] = _("HVO100-godkännande gäller bara dieselfordon.")
        if self.lease_end is not None and self.ownership == Ownership.OWNED:
            errors["lease_end"] = _(
                "Ett ägt fordon har inget leasingavtal: lämna slutdatumet för leasingavtalet "
                "tomt, eller välj leasad eller hyrd."
            )
        return errors

    def clean(self) -> None:
        clean_all(self, self.cross_field_errors())


class ChargingSite(NodeRecord):
    """A site with charging points; in service `valid_from`–`valid_to`."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    site_code = models.CharField(_("platskod"), max_length=50)
    address = models.CharField(_("adress"), max_length=200, blank=True)
    points = models.PositiveIntegerField(_("laddpunkter"))
    power_kw = models.DecimalField(
        _("effekt per laddpunkt (kW)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    access = models.CharField(_("tillgång"), max_length=10, choices=ChargingAccess.choices)
    parking_spaces = models.PositiveIntegerField(_("parkeringsplatser"), null=True, blank=True)
    parking_spaces_with_charging = models.PositiveIntegerField(
        _("parkeringsplatser med laddning"), null=True, blank=True
    )
    valid_from = models.DateField(_("i drift från"), default=datetime.date.today)
    valid_to = models.DateField(_("i drift till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("laddplats")
        verbose_name_plural = _("laddplatser")
        ordering = ["site_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "site_code"], name="charging_site_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site_code} {self.address}".strip()

    def clean(self) -> None:
        own: dict[str, Any] = {}
        if (
            self.parking_spaces is not None
            and self.parking_spaces_with_charging is not None
            and self.parking_spaces_with_charging > self.parking_spaces
        ):
            own["parking_spaces_with_charging"] = _(
                "Fler platser med laddning än parkeringsplatser."
            )
        clean_all(self, own)


class BackupUnit(NodeRecord):
    """A backup-power unit (genset or battery); in service `valid_from`–`valid_to`."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    unit_code = models.CharField(_("aggregatets kod"), max_length=50)
    site_code = models.CharField(_("platskod"), max_length=50, blank=True)
    power_kw = models.DecimalField(_("effekt (kW)"), max_digits=9, decimal_places=1)
    energy = models.CharField(_("energi"), max_length=12, choices=BackupEnergy.choices)
    hvo100_approved = models.BooleanField(
        _("motorn godkänd för HVO100"),
        default=False,
        help_text=_("Motortillverkarens godkännande (EN 15940)."),
    )
    tank_l = models.DecimalField(
        _("tankvolym (l)"), max_digits=9, decimal_places=0, null=True, blank=True
    )
    test_hours_per_year = models.DecimalField(
        _("provkörning (timmar per år)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    battery_kwh = models.DecimalField(
        _("batteriets energi (kWh)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    reserved_backup_kwh = models.DecimalField(
        _("energi reserverad för reservkraft (kWh)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
    )
    valid_from = models.DateField(_("i drift från"), default=datetime.date.today)
    valid_to = models.DateField(_("i drift till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reservkraftaggregat")
        verbose_name_plural = _("reservkraftaggregat")
        ordering = ["unit_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "unit_code"], name="backup_unit_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.unit_code

    @property
    def is_battery(self) -> bool:
        return self.energy == BackupEnergy.BATTERY

    def clean(self) -> None:
        own: dict[str, Any] = {}
        if self.energy == BackupEnergy.HVO100 and not self.hvo100_approved:
            own["hvo100_approved"] = _(
                "HVO100 kräver att motortillverkaren har godkänt motorn för HVO100."
            )
        clean_all(self, own)


class FuelDelivery(Versioned):
    """Fuel delivered to a backup-power unit's tank."""

    unit = models.ForeignKey(BackupUnit, on_delete=models.CASCADE, related_name="deliveries")
    delivered_on = models.DateField(_("leveransdatum"))
    volume_l = models.DecimalField(_("volym (l)"), max_digits=9, decimal_places=0)
    renewable_pct = models.DecimalField(
        _("förnybar andel (%)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bränsleleverans")
        verbose_name_plural = _("bränsleleveranser")
        ordering = ["-delivered_on"]

    def __str__(self) -> str:
        volume = formats.number_format(
            number_text(self.volume_l), use_l10n=True, force_grouping=True
        )
        return f"{self.unit.unit_code} {self.delivered_on}: {volume} l"


class FlexParticipation(Versioned):
    """A backup-power unit's participation in a flexibility market for a period."""

    unit = models.ForeignKey(BackupUnit, on_delete=models.CASCADE, related_name="flex")
    market = models.CharField(_("marknad"), max_length=12, choices=FlexMarket.choices)
    contracted_kw = models.DecimalField(_("avtalad effekt (kW)"), max_digits=9, decimal_places=1)
    duration_h = models.DecimalField(
        _("uthållighet (timmar)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        help_text=_("Hur länge den avtalade effekten ska kunna levereras."),
    )
    period_from = models.DateField(_("från"))
    period_to = models.DateField(_("till"), null=True, blank=True)
    activations = models.PositiveIntegerField(_("aktiveringar"), default=0)
    delivered_mwh = models.DecimalField(
        _("levererat (MWh)"), max_digits=9, decimal_places=3, default=Decimal(0)
    )
    revenue_sek = models.DecimalField(
        _("intäkt (kr)"), max_digits=12, decimal_places=0, default=Decimal(0)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deltagande i flexmarknad")
        verbose_name_plural = _("deltagande i flexmarknader")
        ordering = ["-period_from"]

    def __str__(self) -> str:
        return f"{self.unit.unit_code} {self.get_market_display()} {self.period_from}"
