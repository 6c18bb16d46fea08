"""Trends, pathways and carbon budgets (METHODS.md §2–3, docs/methods/carbon-budgets.md).

Pure Python on purpose: the series are short (≤ 40 points) and there are a few hundred of them, so
plain floats beat building frames. Units: emissions in tonnes per year (`_t`), budgets and sums in
tonnes (`_t`), years as calendar years (a fractional year is a point in time: 2025.5 is mid-2025).

Conventions for an exponential pathway (every result names the one it used):

* ``continuous``: P(t) = E0·exp(−(E0/B)(t − t0)); the integral from t0 to ∞ is B.
* ``discrete-next``: E(t0 + n) = E0(1 − r)^n, the first cut the year after t0; Σ n ≥ 1 is B,
  so r = E0/(B + E0).
* ``discrete-incl``: the same, with t0 counted in the budget; Σ n ≥ 0 is B, so r = E0/B.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

Convention = Literal["continuous", "discrete-next", "discrete-incl"]
CONVENTIONS: tuple[str, ...] = get_args(Convention)
CARBON_LAW_RATE = 0.1172  # 11.72 % a year (Rockström et al. 2017 as Klimatkollen applies it)
CARBON_LAW_RATE_1_7 = 0.0738  # for a 1.7/2 °C budget
YEAR_SECONDS = 365 * 24 * 60 * 60  # Klimatkollen's year: 365 days, no leap days


class PathwayError(ValueError):
    """An impossible pathway (negative emissions or budget, unknown convention)."""


def _check(e0_t: float, budget_t: float, convention: str) -> None:
    if convention not in CONVENTIONS:
        raise PathwayError(f"unknown convention {convention!r}; one of {', '.join(CONVENTIONS)}")
    if not (math.isfinite(e0_t) and math.isfinite(budget_t)) or e0_t < 0 or budget_t <= 0:
        raise PathwayError("E0 must be ≥ 0 and the budget > 0 (tonnes)")


def required_cut(e0_t: float, budget_t: float, convention: Convention) -> float:
    """The constant annual cut r (a fraction, 0…1) that spends `budget_t` exactly when the start
    year emits `e0_t`. ``discrete-incl`` gives 1 when E0 ≥ B (the start year alone spends it)."""
    _check(e0_t, budget_t, convention)
    if convention == "continuous":
        return 1.0 - math.exp(-e0_t / budget_t)
    if convention == "discrete-next":
        return e0_t / (budget_t + e0_t)
    return min(1.0, e0_t / budget_t)


def exponential_path(
    e0_t: float, budget_t: float, start_year: int, until_year: int, convention: Convention
) -> dict[int, float]:
    """Emissions per year (t) from `start_year` to `until_year` inclusive on the exponential
    pathway that spends `budget_t` under `convention`."""
    _check(e0_t, budget_t, convention)
    if convention == "continuous":
        k = e0_t / budget_t
        return {
            y: e0_t * math.exp(-k * (y - start_year)) for y in range(start_year, until_year + 1)
        }
    keep = _kept(e0_t, budget_t, convention)
    return {y: e0_t * keep ** (y - start_year) for y in range(start_year, until_year + 1)}


def pathway_total(e0_t: float, budget_t: float, convention: Convention) -> float:
    """What the pathway emits in all (t) counted as its convention counts: the integral from t0
    (continuous), the sum from t0 + 1 (discrete-next) or from t0 (discrete-incl). Equals the
    budget, up to rounding; the start year alone when E0 ≥ B under discrete-incl."""
    _check(e0_t, budget_t, convention)
    if e0_t == 0:
        return 0.0
    if convention == "continuous":
        k = e0_t / budget_t
        return e0_t / k
    r = required_cut(e0_t, budget_t, convention)
    if convention == "discrete-next":
        return e0_t * _kept(e0_t, budget_t, convention) / r
    return e0_t / r


def _kept(e0_t: float, budget_t: float, convention: Convention) -> float:
    """1 − r for the discrete conventions, without the cancellation of 1 − r when r ≈ 1."""
    if convention == "discrete-next":
        return budget_t / (budget_t + e0_t)
    return max(0.0, 1.0 - e0_t / budget_t)


def linear_path(e0_t: float, start_year: int, zero_year: int) -> dict[int, float]:
    """Linear to zero in `zero_year`: E(t) = E0·(T − t)/(T − t0) for t0 ≤ t ≤ T. Its cumulative
    emissions (the integral, or the trapezoid sum over the years) are E0·(T − t0)/2."""
    if zero_year <= start_year:
        raise PathwayError("the zero year must come after the start year")
    span = zero_year - start_year
    return {y: e0_t * (zero_year - y) / span for y in range(start_year, zero_year + 1)}


def carbon_law_path(
    e0_t: float, start_year: int, until_year: int, rate: float = CARBON_LAW_RATE
) -> dict[int, float]:
    """C(y) = E0·(1 − rate)^(y − t0), by repeated multiplication as Klimatkollen computes it."""
    path: dict[int, float] = {}
    value = e0_t
    for year in range(start_year, until_year + 1):
        path[year] = value
        value = max(0.0, value * (1.0 - rate))
    return path


def trapezoid(values: Sequence[float]) -> float:
    """The trapezoid-rule integral of yearly values one year apart (t)."""
    if len(values) < 2:
        return 0.0
    return sum(values) - (values[0] + values[-1]) / 2.0


def remaining_budget(budget_t: float, emissions_t: Iterable[float]) -> float:
    """The budget less what has been emitted since it started (t); negative when overspent."""
    return budget_t - math.fsum(emissions_t)


# ---------------------------------------------------------------------------------------------
# Trend lines


@dataclass(frozen=True)
class Line:
    """f(t) = slope·t + intercept, t in calendar years, f in t/yr."""

    slope: float
    intercept: float

    def at(self, year: float) -> float:
        return self.slope * year + self.intercept

    def floored(self, year: float) -> float:
        """The line's value, never below zero (how every published trend is cut)."""
        return max(0.0, self.at(year))

    def shifted_through(self, year: float, value: float) -> Line:
        """The same slope, moved to pass through (year, value)."""
        return Line(self.slope, value - self.slope * year)

    def net_zero_year(self) -> float | None:
        """t* = −m/k where a falling line reaches zero; None when it never falls."""
        if self.slope >= 0:
            return None
        return -self.intercept / self.slope


