"""Reads of the klimatbokslut: the factor table in force, totals per scope, category and year for
a node's subtree, and drill-down from a figure to the rows, factor and source behind it."""

import io
import math
from collections import defaultdict
from dataclasses import dataclass, field

import polars as pl
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nettonoll.calc.categories import labels as category_labels
from nettonoll.calc.factors import Factor, FactorTable, default_factors
from nettonoll.calc.mappings import Mapping, mapping_from_definition
from nettonoll.common.templatetags.categories import category_label, scope3_label
from nettonoll.emissions.models import (
    ActivityAggregate,
    ColumnMapping,
    EmissionFactor,
    FactorSet,
    ImportBatch,
    ImportJob,
    InventoryResult,
    ReportedTotal,
    YearClosing,
)
from nettonoll.emissions.years import (
    reported_applies,
    reported_by_scope,
    reported_totals_of,
    year_closings,
    year_totals,
)
from nettonoll.organisations.models import Node, NodeMapping, Organisation
from nettonoll.organisations.selectors import headcount_by_year


def factor_set_of(organisation: Organisation) -> FactorSet | None:
    return FactorSet.objects.filter(organisation=organisation).first()


def as_calc_factor(row: EmissionFactor) -> Factor:
    return Factor(
        category=row.category,
        valid_year=row.valid_year,
        factor=row.factor,
        unit=row.unit,
        scope=row.scope,
        scope3_category=row.scope3_category,
        gwp_set=row.gwp_set,
        boundary=row.boundary,
        publisher=row.publisher,
        title=row.title,
        year=row.year,
        link=row.link,
    )


def factor_table(
    factor_set: FactorSet,
) -> tuple[FactorTable, dict[tuple[str, int, str, int], int]]:
    """The calc table and a map (category, valid year, gwp set, scope) → factor id, to trace
    results."""
    rows = list(factor_set.factors.all())
    ids = {(r.category, r.valid_year, r.gwp_set, r.scope): r.pk for r in rows}
    return FactorTable([as_calc_factor(r) for r in rows], gwp_set=factor_set.gwp_set), ids


def active_aggregates(organisation: Organisation) -> QuerySet[ActivityAggregate]:
    return ActivityAggregate.objects.filter(
        batch__organisation=organisation, batch__replaced_at__isnull=True
    )


def batches_of(organisation: Organisation) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(organisation=organisation).select_related("imported_by")


@dataclass(frozen=True)
class InventoryView:
    node: Node
    years: list[int]
    year: int | None
    by_year: list[tuple[int, float]]
    by_scope: list[tuple[int, float]]
    by_category: list[tuple[str, int, float]]
    total_t_co2e: float
    base_year: int | None
    base_total_t_co2e: float | None
    factor_set_version: int | None
    current_factor_set_version: int | None = None
    employees_by_year: dict[int, int] | None = None
    preliminary: dict[int, str] = field(default_factory=dict)  # year → "preliminärt, data t.o.m."
    reported_years: frozenset[int] = frozenset()  # years whose figure is a reported total
    reported: list[ReportedTotal] = field(default_factory=list)  # the shown year's, if any
    closing: YearClosing | None = None  # the organisation's closing of the shown year

    @property
    def is_preliminary(self) -> bool:
        return self.year in self.preliminary

    @property
    def preliminary_note(self) -> str:
        return self.preliminary.get(self.year or 0, "")

    @property
    def reported_t_co2e(self) -> float:
        return sum(t.t_co2e for t in self.reported)

    @property
    def is_reported(self) -> bool:
        return self.year in self.reported_years

    gwp_sets: tuple[str, ...] = ()  # the GWP sets the results were computed with
    by_scope3_category: list[tuple[int | None, float]] | None = None

    @property
    def gwp_set(self) -> str:
        """ "AR5", or "AR5, AR6" while a recalculation after a change is under way."""
        return ", ".join(self.gwp_sets)

    @property
    def recalculation_pending(self) -> bool:
        """A factor changed and the background recalculation has not finished yet."""
        return bool(
            self.factor_set_version
            and self.current_factor_set_version
            and self.factor_set_version < self.current_factor_set_version
        )

    @property
    def employees(self) -> int | None:
        return (self.employees_by_year or {}).get(self.year or 0)

    @property
    def per_employee_t_co2e(self) -> float | None:
        return self.total_t_co2e / self.employees if self.employees else None

    @property
    def by_year_per_employee(self) -> list[tuple[int, float, int | None, float | None]]:
        """(year, t CO2e, employees, t CO2e per employee) where the headcount is known."""
        employees = self.employees_by_year or {}
        return [
            (y, t, employees.get(y), t / employees[y] if employees.get(y) else None)
            for y, t in self.by_year
        ]

    @property
    def change_from_base_pct(self) -> float | None:
        """Against the base year; none for a preliminary year (a part of a year is no change)."""
        if not self.base_total_t_co2e or self.is_preliminary:
            return None
        return 100 * (self.total_t_co2e - self.base_total_t_co2e) / self.base_total_t_co2e


