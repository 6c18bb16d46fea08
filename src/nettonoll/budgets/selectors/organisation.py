"""Reads for the organisation's carbon budget page: the budget's settings (adopted, or tried out
on the page), actual emissions from the klimatbokslut, the county's required cut, and the climate
action plan's measures (activities with an effect in CO2e a year; decision 0007)."""

import math
from dataclasses import dataclass, replace
from typing import cast

from django.utils.translation import gettext as _

from nettonoll.budgets.models import CarbonBudget
from nettonoll.budgets.selectors.county import municipal_budgets_2024
from nettonoll.calc.organisation_budget import (
    BudgetAssessment,
    BudgetSettings,
    Measure,
    PlanVerdict,
    RankedMeasure,
    assess,
    county_required_cut,
    mac_ranking,
    plan_against_gap,
    plan_effect_t,
)
from nettonoll.calc.pathways import Convention, PathwayError
from nettonoll.emissions.years import YearTotals, year_totals
from nettonoll.organisations.models import Organisation
from nettonoll.organisations.selectors import organisation_root
from nettonoll.plans.models import Activity, ActivityStatus

EFFECT_T_PER_UNIT = {"t CO2e/år": 1.0, "kg CO2e/år": 0.001}
UNTIL_YEAR = 2050
# more than a fifth of the world's yearly emissions: no organisation's klimatbokslut
PLAUSIBLE_T = 1e10


def carbon_budget_of(organisation: Organisation) -> CarbonBudget:
    """The adopted settings, or the defaults (unsaved) when nothing is adopted yet; the county
    whose required cut derivation (a) uses is then the organisation's own."""
    budget = CarbonBudget.objects.filter(organisation=organisation).first()
    if budget is None:
        budget = CarbonBudget(organisation=organisation, county_code=organisation.county_code)
    return budget


def county_rate(county_code: str, convention: str) -> float | None:
    """The county's required annual cut (a fraction): its municipalities' klimatkollen-2024 E0
    and budgets summed; None for an unknown county."""
    budgets = [(b.e0_t, b.budget_t) for b in municipal_budgets_2024(county_code)]
    if not budgets:
        return None
    return county_required_cut(budgets, cast(Convention, convention))


def measures_of(organisation: Organisation) -> list[tuple[Activity, Measure]]:
    """The action plan: the organisation's activities with an expected effect in CO2e a year,
    not cancelled; the start year is the year of `start_on` (else the year it was created)."""
    activities = (
        Activity.objects.filter(
            node__organisation=organisation,
            expected_effect_unit__in=list(EFFECT_T_PER_UNIT),
            expected_effect_quantity__isnull=False,
        )
        .exclude(status=ActivityStatus.CANCELLED)
        .select_related("node")
        .order_by("title")
    )
    return [
        (
            a,
            Measure(
                key=str(a.pk),
                title=a.title,
                effect_t_per_yr=float(a.expected_effect_quantity or 0)
                * EFFECT_T_PER_UNIT[a.expected_effect_unit],
                start_year=(a.start_on or a.created_at).year,
                cost_sek=float(a.cost_sek) if a.cost_sek is not None else None,
            ),
        )
        for a in activities
    ]


@dataclass(frozen=True)
class BudgetPage:
    budget: CarbonBudget
    assessment: BudgetAssessment | None
    problem: str  # why no assessment could be made (Swedish), else ""
    county_rate: float | None
    ranked: list[tuple[RankedMeasure, Activity]]
    verdict: PlanVerdict | None
    trend_with_plan_t: dict[int, float]
    plan_effect_t: dict[int, float]
    totals: YearTotals | None = None  # complete, preliminary (apart) and reported years

    @property
    def preliminary(self) -> list[tuple[int, float, str]]:
        """(year, t CO2e, "preliminärt, data t.o.m. mars 2025"): shown beside the figures."""
        if self.totals is None:
            return []
        return [(y, t, self.totals.note(y)) for y, t in self.totals.preliminary.items()]


