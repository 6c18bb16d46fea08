"""The klimatbokslut of a node in figures, for scripts (`nettonoll klimatbokslut show`): totals
of a year by scope, category and org unit (ended units rolled up into their current successors),
every year's total, the preliminary, reported and closed years, and the GWP set."""

from collections import defaultdict
from typing import Any

from django.db.models import Sum

from nettonoll.calc.inventory import DECIMALS
from nettonoll.emissions.models import FactorSet, InventoryResult
from nettonoll.emissions.years import (
    reported_applies,
    reported_totals_of,
    year_closings,
    year_totals,
)
from nettonoll.organisations.models import Node
from nettonoll.organisations.selectors import successor_map


def _t(value: float) -> float:
    return round(float(value), DECIMALS)


def _keyed(pairs: Any) -> dict[str, float]:
    summed: dict[str, float] = defaultdict(float)
    for key, value in pairs:
        summed[str(key)] += float(value)
    return {k: _t(v) for k, v in sorted(summed.items())}


def klimatbokslut_summary(node: Node, year: int | None = None) -> dict[str, Any]:
    """The figures of `year` (by default the latest complete year, as the page opens on)."""
    organisation = node.organisation
    totals = year_totals(node)
    per_year = totals.all_years
    if year is None:
        complete = sorted(totals.complete)
        year = complete[-1] if complete else (max(per_year) if per_year else None)
    factor_set = FactorSet.objects.filter(organisation=organisation).first()
    results = InventoryResult.objects.filter(
        organisation=organisation, node__path__startswith=node.path, year=year or 0
    )
    by_scope: dict[str, float]
    if year in totals.reported:
        rows = reported_totals_of(organisation).filter(year=year)
        by_scope = _keyed(rows.values_list("scope").annotate(t=Sum("t_co2e")))
        by_category = _keyed(
            rows.exclude(category="").values_list("category").annotate(t=Sum("t_co2e"))
        )
        by_org_unit = {node.code: _t(per_year[year])} if year else {}
    else:
        by_scope = _keyed(results.values_list("scope").annotate(t=Sum("emissions_t_co2e")))
        by_category = _keyed(results.values_list("category").annotate(t=Sum("emissions_t_co2e")))
        successors = successor_map(organisation)
        codes = dict(Node.objects.filter(organisation=organisation).values_list("pk", "code"))
        by_org_unit = _keyed(
            (codes[successors.get(node_id, node_id)], t)
            for node_id, t in results.values_list("node_id").annotate(t=Sum("emissions_t_co2e"))
        )
    reported_notes = []
    if reported_applies(node) and year is not None and year not in totals.reported:
        reported_notes = [
            {"scope": r.scope, "category": r.category, "t_co2e": r.t_co2e, "source": r.source}
            for r in reported_totals_of(organisation).filter(year=year)
        ]
    return {
        "organisation": organisation.code,
        "node": node.code,
        "year": year,
        "year_status": (
            None
            if year is None
            else "preliminary"
            if year in totals.preliminary
            else "reported"
            if year in totals.reported
            else "complete"
        ),
        "gwp_set": factor_set.gwp_set if factor_set else "AR5",
        "factor_set_version": factor_set.version if factor_set else None,
        "total_t_co2e": _t(per_year.get(year, 0.0)) if year is not None else 0.0,
        "by_year": {str(y): _t(t) for y, t in per_year.items()},
        "by_scope": by_scope,
        "by_category": by_category,
        "by_org_unit": by_org_unit,
        "preliminary_years": sorted(totals.preliminary),
        "data_through": {
            str(y): f"{y}-{m:02d}" if m else None for y, m in sorted(totals.months.items())
        },
        "reported_years": sorted(totals.reported),
        "reported_notes": reported_notes,
        "closed_years": sorted(y for y, c in year_closings(organisation).items() if c.closed),
    }