def ols_line(years: Sequence[float], values: Sequence[float]) -> Line:
    """Ordinary least squares (as numpy.polyfit(x, y, 1)), computed about the mean year."""
    n = len(years)
    if n < 2 or len(values) != n:
        raise PathwayError("a trend needs at least two (year, value) pairs")
    if not all(math.isfinite(v) for v in (*years, *values)):
        raise PathwayError("a trend needs finite values")
    mean_x = math.fsum(years) / n
    mean_y = math.fsum(values) / n
    sxx = math.fsum((x - mean_x) ** 2 for x in years)
    if sxx == 0:
        raise PathwayError("a trend needs at least two different years")
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(years, values, strict=True))
    slope = sxy / sxx
    return Line(slope, mean_y - slope * mean_x)


def _l1_cost(
    x0: float, xs: Sequence[float], ys: Sequence[float], slope: float, level: float
) -> float:
    return math.fsum(abs(y - (level + slope * (x - x0))) for x, y in zip(xs, ys, strict=True))


def lad_line(years: Sequence[float], values: Sequence[float]) -> Line:
    """Least absolute deviations (median regression): the true L1 minimiser.

    Some L1-optimal line passes through two of the points, so every line through a pair of points
    with different years is tried (n ≤ 40: at most 780 lines). When several lines tie (within
    1e-9 relative) the optimal set is a convex polygon; the result is then the point statsmodels'
    QuantReg reaches (as Klimatkollen computes it) if that point is optimal, else the mean of the
    tied lines: a minimiser either way (the QuantReg point to within its 1e-6 stopping rule),
    and deterministic. Years are centred on the last one, as
    Klimatkollen does.
    """
    n = len(years)
    if n < 2 or len(values) != n:
        raise PathwayError("a trend needs at least two (year, value) pairs")
    x0 = float(years[-1])
    xs = [float(x) - x0 for x in years]
    ys = [float(y) for y in values]
    candidates: list[tuple[float, float, float]] = []  # (cost, slope, level at x0)
    for i in range(n):
        for j in range(i + 1, n):
            if xs[i] == xs[j]:
                continue
            slope = (ys[j] - ys[i]) / (xs[j] - xs[i])
            level = ys[i] - slope * xs[i]
            candidates.append((_l1_cost(0.0, xs, ys, slope, level), slope, level))
    if not candidates:
        raise PathwayError("a trend needs at least two different years")
    best = min(c[0] for c in candidates)
    tolerance = 1e-9 * max(1.0, best, max(abs(y) for y in ys))
    tied = sorted({(s, m) for cost, s, m in candidates if cost <= best + tolerance})
    if len(tied) == 1:
        slope, level = tied[0]
        return Line(slope, level - slope * x0)
    # Several optimal lines: the L1 minimisers form a convex set. Klimatkollen's statsmodels
    # QuantReg lands on one point of it; take that point when it is optimal (it always has been
    # on the published data), else the mean of the tied lines.
    irls = _quantreg_irls(xs, ys)
    # IRLS stops within 1e-6 of its limit: optimal to ~1e-8 relative, accepted at 1e-6
    if irls is not None and _l1_cost(0.0, xs, ys, *irls) <= best + 1e-6 * max(1.0, best):
        slope, level = irls
    else:
        slope = math.fsum(s for s, _ in tied) / len(tied)
        level = math.fsum(m for _, m in tied) / len(tied)
    return Line(slope, level - slope * x0)


