"""Goal status from activities and indicators; indicator target paths (docs/methods/progress.md).

Pure functions: statuses are plain strings so that the rules are tested without Django.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

NOT_ASSESSED = "not_assessed"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"

ACTIVITY_NOT_STARTED = "ej_paborjad"
ACTIVITY_IN_PROGRESS = "pagar"
ACTIVITY_DONE = "genomford"
ACTIVITY_CANCELLED = "avbruten"


def goal_status(activity_statuses: Sequence[str], indicators_on_track: Sequence[bool]) -> str:
    """Roll-up rule, applied to every activity and indicator linked to the goal in a subtree:

    1. an indicator off its target path → off track;
    2. no activity and no indicator → not assessed;
    3. at least half of the activities not started or cancelled → at risk;
    4. otherwise → on track.
    """
    if any(not on_track for on_track in indicators_on_track):
        return OFF_TRACK
    if not activity_statuses and not indicators_on_track:
        return NOT_ASSESSED
    stalled = sum(s in (ACTIVITY_NOT_STARTED, ACTIVITY_CANCELLED) for s in activity_statuses)
    if activity_statuses and stalled * 2 >= len(activity_statuses):
        return AT_RISK
    return ON_TRACK


def path_value(
    baseline: tuple[int, float], targets: Sequence[tuple[int, float]], year: int
) -> float:
    """The target path's value for `year`: straight lines from the baseline through each dated
    target; before the baseline the baseline value, after the last target the last value."""
    points = sorted([baseline, *targets])
    if year <= points[0][0]:
        return points[0][1]
    for (y0, v0), (y1, v1) in pairwise(points):
        if y0 <= year <= y1:
            return v0 if y1 == y0 else v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return points[-1][1]


def is_on_track(direction: str, value: float, path: float) -> bool:
    """On track when on the right side of the path: at or below it for `decrease`, at or above it
    for `increase`."""
    return value <= path if direction == "decrease" else value >= path


SHARE_BOUNDS = (0.0, 100.0)


def is_share_unit(unit: str) -> bool:
    """A unit that is a share of a whole, whose values and forecasts stay within 0–100: "%",
    "procent", "andel (%)", "% av fordonen", "Procent"."""
    text = unit.strip().lower()
    return text.startswith(("%", "procent", "andel", "percent")) or text.endswith("%")


@dataclass(frozen=True)
class Forecast:
    target_year: int
    forecast_value: float
    target_value: float
    miss: float  # how far the forecast misses the target, in the indicator's unit (0 = reaches it)


def forecast(
    values: Sequence[tuple[int, float]],
    target: tuple[int, float],
    direction: str,
    bounds: tuple[float, float] | None = None,
    since: int | None = None,
) -> Forecast | None:
    """Least-squares line through the observed values, extrapolated to the target year. With
    `bounds` (a share: 0–100 %), the forecast stays inside them: a trend cannot take a share
    past 100 % or below 0 %. With `since` (the indicator's base year), values of earlier years
    are history only: they are not part of the trend."""
    if since is not None:
        values = [(y, v) for y, v in values if y >= since]
    if len(values) < 2:
        return None
    xs = [float(y) for y, _ in values]
    ys = [v for _, v in values]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    predicted = mean_y + slope * (target[0] - mean_x)
    if bounds is not None:
        predicted = min(max(predicted, bounds[0]), bounds[1])
    gap = predicted - target[1] if direction == "decrease" else target[1] - predicted
    return Forecast(target[0], predicted, target[1], max(gap, 0.0))