def inventory_view(node: Node, year: int | None, base_year: int | None = None) -> InventoryView:
    """A node's klimatbokslut for a year (by default the latest complete one), preliminary years
    marked, and at the root the reported totals of years before activity data."""
    results = InventoryResult.objects.filter(
        organisation_id=node.organisation_id, node__path__startswith=node.path
    )
    totals = year_totals(node)
    per_year = totals.all_years
    years = sorted(per_year)
    complete_years = sorted(totals.complete)
    latest = complete_years[-1] if complete_years else (years[-1] if years else None)
    year = year if year in per_year else latest
    reported: list[ReportedTotal] = []
    if reported_applies(node) and year:
        reported = list(reported_totals_of(node.organisation).filter(year=year))
    in_year = results.filter(year=year or 0)
    by_scope = list(
        in_year.values_list("scope").annotate(t=Sum("emissions_t_co2e")).order_by("scope")
    )
    by_category = sorted(
        in_year.values_list("category", "scope").annotate(t=Sum("emissions_t_co2e")),
        key=lambda row: -row[2],
    )
    if year in totals.reported:
        by_scope = sorted(reported_by_scope(node.organisation, year))
    versions = set(results.values_list("factor_set_version", flat=True).distinct())
    by_scope3_category = sorted(
        in_year.filter(scope=3)
        .values_list("scope3_category")
        .annotate(t=Sum("emissions_t_co2e"))
        .order_by(),
        key=lambda row: (row[0] is None, row[0] or 0),
    )
    return InventoryView(
        node=node,
        years=years,
        year=year,
        by_year=[(y, per_year[y]) for y in years],
        by_scope=by_scope,
        by_category=by_category,
        total_t_co2e=per_year.get(year, 0.0) if year else 0.0,
        base_year=base_year if base_year in totals.complete else None,
        base_total_t_co2e=totals.complete.get(base_year) if base_year else None,
        factor_set_version=max(versions) if versions else None,
        current_factor_set_version=FactorSet.objects.filter(organisation_id=node.organisation_id)
        .values_list("version", flat=True)
        .first(),
        employees_by_year=headcount_by_year(node),
        preliminary={y: totals.note(y) for y in totals.preliminary},
        reported_years=frozenset(totals.reported),
        reported=reported,
        closing=year_closings(node.organisation).get(year or 0),
        gwp_sets=tuple(sorted(set(results.values_list("gwp_set", flat=True).distinct()) - {""})),
        by_scope3_category=by_scope3_category,
    )


@dataclass(frozen=True)
class DrillRow:
    aggregate: ActivityAggregate
    results: list[InventoryResult]  # one per factor part (combustion, well to tank)
    raw: list[dict[str, object]]

    @property
    def emissions_t_co2e(self) -> float | None:
        return sum(r.emissions_t_co2e for r in self.results) if self.results else None


def drill_down(node: Node, year: int, category: str, *, raw_limit: int = 200) -> list[DrillRow]:
    """The aggregates behind a figure, each with its factor and source and the original rows
    (read from the batch's Parquet file)."""
    aggregates = (
        ActivityAggregate.objects.filter(
            batch__organisation_id=node.organisation_id,
            batch__replaced_at__isnull=True,
            node__path__startswith=node.path,
            year=year,
            category=category,
        )
        .select_related("node", "batch")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=InventoryResult.objects.select_related("factor").order_by("scope"),
            )
        )
        .order_by("node__path")
    )
    by_batch: dict[int, list[ActivityAggregate]] = defaultdict(list)
    for aggregate in aggregates:
        by_batch[aggregate.batch_id].append(aggregate)
    raw: dict[int, list[dict[str, object]]] = {}
    for batch_aggregates in by_batch.values():
        batch = batch_aggregates[0].batch
        with batch.raw_rows.open("rb") as handle:
            frame = pl.read_parquet(io.BytesIO(handle.read()))
        for aggregate in batch_aggregates:
            rows = frame.filter(
                pl.col("org_unit").is_in(sorted(_codes_behind(aggregate.node)))
                & (pl.col("category") == category)
                & (pl.col("year") == year)
                & (pl.col("unit") == aggregate.unit)
            )
            raw[aggregate.pk] = _rows_of(aggregate, rows).head(raw_limit).to_dicts()
    return [DrillRow(a, list(a.results.all()), raw.get(a.pk, [])) for a in aggregates]


