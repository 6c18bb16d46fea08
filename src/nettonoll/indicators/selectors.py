"""Reads for indicators: the target path and on/off-track status per value (METHODS.md §4)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from nettonoll.calc.progress import (
    SHARE_BOUNDS,
    Forecast,
    forecast,
    is_on_track,
    is_share_unit,
    path_value,
)
from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Node, Organisation


def indicators_of(organisation: Organisation) -> QuerySet[Indicator]:
    return Indicator.objects.filter(organisation=organisation).prefetch_related("targets")


@dataclass(frozen=True)
class Point:
    """A value of a year: entered by hand, or computed from the klimatbokslut."""

    year: int
    value: float
    comment: str = ""


@dataclass(frozen=True)
class ValueStatus:
    value: Point
    path: float
    on_track: bool


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: Indicator
    node: Node
    values: list[ValueStatus]
    latest: ValueStatus | None
    forecast: Forecast | None

    @property
    def on_track(self) -> bool | None:
        return None if self.latest is None else self.latest.on_track


def indicator_points(indicator: Indicator, node: Node) -> list[Point]:
    """The indicator's values for a node, by year: from its metric source (read when shown, so it
    follows the source's every recalculation), or as entered by hand."""
    if indicator.metric_key:
        metric = indicator.metric
        if metric is None:  # a source no longer declared: no figures rather than wrong ones
            return []
        totals = metric.values(node)
        return [Point(year, value, str(metric.label)) for year, value in sorted(totals.items())]
    return [
        Point(v.year, float(v.value), v.comment)
        for v in indicator.values.filter(node=node).order_by("year")
    ]


def indicator_preliminary(indicator: Indicator, node: Node) -> list[tuple[int, float]]:
    """The values of years its metric source has only in part (preliminary), to be shown beside
    the values; none for a value entered by hand."""
    metric = indicator.metric if indicator.metric_key else None
    if metric is None or metric.preliminary is None:
        return []
    return sorted(metric.preliminary(node).items())


def indicator_status(indicator: Indicator, node: Node) -> IndicatorStatus:
    """Each value of the node against the straight target path from the baseline through the
    dated targets; the forecast extrapolates the values to the last target year."""
    targets = [(t.year, float(t.value)) for t in indicator.targets.all()]
    baseline = (indicator.baseline_year, float(indicator.baseline_value))
    values = [
        ValueStatus(
            value=point,
            path=path_value(baseline, targets, point.year),
            on_track=is_on_track(
                indicator.direction, point.value, path_value(baseline, targets, point.year)
            ),
        )
        for point in indicator_points(indicator, node)
    ]
    last_target = max(targets) if targets else None
    prognosis = (
        forecast(
            [(v.value.year, float(v.value.value)) for v in values],
            last_target,
            indicator.direction,
            bounds=SHARE_BOUNDS if is_share_unit(indicator.unit) else None,
        )
        if last_target
        else None
    )
    return IndicatorStatus(indicator, node, values, values[-1] if values else None, prognosis)
