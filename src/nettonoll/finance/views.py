"""The green finance page: green bonds outstanding on 31 December with their allocated share,
projects and reported impact, and the holdings with their fossil-free share by value. Readers
of the node may see it; bonds and holdings belong to the organisation's root, so a unit's page
shows none."""

import datetime
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.views.decorators.http import require_GET

from nettonoll.calc import green_finance
from nettonoll.finance import selectors
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.registers.fleet_views import pct_text


def number_text(value: Decimal | int | None, places: int = 0) -> str:
    if value is None:
        return "–"
    rounded = round(Decimal(value), places)
    return formats.number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)


def _pct(value: Decimal | None) -> str:
    return pct_text(float(value) if value is not None else None)


@login_required
@require_GET
def overview(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    today = datetime.date.today()
    allocated = selectors.allocated_pct_by_year(node)
    impact = selectors.impact_by_year(node)
    fossil_free = selectors.fossil_free_pct_by_year(node)
    years = sorted(set(allocated) | set(impact) | set(fossil_free), reverse=True)
    text = request.GET.get("year", "")
    complete = [y for y in years if y < today.year]
    default = max(complete or years or [today.year])
    year = int(text) if text.isdigit() and 1900 <= int(text) <= 2100 else default
    day = selectors.year_end(year)
    bonds = selectors.bonds_outstanding(node, day)
    holdings = selectors.holdings_held(node, day)
    total, free = selectors.holdings_totals(holdings)
    share = green_finance.allocated_pct(
        green_finance.Bond(b.bond.amount_sek, b.allocated_sek, b.impact_t_co2e or Decimal(0))
        for b in bonds
    )
    root = access.root(organisation)
    return render(
        request,
        "finance/overview.html",
        {
            "organisation": organisation,
            "node": node,
            "crumbs": access.crumbs(node),
            "year": year,
            "years": sorted(set(years) | {year, today.year}, reverse=True),
            "preliminary": year >= today.year,
            "years_rows": [
                {
                    "year": y,
                    "allocated": _pct(allocated.get(y)),
                    "impact": number_text(impact.get(y), 1),
                    "fossil_free": _pct(fossil_free.get(y)),
                    "preliminary": y >= today.year,
                }
                for y in years
            ],
            "bonds": [
                {
                    "state": b,
                    "amount": number_text(b.bond.amount_sek),
                    "allocated": number_text(b.allocated_sek),
                    "share": _pct(b.allocated_pct),
                    "impact": number_text(b.impact_t_co2e, 1),
                    "projects": [
                        {
                            "project": p,
                            "allocated": number_text(p.allocated_sek),
                            "impact": number_text(p.impact_t_co2e, 1),
                        }
                        for p in b.projects
                    ],
                }
                for b in bonds
            ],
            "bonds_share": _pct(share),
            "bonds_impact": number_text(selectors.reported_sum(b.impact_t_co2e for b in bonds), 1),
            "holdings": [(h, number_text(h.value_sek)) for h in holdings],
            "holdings_total": number_text(total),
            "holdings_share": _pct(green_finance.share_pct(free, total)),
            "can_import": root is not None and access.has(root, Role.STRATEGIST),
        },
    )