def _quantreg_irls(
    xs: Sequence[float], ys: Sequence[float], p_tol: float = 1e-6, max_iter: int = 1000
) -> tuple[float, float] | None:
    """Median regression by iteratively reweighted least squares, step for step as statsmodels'
    QuantReg(q=0.5).fit() does it (start from OLS, weights 1/|residual| with residuals below
    1e-6 lifted to 1e-6, stop when no parameter moves more than `p_tol`). Returns (slope,
    level at x = 0), or None for a singular system."""
    weights = [1.0] * len(xs)
    slope, level = 1.0, 1.0
    for _ in range(max_iter):
        a = math.fsum(weights)
        b = math.fsum(w * x for w, x in zip(weights, xs, strict=True))
        c = math.fsum(w * x * x for w, x in zip(weights, xs, strict=True))
        d = math.fsum(w * y for w, y in zip(weights, ys, strict=True))
        e = math.fsum(w * x * y for w, x, y in zip(weights, xs, ys, strict=True))
        determinant = a * c - b * b
        if determinant == 0:
            return None
        new_level, new_slope = (c * d - b * e) / determinant, (a * e - b * d) / determinant
        moved = max(abs(new_level - level), abs(new_slope - slope))
        level, slope = new_level, new_slope
        residuals = [y - (level + slope * x) for x, y in zip(xs, ys, strict=True)]
        weights = [1.0 / (0.5 * max(abs(r), 1e-6)) for r in residuals]
        if moved <= p_tol:
            break
    return slope, level


def lad_line_anchored(years: Sequence[float], values: Sequence[float]) -> Line:
    """The LAD line shifted to pass through the last observed value (Klimatkollen 2026)."""
    return lad_line(years, values).shifted_through(years[-1], values[-1])


# ---------------------------------------------------------------------------------------------
# Dates from fractional years


def fractional_year_to_date(year: float, anchor_year: int) -> datetime.date | None:
    """Jan 1 of `anchor_year` + (year − anchor)·365 days, the seconds truncated as Klimatkollen
    does; None beyond the calendar (year 9999)."""
    if not math.isfinite(year) or not (1 <= year < 9999):
        return None
    seconds = int((year - anchor_year) * YEAR_SECONDS)
    return (datetime.datetime(anchor_year, 1, 1) + datetime.timedelta(seconds=seconds)).date()


def year_of_point(year: float) -> datetime.date | None:
    """A fractional year as a date anchored on its own whole year (Klimatkollen 2026)."""
    if not math.isfinite(year) or not (1 <= year < 9999):
        return None
    whole = int(year)
    return fractional_year_to_date(year, whole)


# ---------------------------------------------------------------------------------------------
# Budgets on a trend


def budget_runs_out(
    line: Line, budget_t: float, trend_t: Mapping[int, float], start_year: int
) -> float | None:
    """The fractional year the budget is spent when emissions follow `line` (Klimatkollen 2024).

    `trend_t` holds the floored trend per year from `start_year` (to 2050). If its trapezoid sum
    is at most the budget, the budget holds (None). Otherwise the first year is taken off as a
    trapezoid, B' = B − (T0 + T1)/2, and ∫ from t1 = start + 1 to x of (k·t + m) dt = B' is
    solved for x. None also when the line never spends B' (it reaches zero first).
    """
    years = sorted(y for y in trend_t if y >= start_year)
    values = [trend_t[y] for y in years]
    if trapezoid(values) <= budget_t:
        return None
    rest = budget_t - (values[0] + values[1]) / 2.0
    t1 = start_year + 1
    k, m = line.slope, line.intercept
    if k == 0:
        return t1 + rest / m if m > 0 else None
    discriminant = 2 * rest * k + (k * t1 + m) ** 2
    if discriminant < 0:
        return None
    return (math.sqrt(discriminant) - m) / k


def cagr_pct(first_t: float, last_t: float, years: float) -> float:
    """Compound annual growth rate in % between two values `years` apart."""
    return 100.0 * ((last_t / first_t) ** (1.0 / years) - 1.0)


def mean_annual_change_pct(values: Sequence[float]) -> float:
    """Arithmetic mean of the year-on-year changes in %."""
    changes = [(b - a) / a for a, b in itertools.pairwise(values)]
    return 100.0 * sum(changes) / len(changes)
