"""Reads for Kolada: an organisation's selections with their KPI, values, definition changes and
the last fetch job."""

from dataclasses import dataclass

from django.db.models import Prefetch

from nettonoll.common import jobs
from nettonoll.common.models import Job
from nettonoll.kolada.models import KpiChange, Selection, Value
from nettonoll.kolada.services import FETCH
from nettonoll.organisations.models import Organisation


@dataclass(frozen=True)
class YearRow:
    year: int
    total: Value | None
    women: Value | None
    men: Value | None


@dataclass(frozen=True)
class SelectionView:
    selection: Selection
    rows: list[YearRow]
    changes: list[KpiChange]
    has_genders: bool


def selections_of(organisation: Organisation) -> list[SelectionView]:
    selections = (
        Selection.objects.filter(organisation=organisation)
        .select_related("kpi", "indicator")
        .prefetch_related(
            "values", Prefetch("kpi__changes", queryset=KpiChange.objects.order_by("-found_at"))
        )
    )
    views = []
    for selection in selections:
        by_year: dict[int, dict[str, Value]] = {}
        for value in selection.values.all():
            by_year.setdefault(value.year, {})[value.gender] = value
        rows = [
            YearRow(year, cells.get("T"), cells.get("K"), cells.get("M"))
            for year, cells in sorted(by_year.items(), reverse=True)
        ]
        views.append(
            SelectionView(
                selection=selection,
                rows=rows,
                changes=list(selection.kpi.changes.all()),
                has_genders=any(r.women or r.men for r in rows),
            )
        )
    return views


def last_fetch_job(organisation: Organisation) -> Job | None:
    return jobs.jobs_of(organisation).filter(kind=FETCH).order_by("-created_at").first()
