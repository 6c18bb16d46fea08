"""Reads of the klimatbokslut's years: which are complete and which preliminary (the months the
active aggregates cover and the years the organisation closed, judged by calc.completeness), the
totals reported for years before activity data, and the totals per year that the budget, the
indicators and the trends use (complete and reported years; preliminary years apart).

A reported total belongs to the whole organisation: it counts at its root node only. A year with
computed results uses them; its reported totals are then shown as a note (decision 0011)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, QuerySet, Sum
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from nettonoll.calc.completeness import YearState, year_states
from nettonoll.calc.inventory import DECIMALS
from nettonoll.emissions.models import (
    ActivityAggregate,
    ImportBatch,
    InventoryResult,
    ReportedTotal,
    YearClosing,
)
from nettonoll.organisations.models import Node, Organisation

# organisation id → (the fingerprint of its batches, their coverage): the coverage is read for
# every node's totals (a metric over 1 000 units), and only a new, replaced or deleted batch
# changes it (aggregates never change; a reorganisation moves them between units, which the
# coverage does not see)
_COVERAGE: dict[int, tuple[tuple[object, ...], dict[int, dict[str, int]]]] = {}


def _batches_fingerprint(organisation_id: int) -> tuple[object, ...]:
    found = ImportBatch.objects.filter(organisation_id=organisation_id).aggregate(
        n=Count("pk"), last=Max("pk"), at=Max("imported_at"), replaced=Count("replaced_at")
    )
    # the time too: a rolled-back import may leave its primary key to the next one (SQLite)
    return (found["n"], found["last"], found["at"], found["replaced"])


def year_coverage(organisation: Organisation | int) -> dict[int, dict[str, int]]:
    """year → category → the months the organisation's active aggregates cover (any unit)."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    fingerprint = _batches_fingerprint(organisation_id)
    cached = _COVERAGE.get(organisation_id)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    coverage = _coverage(organisation_id)
    if len(_COVERAGE) > 100:
        _COVERAGE.clear()
    _COVERAGE[organisation_id] = (fingerprint, coverage)
    return coverage


def _coverage(organisation_id: int) -> dict[int, dict[str, int]]:
    coverage: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        ActivityAggregate.objects.filter(
            batch__organisation_id=organisation_id, batch__replaced_at__isnull=True
        )
        .values_list("year", "category", "months")
        .distinct()
    )
    for year, category, months in rows:
        coverage[year][category] = coverage[year].get(category, 0) | months
    return dict(coverage)


def year_closings(organisation: Organisation | int) -> dict[int, YearClosing]:
    return {
        c.year: c
        for c in YearClosing.objects.filter(
            organisation_id=organisation if isinstance(organisation, int) else organisation.pk
        ).select_related("changed_by")
    }


def year_states_of(organisation: Organisation | int) -> dict[int, YearState]:
    closed = [y for y, c in year_closings(organisation).items() if c.closed]
    return year_states(year_coverage(organisation), closed)


def preliminary_months(organisation: Organisation | int) -> dict[int, int | None]:
    """The preliminary years, each with the latest month it has data for."""
    return {y: s.last_month for y, s in year_states_of(organisation).items() if s.preliminary}


def data_through(year: int, month: int | None) -> str:
    """ "preliminärt, data t.o.m. mars 2025" as the pages and exports say it."""
    if month is None:
        return _("preliminärt")
    return _("preliminärt, data t.o.m. %(month)s %(year)d") % {
        "month": str(MONTHS[month]),
        "year": year,
    }


def reported_totals_of(organisation: Organisation) -> QuerySet[ReportedTotal]:
    return ReportedTotal.objects.filter(organisation=organisation)


def reported_applies(node: Node) -> bool:
    """Reported totals are the whole organisation's: they count at its root only."""
    return node.depth == 1


@dataclass(frozen=True)
class YearTotals:
    """t CO2e per year: `complete` (computed complete years and reported-only years, what trends
    and verdicts use) and `preliminary` (shown beside, never in a trend); `reported`: the years
    whose figure is a reported total; `months`: the latest month of each preliminary year."""

    complete: dict[int, float]
    preliminary: dict[int, float]
    reported: set[int] = field(default_factory=set)
    months: dict[int, int | None] = field(default_factory=dict)

    @property
    def all_years(self) -> dict[int, float]:
        return dict(sorted({**self.complete, **self.preliminary}.items()))

    def note(self, year: int) -> str:
        return data_through(year, self.months.get(year))


def year_totals(node: Node, category_prefix: str = "", *, scope: int | None = None) -> YearTotals:
    """The node's subtree's t CO2e per year for the categories starting with the prefix (and
    of one scope, when given), reported totals filling years without computed results."""
    results = InventoryResult.objects.filter(
        organisation_id=node.organisation_id,
        node__path__startswith=node.path,
        category__startswith=category_prefix,
    )
    if scope is not None:
        results = results.filter(scope=scope)
    # rounded as every result is (calc.inventory.DECIMALS): a database sums floats in any order,
    # and the same rows must give the same total after a recalculation
    computed = {
        y: round(float(t), DECIMALS)
        for y, t in results.values_list("year").annotate(t=Sum("emissions_t_co2e"))
    }
    reported: dict[int, float] = {}
    if reported_applies(node):
        rows = ReportedTotal.objects.filter(organisation_id=node.organisation_id)
        if category_prefix:  # a reported total without a category is no category's
            rows = rows.filter(category__startswith=category_prefix).exclude(category="")
        if scope is not None:
            rows = rows.filter(scope=scope)
        for year, total in rows.values_list("year").annotate(t=Sum("t_co2e")):
            if year not in computed:
                reported[year] = round(float(total), DECIMALS)
    months = preliminary_months(node.organisation_id)
    complete = {y: t for y, t in computed.items() if y not in months}
    return YearTotals(
        complete=dict(sorted({**complete, **reported}.items())),
        preliminary={y: t for y, t in sorted(computed.items()) if y in months},
        reported=set(reported),
        months={y: m for y, m in months.items() if y in computed},
    )


def reported_by_scope(organisation: Organisation, year: int) -> list[tuple[int, float]]:
    rows = reported_totals_of(organisation).filter(year=year)
    return [(s, float(t)) for s, t in rows.values_list("scope").annotate(t=Sum("t_co2e"))]
