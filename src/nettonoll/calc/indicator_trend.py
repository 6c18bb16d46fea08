"""An indicator's trend as public indicator sites show it: the latest value against the one
before it, judged by the indicator's direction (pure; docs/public-pages.md).

Rule: the change from the previous value to the latest, relative to the previous value; under
1 % either way (or both zero) is "unchanged"; otherwise "improving" when the change goes the
way the indicator should go (down for `decrease`, up for `increase`), else "worsening". With
fewer than two values there is no trend."""

from collections.abc import Sequence

IMPROVING = "improving"
UNCHANGED = "unchanged"
WORSENING = "worsening"
UNCHANGED_BELOW = 0.01  # a relative change smaller than this is no change


def indicator_trend(values: Sequence[tuple[int, float]], direction: str) -> str | None:
    """IMPROVING, UNCHANGED or WORSENING for the values (year, value); None without two values."""
    if len(values) < 2:
        return None
    ordered = sorted(values)
    previous, latest = ordered[-2][1], ordered[-1][1]
    change = latest - previous
    if previous == 0:
        if change == 0:
            return UNCHANGED
    elif abs(change / previous) < UNCHANGED_BELOW:
        return UNCHANGED
    goes_down = change < 0
    return IMPROVING if goes_down == (direction == "decrease") else WORSENING


def trend_shares(trends: Sequence[str | None]) -> dict[str, float]:
    """The share (0–100) of the judged indicators improving, unchanged and worsening."""
    judged = [t for t in trends if t is not None]
    if not judged:
        return {IMPROVING: 0.0, UNCHANGED: 0.0, WORSENING: 0.0}
    return {k: 100.0 * judged.count(k) / len(judged) for k in (IMPROVING, UNCHANGED, WORSENING)}
