"""An organisation's own carbon budget and its climate action plan (METHODS.md §3, last part;
docs/methods/carbon-budgets.md).

The Uppsala budgets are territorial, so an organisation's budget is derived, and every figure is
labelled with its derivation:

* ``county-rate`` (a): the county's required annual cut (from its municipalities' klimatkollen-2024
  budgets) applied to the organisation's emissions in the start year;
* ``target-path`` (b): the area under the adopted target path, linear to net zero in a year;
* ``carbon-law`` (c): the Carbon Law (−11.72 % a year) from the start year;
* ``decided`` (d): a budget in tonnes entered by decision, spent on an exponential pathway.

Units: emissions per year in t CO2e (`_t`), budgets and sums in t CO2e, rates as fractions
(`_rate`) or per cent (`_pct`), costs in SEK.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from nettonoll.calc.pathways import (
    CARBON_LAW_RATE,
    Convention,
    Line,
    PathwayError,
    exponential_path,
    linear_path,
    ols_line,
    required_cut,
)

Derivation = Literal["county-rate", "target-path", "carbon-law", "decided"]
DERIVATIONS: tuple[str, ...] = get_args(Derivation)


def budget_for_rate(e0_t: float, rate: float, convention: Convention) -> float:
    """The budget (t) that a constant annual cut `rate` from `e0_t` spends under `convention`:
    the inverse of `pathways.required_cut`."""
    if not 0 < rate < 1 or e0_t < 0:
        raise PathwayError("the rate must lie between 0 and 1 and E0 be ≥ 0")
    if convention == "continuous":
        return -e0_t / math.log(1.0 - rate)
    if convention == "discrete-next":
        return e0_t / rate - e0_t
    return e0_t / rate


@dataclass(frozen=True)
class BudgetSettings:
    """How the organisation's budget is derived. `start_year`: the pathway's first year (t0),
    whose actual emissions are E0."""

    derivation: Derivation
    start_year: int
    convention: Convention = "discrete-next"
    county_rate: float | None = None  # (a): the county's required cut, a fraction
    zero_year: int | None = None  # (b): net zero in this year
    decided_budget_t: float | None = None  # (d)
    until_year: int = 2050


@dataclass(frozen=True)
class Target:
    """A target: emissions at most `limit_t` in `year`, on track by `rule`: ``actual`` (the
    year's actual ≤ limit), ``trend`` (the trend's value ≤ limit) or ``none`` (neither exists)."""

    name: str
    year: int
    limit_t: float
    expected_t: float | None
    on_track: bool | None
    rule: str


@dataclass(frozen=True)
class BudgetAssessment:
    derivation: Derivation
    convention: Convention
    start_year: int
    e0_t: float
    budget_t: float
    rate: float  # the pathway's constant annual cut (a fraction); linear paths: the first year's
    path_t: dict[int, float]
    actual_t: dict[int, float]
    emitted_t: float  # since the budget started, counted as the convention counts
    remaining_t: float
    trend: Line | None
    trend_t: dict[int, float]  # the floored trend after the last actual year
    runs_out_year: float | None  # the fractional year the budget is spent on the trend
    required_cut_pct: float | None  # from the last actual year, to stay within what remains
    last_year: int | None
    targets: list[Target] = field(default_factory=list)
    # preliminary years (calc.completeness): shown beside, never in the trend, the verdicts,
    # the run-out year, the required cut or what has been emitted so far
    preliminary_t: dict[int, float] = field(default_factory=dict)

    @property
    def trend_years(self) -> list[int]:
        """The years the trend, the emitted sum and the verdicts are made of."""
        return sorted(self.actual_t)

    @property
    def is_spent(self) -> bool:
        return self.remaining_t <= 0

    @property
    def rate_pct(self) -> float:
        return 100.0 * self.rate

    @property
    def runs_out_in_year(self) -> int | None:
        """The calendar year in which the budget is spent (2031.99 is during 2031)."""
        return math.floor(self.runs_out_year) if self.runs_out_year is not None else None


def derive_budget(settings: BudgetSettings, e0_t: float) -> tuple[float, float, dict[int, float]]:
    """(budget t, annual cut rate, pathway year → t) for a derivation; see the module docstring."""
    s = settings
    if s.derivation == "target-path":
        if s.zero_year is None:
            raise PathwayError("a target path needs its net-zero year")
        path = linear_path(e0_t, s.start_year, s.zero_year)
        path.update({y: 0.0 for y in range(s.zero_year + 1, s.until_year + 1)})
        span = s.zero_year - s.start_year
        # what the line emits as the convention counts: the integral (continuous), the yearly
        # values from t0 + 1 (discrete-next) or from t0 (discrete-incl)
        counted = {"continuous": span, "discrete-next": span - 1, "discrete-incl": span + 1}
        budget = e0_t * counted[s.convention] / 2.0
        return budget, 1.0 / span, path
    if s.derivation == "decided":
        if not s.decided_budget_t or s.decided_budget_t <= 0:
            raise PathwayError("a decided budget must be a positive number of tonnes")
        budget = s.decided_budget_t
        rate = required_cut(e0_t, budget, s.convention)
    else:
        rate = CARBON_LAW_RATE if s.derivation == "carbon-law" else (s.county_rate or 0.0)
        if not 0 < rate < 1:
            raise PathwayError("the county's required cut is missing")
        budget = budget_for_rate(e0_t, rate, s.convention)
    path = exponential_path(e0_t, budget, s.start_year, s.until_year, s.convention)
    return budget, rate, path


def _emitted(actual_t: Mapping[int, float], start_year: int, convention: Convention) -> float:
    """Emissions counted against the budget: from t0 + 1 under discrete-next, else from t0."""
    first = start_year + 1 if convention == "discrete-next" else start_year
    return math.fsum(v for y, v in actual_t.items() if y >= first)


def _runs_out(remaining_t: float, trend_t: Mapping[int, float]) -> float | None:
    """The fractional year the remaining budget is spent when the trend is followed year by
    year (spent evenly within a year); None when it lasts through the last trend year."""
    if remaining_t <= 0:
        return None
    left = remaining_t
    for year in sorted(trend_t):
        emitted = trend_t[year]
        if emitted >= left:
            return year + (left / emitted if emitted else 0.0)
        left -= emitted
    return None


def _required_cut_pct(last_t: float, remaining_t: float, convention: Convention) -> float | None:
    if remaining_t <= 0 or last_t <= 0:
        return None
    return 100.0 * required_cut(last_t, remaining_t, convention)


def assess(
    settings: BudgetSettings,
    actual_t: Mapping[int, float],
    targets: Sequence[tuple[str, int, float]] = (),
    preliminary_t: Mapping[int, float] | None = None,
) -> BudgetAssessment:
    """The budget against the organisation's actual emissions (year → t from the klimatbokslut,
    complete years only; `preliminary_t`, the preliminary years, is carried along to be shown
    beside and takes no part in any figure).

    E0 is the actual emissions of the start year (else the OLS trend's value there). The trend is
    the OLS line through every actual year, floored at zero. `targets`: (name, year, limit t);
    a target is on track when the actual (past years) or the trend (future years) is at most its
    limit.
    """
    actual = {int(y): float(v) for y, v in sorted(actual_t.items())}
    years = sorted(actual)
    trend = ols_line(years, [actual[y] for y in years]) if len(years) >= 2 else None
    if settings.start_year in actual:
        e0 = actual[settings.start_year]
    elif trend is not None:
        e0 = trend.floored(settings.start_year)
    elif years:
        e0 = actual[years[-1]]
    else:
        raise PathwayError("no emissions to start from")
    budget, rate, path = derive_budget(settings, e0)
    emitted = _emitted(actual, settings.start_year, settings.convention)
    remaining = budget - emitted
    last = years[-1] if years else None
    trend_t: dict[int, float] = {}
    if trend is not None and last is not None:
        trend_t = {y: trend.floored(y) for y in range(last + 1, settings.until_year + 1)}
    elif last is not None:
        trend_t = {y: actual[last] for y in range(last + 1, settings.until_year + 1)}
    assessed = []
    for name, year, limit in targets:
        if year in actual:
            expected: float | None = actual[year]
            rule = "actual"
        elif year in trend_t:
            expected, rule = trend_t[year], "trend"
        else:
            expected, rule = None, "none"
        on_track = None if expected is None else expected <= limit + 1e-9
        assessed.append(Target(name, year, limit, expected, on_track, rule))
    return BudgetAssessment(
        derivation=settings.derivation,
        convention=settings.convention,
        start_year=settings.start_year,
        e0_t=e0,
        budget_t=budget,
        rate=rate,
        path_t=path,
        actual_t=actual,
        emitted_t=emitted,
        remaining_t=remaining,
        trend=trend,
        trend_t=trend_t,
        runs_out_year=_runs_out(remaining, trend_t),
        required_cut_pct=_required_cut_pct(
            actual[last] if last else e0, remaining, settings.convention
        ),
        last_year=last,
        targets=assessed,
        preliminary_t={
            int(y): float(v) for y, v in sorted((preliminary_t or {}).items()) if y not in actual
        },
    )


# ---------------------------------------------------------------------------------------------
# The climate action plan


@dataclass(frozen=True)
class Measure:
    """A measure of the climate action plan: an activity with an expected effect (t CO2e a
    year, from its start year on) and a cost (SEK, once)."""

    key: str
    title: str
    effect_t_per_yr: float
    start_year: int
    cost_sek: float | None = None


@dataclass(frozen=True)
class RankedMeasure:
    measure: Measure
    abated_t: float  # over its start year … end year
    cost_per_t_sek: float | None
    cumulative_effect_t_per_yr: float  # this and every cheaper measure


def abated_t(measure: Measure, end_year: int) -> float:
    """What a measure abates from its start year through `end_year` (t)."""
    return measure.effect_t_per_yr * max(0, end_year - measure.start_year + 1)


def mac_ranking(measures: Sequence[Measure], end_year: int) -> list[RankedMeasure]:
    """Measures by cost per tonne abated through `end_year`, cheapest first (a marginal
    abatement cost view); measures without a cost or effect come last, in title order."""
    rows = []
    for m in measures:
        abated = abated_t(m, end_year)
        cost = m.cost_sek / abated if m.cost_sek is not None and abated > 0 else None
        rows.append((m, abated, cost))
    rows.sort(key=lambda r: (r[2] is None, r[2] if r[2] is not None else 0.0, r[0].title))
    ranked, cumulative = [], 0.0
    for m, abated, cost in rows:
        cumulative += m.effect_t_per_yr
        ranked.append(RankedMeasure(m, abated, cost, cumulative))
    return ranked


def plan_effect_t(measures: Sequence[Measure], years: Sequence[int]) -> dict[int, float]:
    """The plan's effect per year (t): every measure counts from its start year on."""
    return {y: math.fsum(m.effect_t_per_yr for m in measures if m.start_year <= y) for y in years}


@dataclass(frozen=True)
class GapYear:
    year: int
    trend_t: float
    path_t: float
    gap_t: float  # trend − pathway, never below zero
    effect_t: float
    closed: bool


@dataclass(frozen=True)
class PlanVerdict:
    years: list[GapYear]
    closes: bool
    closes_from_year: int | None  # the first year from which every later gap is closed
    largest_shortfall_t: float
    largest_shortfall_year: int | None

    @property
    def has_gap(self) -> bool:
        """Whether the trend lies above the pathway in any year (else there is nothing to close)."""
        return any(row.gap_t > 1e-6 for row in self.years)


def plan_against_gap(
    measures: Sequence[Measure], trend_t: Mapping[int, float], path_t: Mapping[int, float]
) -> PlanVerdict:
    """The plan's cumulative effect against the gap between trend and pathway, year by year.
    The plan closes the gap from year Y when its effect is at least the gap in Y and in every
    year after (through the last year both series have)."""
    years = sorted(y for y in trend_t if y in path_t)
    effect = plan_effect_t(measures, years)
    rows = []
    for y in years:
        gap = max(0.0, trend_t[y] - path_t[y])
        rows.append(GapYear(y, trend_t[y], path_t[y], gap, effect[y], effect[y] >= gap - 1e-6))
    closes_from = None
    for row in reversed(rows):
        if not row.closed:
            break
        closes_from = row.year
    shortfalls = [(r.gap_t - r.effect_t, r.year) for r in rows if not r.closed]
    worst = max(shortfalls) if shortfalls else (0.0, None)
    return PlanVerdict(
        years=rows,
        closes=bool(rows) and closes_from is not None,
        closes_from_year=closes_from,
        largest_shortfall_t=worst[0],
        largest_shortfall_year=worst[1],
    )


def county_required_cut(
    municipal_budgets: Sequence[tuple[float, float]], convention: Convention
) -> float:
    """The county's required annual cut (a fraction) from its municipalities' klimatkollen-2024
    (E0 t, budget t): the summed E0 against the summed budget, under `convention`."""
    e0 = math.fsum(e for e, _b in municipal_budgets)
    budget = math.fsum(b for _e, b in municipal_budgets)
    return required_cut(e0, budget, convention)
