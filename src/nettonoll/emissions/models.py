"""Factor sets, activity-data import batches with their aggregates, and klimatbokslut results."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.models import Job
from nettonoll.common.records import Versioned, history_register
from nettonoll.organisations.models import Node, Organisation


class FactorSet(models.Model):
    """An organisation's emission factors. Every change makes a new version; results name the
    version that produced them."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="factor_set"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    gwp_set = models.CharField(_("GWP-uppsättning"), max_length=10, default="AR5")
    changed_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("faktoruppsättning")
        verbose_name_plural = _("faktoruppsättningar")

    def __str__(self) -> str:
        return f"{self.organisation} v{self.version}"


class EmissionFactor(Versioned):
    factor_set = models.ForeignKey(FactorSet, on_delete=models.CASCADE, related_name="factors")
    category = models.CharField(_("kategori"), max_length=100)
    valid_year = models.PositiveSmallIntegerField(_("gäller från år"))
    factor = models.FloatField(_("faktor"))
    unit = models.CharField(_("enhet"), max_length=40)
    scope = models.PositiveSmallIntegerField(_("scope"))
    scope3_category = models.PositiveSmallIntegerField(_("scope 3-kategori"), null=True, blank=True)
    gwp_set = models.CharField(_("GWP-uppsättning"), max_length=10, blank=True)
    boundary = models.CharField(_("systemgräns"), max_length=100, blank=True)
    publisher = models.CharField(_("utgivare"), max_length=200, blank=True)
    title = models.CharField(_("titel"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("utgivningsår"), null=True, blank=True)
    link = models.URLField(_("länk"), max_length=500, blank=True)
    confidence = models.CharField(_("säkerhet"), max_length=2, blank=True)
    note = models.TextField(_("anmärkning"), blank=True)
    is_own = models.BooleanField(_("egen faktor"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emissionsfaktor")
        verbose_name_plural = _("emissionsfaktorer")
        ordering = ["category", "valid_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["factor_set", "category", "valid_year", "gwp_set", "scope"],
                name="factor_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.valid_year}: {self.factor} {self.unit}"


class ImportBatch(models.Model):
    """One imported file: the original kept, raw rows in Parquet, aggregates in the database."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="import_batches"
    )
    filename = models.CharField(_("filnamn"), max_length=255)
    checksum_sha256 = models.CharField(_("kontrollsumma"), max_length=64)
    original = models.FileField(_("originalfil"), upload_to="imports/%Y/")
    raw_rows = models.FileField(_("rader (Parquet)"), upload_to="imports/%Y/")
    rows = models.PositiveIntegerField(_("rader"))
    mapping = models.CharField(_("kolumnmall"), max_length=50, blank=True)
    imported_at = models.DateTimeField(_("importerad"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replaced_at = models.DateTimeField(_("ersatt"), null=True, blank=True)
    notes = models.TextField(
        _("anmärkningar"),
        blank=True,
        help_text=_("T.ex. rader med en avvecklad enhets kod som bokfördes på efterträdaren."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("importomgång")
        verbose_name_plural = _("importomgångar")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_at:%Y-%m-%d})"

    @property
    def is_active(self) -> bool:
        return self.replaced_at is None


class ActivityAggregate(models.Model):
    """Quantities summed per (node, category, year, unit) of one batch."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="aggregates")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="activity_aggregates")
    category = models.CharField(_("kategori"), max_length=100)
    year = models.PositiveSmallIntegerField(_("år"))
    unit = models.CharField(_("enhet"), max_length=40)
    quantity = models.FloatField(_("mängd"))
    rows = models.PositiveIntegerField(_("rader"))
    first_line = models.PositiveIntegerField(_("första rad"))
    # the months the rows' periods cover: bit 0 January … bit 11 December (calc.completeness);
    # a row for a whole year covers all twelve (4095), as is assumed for data imported before
    months = models.PositiveSmallIntegerField(_("månader med data"), default=0xFFF)

    class Meta:
        verbose_name = _("aggregerad verksamhetsdata")
        verbose_name_plural = _("aggregerad verksamhetsdata")
        indexes = [models.Index(fields=["year", "category"])]

    def __str__(self) -> str:
        return f"{self.node.code} {self.category} {self.year}: {self.quantity} {self.unit}"


class InventoryResult(models.Model):
    """Emissions of one aggregate and factor part, computed with a given factor-set version and
    GWP set. An aggregate has one result per part of its factor: a fuel's combustion (scope 1) and
    its well-to-tank (scope 3, category 3) when the source gives both."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="inventory_results"
    )
    aggregate = models.ForeignKey(
        ActivityAggregate, on_delete=models.CASCADE, related_name="results"
    )
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    category = models.CharField(_("kategori"), max_length=100)
    scope = models.PositiveSmallIntegerField(_("scope"))
    scope3_category = models.PositiveSmallIntegerField(_("scope 3-kategori"), null=True, blank=True)
    gwp_set = models.CharField(_("GWP-uppsättning"), max_length=10, blank=True)
    emissions_t_co2e = models.FloatField(_("utsläpp (t CO2e)"))
    factor = models.ForeignKey(EmissionFactor, on_delete=models.PROTECT, related_name="+")
    factor_set_version = models.PositiveIntegerField(_("faktorversion"))
    computed_at = models.DateTimeField(_("beräknad"), default=timezone.now)

    class Meta:
        verbose_name = _("resultat")
        verbose_name_plural = _("resultat")
        indexes = [models.Index(fields=["organisation", "year"])]
        constraints = [
            models.UniqueConstraint(fields=["aggregate", "scope"], name="result_part_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.node_id} {self.category}: {self.emissions_t_co2e}"


class YearClosing(Versioned):
    """The organisation's decision that a klimatbokslut year is complete ("fastställt"): who and
    when; reopened by setting `closed` to false (history keeps both)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="year_closings"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    closed = models.BooleanField(_("fastställt"), default=True)
    changed_at = models.DateTimeField(_("ändrat"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fastställt år")
        verbose_name_plural = _("fastställda år")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="year_closing_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class ReportedTotal(Versioned):
    """A total reported for a year before (or beside) activity data — e.g. from an old
    klimatbokslut — per scope and, where known, per category, with the document it comes from.
    A year with computed results uses those; its reported totals are then shown as a note."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reported_totals"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    scope = models.PositiveSmallIntegerField(_("scope"))
    category = models.CharField(_("kategori"), max_length=100, blank=True)
    t_co2e = models.FloatField(_("ton CO2e"))
    source = models.CharField(_("källa"), max_length=300)
    changed_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("redovisad summa")
        verbose_name_plural = _("redovisade summor")
        ordering = ["year", "scope", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "scope", "category"], name="reported_total_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} scope {self.scope} {self.category}: {self.t_co2e} t"


class ImportJobManager(models.Manager["ImportJob"]):
    def get_queryset(self) -> models.QuerySet["ImportJob"]:
        return super().get_queryset().filter(kind=ImportJob.KIND)


class ImportJob(Job):
    """A large activity-data import running in the background: a `common.Job` whose upload
    waits until the task worker takes it; the outcome is a batch (the job's result) or the
    problems. The organisation is the job's subject."""

    KIND = "emissions.activity_import"
    objects = ImportJobManager()  # type: ignore[misc]  # only jobs of this kind

    class Meta:
        proxy = True
        verbose_name = _("import i bakgrunden")
        verbose_name_plural = _("importer i bakgrunden")

    @property
    def filename(self) -> str:
        return self.title

    @property
    def mapping(self) -> str:
        return str(self.params.get("mapping", ""))

    @property
    def replace(self) -> bool:
        return bool(self.params.get("replace", False))

    @property
    def accounts(self) -> models.fields.files.FieldFile:
        return self.attachment

    @property
    def batch(self) -> ImportBatch | None:
        if self.status != self.DONE or self.result_id is None:
            return None
        return ImportBatch.objects.filter(pk=self.result_id).first()


class ColumnMapping(Versioned):
    """An organisation's own column-mapping template for a source export (a contractor's
    report, an invoice file): which source column holds each canonical column, fixed values,
    source values → categories, and for a ledger an account → purchase-group table."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="column_mappings"
    )
    name = models.SlugField(_("kod"), max_length=50)
    title = models.CharField(_("namn"), max_length=200)
    columns = models.JSONField(_("kolumner"), default=dict)
    constants = models.JSONField(_("fasta värden"), default=dict, blank=True)
    category_column = models.CharField(_("kolumn med kategori"), max_length=100, blank=True)
    categories = models.JSONField(_("värden → kategori"), default=dict, blank=True)
    account_column = models.CharField(_("kolumn med konto"), max_length=100, blank=True)
    account_table = models.TextField(_("kontotabell"), blank=True)
    changed_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("egen kolumnmall")
        verbose_name_plural = _("egna kolumnmallar")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="column_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


history_register(
    "faktor",
    EmissionFactor,
    _("emissionsfaktor"),
    lambda r: r.factor_set.organisation,
    lambda r: f"{r.category} ({r.valid_year})",
)
history_register(
    "faktoruppsattning",
    FactorSet,
    _("faktoruppsättning"),
    lambda r: r.organisation,
    lambda r: str(_("GWP-uppsättning och version")),
)
history_register(
    "kolumnmall", ColumnMapping, _("kolumnmall"), lambda r: r.organisation, lambda r: r.title
)
history_register(
    "faststallt-ar",
    YearClosing,
    _("fastställt år"),
    lambda r: r.organisation,
    lambda r: str(r.year),
)
history_register(
    "redovisad-summa",
    ReportedTotal,
    _("redovisad summa"),
    lambda r: r.organisation,
    lambda r: f"{r.year} scope {r.scope}" + (f" {r.category}" if r.category else ""),
)