def budget_page(organisation: Organisation, budget: CarbonBudget) -> BudgetPage:
    """Everything the budget page shows, for the given (adopted or tried-out) settings."""
    root = organisation_root(organisation)
    totals = year_totals(root) if root is not None else YearTotals({}, {})
    actual = totals.complete  # preliminary years never enter a figure (calc.completeness)
    rate = county_rate(budget.county_code, budget.convention) if budget.county_code else None
    measures = measures_of(organisation)
    by_key = {m.key: a for a, m in measures}
    ranked = [
        (r, by_key[r.measure.key])
        for r in mac_ranking([m for _a, m in measures], budget.net_zero_year)
    ]
    settings = BudgetSettings(
        derivation=budget.derivation,  # type: ignore[arg-type]
        start_year=budget.start_year,
        convention=budget.convention,  # type: ignore[arg-type]
        county_rate=rate,
        zero_year=budget.net_zero_year,
        decided_budget_t=budget.decided_budget_t,
        until_year=UNTIL_YEAR,
    )
    targets = [(_("Netto noll"), budget.net_zero_year, 0.0)]
    base = budget.reduction_base_year
    if base and budget.reduction_pct and budget.reduction_year and base in actual:
        limit = actual[base] * (1 - budget.reduction_pct / 100)
        targets.append(
            (
                _("−%(pct)d %% mot %(base)d") % {"pct": budget.reduction_pct, "base": base},
                budget.reduction_year,
                limit,
            )
        )
    if not actual:
        problem = (
            _("Inget fullständigt år i klimatbokslutet ännu.")
            if totals.preliminary
            else _("Inget klimatbokslut ännu.")
        )
        return BudgetPage(budget, None, problem, rate, ranked, None, {}, {}, totals)
    absurd = sorted(y for y, t in actual.items() if not math.isfinite(t) or abs(t) > PLAUSIBLE_T)
    if absurd:  # data stored before imports had bounds: say where, never overflow
        problem = _(
            "Klimatbokslutet har orimligt stora utsläpp för %(years)s (över %(limit)s ton CO2e "
            "på ett år), så budgeten kan inte beräknas. Rätta eller ersätt de importerade "
            "verksamhetsdata för de åren."
        ) % {"years": ", ".join(str(y) for y in absurd), "limit": "10 000 000 000"}
        return BudgetPage(budget, None, problem, rate, ranked, None, {}, {}, totals)
    try:
        assessment = assess(settings, actual, targets, totals.preliminary)
    except PathwayError:
        problem = {
            "county-rate": _("Länets minskningstakt saknas: ange ett län med länskod."),
            "decided": _("Ange den beslutade budgeten i ton CO2e."),
        }.get(budget.derivation, _("Budgeten kan inte beräknas med de här värdena."))
        return BudgetPage(budget, None, problem, rate, ranked, None, {}, {}, totals)
    path_ahead = {y: v for y, v in assessment.path_t.items() if y in assessment.trend_t}
    verdict = plan_against_gap([m for _a, m in measures], assessment.trend_t, path_ahead)
    effect = plan_effect_t([m for _a, m in measures], sorted(assessment.trend_t))
    with_plan = {y: max(0.0, t - effect[y]) for y, t in assessment.trend_t.items()}
    # milestones: the pathway's value in 2030 and 2040 as targets of their own
    milestones = [
        (_("Delmål: budgetbanan %(year)d") % {"year": y}, y, assessment.path_t[y])
        for y in (2030, 2040)
        if y in assessment.path_t and y > (assessment.last_year or 0)
    ]
    if milestones:
        assessment = replace(
            assessment, targets=assessment.targets + assess(settings, actual, milestones).targets
        )
    return BudgetPage(budget, assessment, "", rate, ranked, verdict, with_plan, effect, totals)
