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
    return Indicator.objects.filter(organisation=organisation).prefetch_related(
        "targets", "kolada_selections"
    )


@dataclass(frozen=True)
class Point:
    """A value of a year: entered by hand, or computed from the klimatbokslut."""

    year: int
    value: float
    comment: str = ""


@dataclass(frozen=True)
class ValueStatus:
    value: Point
    path: float | None  # None: no base value to draw a target path from, or before the base year
    on_track: bool | None  # None: not judged (no target path, or before the base year)
    before_base: bool = False  # a year before the base year: history, never judged


BASE_TYPED = "typed"  # the base value typed on the indicator (values entered by hand)
BASE_SOURCE = "source"  # the metric source's value for the node in the base year
BASE_MISSING = "missing"  # the metric source has no value for the node in the base year


@dataclass(frozen=True)
class Baseline:
    """A node's base value and where it comes from: for an indicator with a metric source, the
    source's value for that very node in the base year (never another node's base)."""

    year: int
    value: float | None
    origin: str  # BASE_TYPED | BASE_SOURCE | BASE_MISSING

    @property
    def from_source(self) -> bool:
        return self.origin == BASE_SOURCE

    @property
    def missing(self) -> bool:
        return self.origin == BASE_MISSING


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: Indicator
    node: Node
    values: list[ValueStatus]
    latest: ValueStatus | None
    forecast: Forecast | None
    baseline: Baseline

    @property
    def is_share(self) -> bool:
        return is_share_unit(self.indicator.unit)

    @property
    def from_fleet(self) -> bool:
        """Values from the vehicle register: the fleet page plans the way there vehicle by
        vehicle, where the forecast here only extends the trend."""
        return self.indicator.metric_key.startswith("fleet.")

    @property
    def on_track(self) -> bool | None:
        return None if self.latest is None else self.latest.on_track

    @property
    def has_history(self) -> bool:
        """Values of years before the base year (shown, not judged)."""
        return any(v.before_base for v in self.values)


def indicator_points(indicator: Indicator, node: Node) -> list[Point]:
    """The indicator's values for a node, by year: from its metric source (read when shown, so it
    follows the source's every recalculation), or as entered by hand."""
    if indicator.metric_key:
        metric = indicator.metric
        if metric is None:  # a source no longer declared: no figures rather than wrong ones
            return []
        totals = metric.values(node)
        return [Point(year, value) for year, value in sorted(totals.items())]
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


def indicator_baseline(
    indicator: Indicator, node: Node, points: list[Point] | None = None
) -> Baseline:
    """The node's base value: with a metric source, the source's value for the node in the base
    year (missing when the source has none: the node is then not judged against a target path,
    rather than against the organisation's base); entered by hand, the value typed on the
    indicator. `points`: the node's values, when already read."""
    year = indicator.baseline_year
    if not indicator.metric_key:
        return Baseline(year, float(indicator.baseline_value), BASE_TYPED)
    points = indicator_points(indicator, node) if points is None else points
    value = next((p.value for p in points if p.year == year), None)
    return Baseline(year, value, BASE_MISSING if value is None else BASE_SOURCE)


def indicator_status(indicator: Indicator, node: Node) -> IndicatorStatus:
    """Each value of the node against the straight target path from the node's baseline through
    the dated targets; the forecast extrapolates the values to the last target year. Values of
    years before the base year are shown as history but never judged, nor part of the trend (nor,
    through `on_track`, of a goal's status)."""
    targets = [(t.year, float(t.value)) for t in indicator.targets.all()]
    points = indicator_points(indicator, node)
    baseline = indicator_baseline(indicator, node, points)
    values = []
    for point in points:
        if point.year < baseline.year:
            values.append(ValueStatus(value=point, path=None, on_track=None, before_base=True))
            continue
        path = (
            None
            if baseline.value is None
            else path_value((baseline.year, baseline.value), targets, point.year)
        )
        on_track = None if path is None else is_on_track(indicator.direction, point.value, path)
        values.append(ValueStatus(value=point, path=path, on_track=on_track))
    last_target = max(targets) if targets else None
    prognosis = (
        forecast(
            [(v.value.year, float(v.value.value)) for v in values],
            last_target,
            indicator.direction,
            bounds=SHARE_BOUNDS if is_share_unit(indicator.unit) else None,
            since=baseline.year,
        )
        if last_target
        else None
    )
    return IndicatorStatus(
        indicator, node, values, values[-1] if values else None, prognosis, baseline
    )