def _codes_behind(node: Node) -> set[str]:
    """The node's code and its predecessors' (a file imported before a reorganisation names the
    old units; their figures now belong to `node`)."""
    codes, frontier = {node.code}, [node.pk]
    seen = set(frontier)
    while frontier:
        olds = list(
            NodeMapping.objects.filter(new_node_id__in=frontier).values_list(
                "old_node_id", "old_node__code"
            )
        )
        frontier = [pk for pk, _code in olds if pk not in seen]
        seen.update(frontier)
        codes.update(code for _pk, code in olds)
    return codes


def _rows_of(aggregate: ActivityAggregate, rows: pl.DataFrame) -> pl.DataFrame:
    """The rows summed into `aggregate`: when units merged, the rows under each old code were
    summed apart; the old code whose first row is the aggregate's first line is this one's."""
    if rows.is_empty() or rows.get_column("org_unit").n_unique() < 2:
        return rows
    for code in rows.get_column("org_unit").unique().to_list():
        own = rows.filter(pl.col("org_unit") == code)
        if own.get_column("line").min() == aggregate.first_line:
            return own
    return rows


def emission_totals_by_year(
    node: Node, category_prefix: str = "", *, scope: int | None = None
) -> dict[int, float]:
    """t CO2e per complete year in the node's subtree for the categories starting with the
    prefix (and of one scope, when given): reported totals fill years without activity data;
    preliminary years are left out (`years.year_totals` has them apart)."""
    return year_totals(node, category_prefix, scope=scope).complete


EXPORT_COLUMNS = (  # (heading, code column name) — the code names stay for scripts
    (gettext_lazy("År"), "year"),
    (gettext_lazy("Enhetens kod"), "org_unit"),
    (gettext_lazy("Enhet"), "org_unit_name"),
    (gettext_lazy("Kategori"), "category_label"),
    (gettext_lazy("Kategorikod"), "category"),
    (gettext_lazy("Scope"), "scope"),
    (gettext_lazy("Scope 3-kategori"), "scope3_category"),
    (gettext_lazy("Utsläpp (ton CO2e)"), "emissions_t_co2e"),
    (gettext_lazy("Mängd"), "quantity"),
    (gettext_lazy("Mängdens enhet"), "unit"),
    (gettext_lazy("Emissionsfaktor"), "factor"),
    (gettext_lazy("Faktorns enhet"), "factor_unit"),
    (gettext_lazy("Faktorn gäller från år"), "factor_valid_year"),
    (gettext_lazy("Faktorns källa"), "factor_source"),
    (gettext_lazy("GWP-uppsättning"), "gwp_set"),
    (gettext_lazy("Faktoruppsättningens version"), "factor_set_version"),
    (gettext_lazy("Årets status"), "year_status"),
)


