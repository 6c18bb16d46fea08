"""The figures of the public pages and the dashboard, read from the same selectors the
logged-in pages use (goal reports, indicator statuses, the klimatbokslut's aggregates, the
carbon budget), filtered by what is published where the reader is the public."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from nettonoll.calc.indicator_trend import indicator_trend, trend_shares
from nettonoll.emissions.models import ImportBatch
from nettonoll.emissions.summary import klimatbokslut_summary
from nettonoll.emissions.years import YearTotals, year_totals
from nettonoll.indicators.models import Indicator
from nettonoll.indicators.selectors import Baseline, indicator_status, indicators_of
from nettonoll.organisations.models import Node
from nettonoll.plans.models import GoalStatus, Plan
from nettonoll.plans.selectors import GoalReport, goal_reports
from nettonoll.publication.models import PublishedWhat
from nettonoll.publication.selectors import Published

GOAL_RULE = (
    "Ett måls status räknas fram ur aktiviteterna och indikatorerna som hör till målet: "
    "1) ligger någon indikator sämre än sin målbana är målet inte i fas; "
    "2) saknar målet både aktiviteter och indikatorer görs ingen bedömning; "
    "3) har minst hälften av aktiviteterna inte påbörjats eller avbrutits är målet i riskzonen; "
    "4) annars är målet i fas. En statusbedömning som organisationen gjort för hand går före "
    "regeln och är markerad."
)
TREND_RULE = (
    "Trenden jämför det senaste värdet med värdet före det. En förändring mindre än 1 procent "
    "åt något håll räknas som oförändrad; annars förbättras indikatorn om den rör sig åt det håll "
    "målet anger (ned för en indikator som ska minska, upp för en som ska öka) och försämras "
    "annars."
)
SCOPE_NAMES = {
    "1": "Scope 1: direkta utsläpp",
    "2": "Scope 2: köpt energi",
    "3": "Scope 3: övriga indirekta utsläpp",
}


def scope_name(scope: object) -> str:
    return _(SCOPE_NAMES[str(scope)]) if str(scope) in SCOPE_NAMES else str(scope)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    latest_year: int | None
    latest_value: float | None
    baseline: Baseline
    target: tuple[int, float] | None  # the last dated target
    trend: str | None  # calc.indicator_trend: improving, unchanged, worsening (None: too few)
    on_track: bool | None
    source: str
    comment: str
    updated_on: datetime | None


def kolada_source(indicator: Indicator) -> str | None:
    """ "Kolada (N07947)" for an indicator whose values Nettonoll fetches from Kolada."""
    kpi_ids = sorted({s.kpi.kpi_id for s in indicator.kolada_selections.select_related("kpi")})
    return _("Kolada (%(kpis)s)") % {"kpis": ", ".join(kpi_ids)} if kpi_ids else None


def _source(indicator: Indicator) -> str:
    metric = indicator.metric if indicator.metric_key else None
    if metric is None:
        return kolada_source(indicator) or _("Inlagt av organisationen")
    return str(metric.source or metric.label)


def indicator_rows(node: Node, published: Published | None = None) -> list[IndicatorRow]:
    """Every indicator of the organisation at the node (the public: only published ones and
    their published years)."""
    last_import = ImportBatch.objects.filter(organisation_id=node.organisation_id).aggregate(
        at=Max("imported_at")
    )["at"]
    rows = []
    for indicator in indicators_of(node.organisation):
        if published is not None and not published.covers(
            PublishedWhat.INDICATORS, indicator_id=indicator.pk
        ):
            continue
        status = indicator_status(indicator, node)
        values = [
            v
            for v in status.values
            if not v.before_base
            and (
                published is None
                or published.covers(
                    PublishedWhat.INDICATORS, v.value.year, indicator_id=indicator.pk
                )
            )
        ]
        latest = values[-1] if values else None
        entered = None
        if latest is not None and not indicator.metric_key:
            found = indicator.values.filter(node=node, year=latest.value.year).first()
            entered = found.entered_at if found else None
        elif latest is not None:
            entered = last_import
        targets = [(t.year, float(t.value)) for t in indicator.targets.all()]
        rows.append(
            IndicatorRow(
                indicator=indicator,
                latest_year=latest.value.year if latest else None,
                latest_value=latest.value.value if latest else None,
                baseline=status.baseline,
                target=max(targets) if targets else None,
                trend=indicator_trend(
                    [(v.value.year, v.value.value) for v in values], indicator.direction
                ),
                on_track=latest.on_track if latest else None,
                source=_source(indicator),
                comment=latest.value.comment if latest else "",
                updated_on=entered,
            )
        )
    return rows


def shares_of(rows: list[IndicatorRow]) -> dict[str, Any]:
    shares = trend_shares([r.trend for r in rows])
    counts = Counter(r.trend for r in rows if r.trend is not None)
    return {
        "shares": shares,
        "counts": dict(counts),
        "judged": sum(counts.values()),
        "total": len(rows),
    }


@dataclass(frozen=True)
class PlanGoals:
    plan: Plan
    reports: list[GoalReport]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(status, its name, how many goals) in the order of the statuses."""
        counted = Counter(r.status for r in self.reports)
        return [(s.value, str(s.label), counted[s.value]) for s in GoalStatus if counted[s.value]]


def plan_goals(node: Node, plan: Plan) -> PlanGoals:
    return PlanGoals(plan, goal_reports(node, plan))


def status_name(status: str) -> str:
    return str(GoalStatus(status).label) if status in GoalStatus.values else status


@dataclass(frozen=True)
class YearRow:
    year: int
    total_t: float
    preliminary: bool
    note: str


def klimatbokslut_years(root: Node, published: Published | None = None) -> list[YearRow]:
    """Every year's total (the public: published years only), preliminary years marked."""
    totals: YearTotals = year_totals(root)
    years = set(totals.all_years)
    if published is not None:
        years = set(published.years(PublishedWhat.KLIMATBOKSLUT, years))
    return [
        YearRow(
            y,
            totals.all_years[y],
            y in totals.preliminary,
            totals.note(y) if y in totals.preliminary else "",
        )
        for y in sorted(years)
    ]


def klimatbokslut_year(node: Node, year: int) -> dict[str, Any]:
    """One year by scope and category (the summary `nettonoll klimatbokslut show` prints)."""
    summary = klimatbokslut_summary(node, year)
    summary["scopes"] = [(scope_name(s), t) for s, t in summary["by_scope"].items()]
    return summary