def significant(value: float, digits: int = 6) -> float:
    """`value` to `digits` significant digits: 529.9923200000001 → 529.99232, binary noise
    gone, no precision a factor or quantity has lost."""
    if not value or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def export_rows(node: Node, year: int | None) -> list[tuple[object, ...]]:
    """Every result in the node's subtree (one year or all), with quantity, factor and source,
    categories by name and code, numbers without binary noise, and each year's status
    (preliminary with its last month, complete, closed); at the root, the reported totals of
    years without results ("redovisad summa", with the source)."""
    results = InventoryResult.objects.filter(
        organisation_id=node.organisation_id, node__path__startswith=node.path
    ).select_related("node", "aggregate", "factor")
    if year is not None:
        results = results.filter(year=year)
    totals = year_totals(node)
    closed = {y for y, c in year_closings(node.organisation).items() if c.closed}

    def status(y: int) -> str:
        if y in totals.preliminary:
            return totals.note(y)
        return _("fastställt") if y in closed else _("komplett")

    rows: list[tuple[object, ...]] = [
        (
            r.year,
            r.node.code,
            r.node.name,
            category_label(r.category),
            r.category,
            r.scope,
            scope3_label(r.scope3_category) if r.scope == 3 else "",
            significant(r.emissions_t_co2e),
            significant(r.aggregate.quantity),
            r.aggregate.unit,
            significant(r.factor.factor),
            r.factor.unit,
            r.factor.valid_year,
            ", ".join(p for p in (r.factor.publisher, r.factor.title, r.factor.link) if p),
            r.gwp_set,
            r.factor_set_version,
            status(r.year),
        )
        for r in results.order_by("year", "node__path", "category", "scope")
    ]
    if reported_applies(node):
        reported = reported_totals_of(node.organisation).filter(year__in=totals.reported)
        if year is not None:
            reported = reported.filter(year=year)
        rows += [
            (
                t.year,
                node.code,
                node.name,
                category_label(t.category) if t.category else "",
                t.category,
                t.scope,
                "",
                significant(t.t_co2e),
            )
            + (None,) * 5
            + (t.source, "", None, _("redovisad summa"))
            for t in reported
        ]
        rows.sort(key=lambda row: int(row[0]))  # type: ignore[call-overload]
    return rows


def factors_used(node: Node, year: int | None) -> QuerySet[EmissionFactor]:
    """The factors behind the node's results of a year, for the report's list of sources."""
    ids = InventoryResult.objects.filter(
        organisation_id=node.organisation_id, node__path__startswith=node.path, year=year or 0
    ).values("factor_id")
    return EmissionFactor.objects.filter(pk__in=ids).order_by("category")


def import_jobs_of(organisation: Organisation) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(
        subject_type=ContentType.objects.get_for_model(Organisation), subject_id=organisation.pk
    )


def import_jobs_running(organisation: Organisation) -> QuerySet[ImportJob]:
    """Background imports not yet finished (queued or running)."""
    return import_jobs_of(organisation).filter(status__in=[ImportJob.QUEUED, ImportJob.RUNNING])


def column_mappings_of(organisation: Organisation) -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.filter(organisation=organisation)


def own_mapping(organisation: Organisation, name: str) -> Mapping | None:
    """The organisation's own template by its code, as the calc layer uses it; None if none."""
    row = ColumnMapping.objects.filter(organisation=organisation, name=name).first()
    if row is None:
        return None
    return mapping_from_definition(
        name=row.name,
        title=row.title,
        columns=row.columns,
        constants=row.constants,
        category_column=row.category_column,
        categories=row.categories,
        account_column=row.account_column,
        accounts=row.account_table.encode("utf-8") if row.account_table else None,
    )


@dataclass(frozen=True)
class FactorChange:
    record: object  # a HistoricalEmissionFactor
    before: object | None  # the record it replaced, if any


def factor_history(factor_set: FactorSet | None, limit: int = 50) -> list[FactorChange]:
    """Changes of the organisation's factors, newest first, each with the value it replaced."""
    if factor_set is None:
        return []
    records = list(
        EmissionFactor.history.filter(factor_set_id=factor_set.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    return [FactorChange(r, r.prev_record) for r in records]


def gwp_set_history(factor_set: FactorSet | None, limit: int = 20) -> list[object]:
    """The organisation's GWP-set choices, newest first: the factor set's historical records
    where the set differs from the one before (HistoricalFactorSet, with who and when)."""
    if factor_set is None:
        return []
    records = list(factor_set.history.select_related("history_user").order_by("history_date"))
    changes = [r for i, r in enumerate(records) if i > 0 and r.gwp_set != records[i - 1].gwp_set]
    return list(reversed(changes))[:limit]


def category_choices() -> list[tuple[str, str]]:
    """(code, name) of every shipped category, by name, for the factor form's list."""
    return sorted(((code, category_label(code)) for code in category_labels()), key=lambda c: c[1])


def shipped_factors_missing(factor_set: FactorSet | None) -> list[Factor]:
    """Factors of the shipped Swedish set (new vintages published since the organisation's set
    was made) that its set does not have, by category and year."""
    if factor_set is None:
        return []
    present = set(factor_set.factors.values_list("category", "valid_year", "gwp_set", "scope"))
    return sorted(
        (
            f
            for f in default_factors()
            if (f.category, f.valid_year, f.gwp_set, f.scope) not in present
        ),
        key=lambda f: (f.category, f.valid_year, f.gwp_set, f.scope),
    )
