"""The reuse page (items, avoided emissions and cost per year, unit and item type, beside the
klimatbokslut) and the co-loading page (share per year, month and site). Readers of the node
may see them; the figures cover the node's subtree."""

import datetime
import re
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.views.decorators.http import require_GET

from nettonoll.calc.reuse import factor_table
from nettonoll.circular import selectors
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import Access, access_of
from nettonoll.organisations.models import Node, Organisation, Role
from nettonoll.registers.fleet_views import pct_text


def number_text(value: Decimal | int | float | None, places: int = 0) -> str:
    """A number as Swedish pages write it ("1 690", "1,7"); "–" without a value."""
    if value is None:
        return "–"
    rounded = round(Decimal(str(value)), places)
    return formats.number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)


def _year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for (?year=), else the latest complete year with figures, else the
    latest year with figures (the current one, preliminary), else this year."""
    text = request.GET.get("year", "")
    if text.isdigit() and 1900 <= int(text) <= 2100:
        return int(text)
    current = datetime.date.today().year
    complete = [y for y in years if y < current]
    return max(complete or years or [current])


def source_parts(source: str) -> tuple[str, str]:
    """A factor's source as words and its link ("", when it names none)."""
    found = re.search(r"https?://\S+", source)
    link = found.group(0) if found else ""
    words = source.replace(link, "").replace("[verify]", "").strip(" ,;")
    return words, link


def _place(request: HttpRequest, org_code: str) -> tuple[Organisation, Node, Access]:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    return organisation, node, access


@login_required
@require_GET
def reuse_overview(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation, node, access = _place(request, org_code)
    by_year = selectors.reuse_by_year(node)
    year = _year(request, list(by_year))
    found = by_year.get(year)
    table = factor_table()
    today = datetime.date.today()
    return render(
        request,
        "circular/reuse.html",
        {
            "organisation": organisation,
            "node": node,
            "crumbs": access.crumbs(node),
            "children": org_selectors.node_children(node),
            "year": year,
            "years": sorted(set(by_year) | {year}, reverse=True),
            "version": table.version,
            "years_rows": [
                {
                    "year": y,
                    "items": number_text(a.items),
                    "t_co2e": number_text(a.avoided_t_co2e, 1),
                    "sek": number_text(a.avoided_cost_sek),
                    "preliminary": y >= today.year,
                }
                for y, a in sorted(by_year.items(), reverse=True)
            ],
            "total": found,
            "total_t": number_text(found.avoided_t_co2e, 1) if found else "–",
            "total_items": number_text(found.items) if found else "–",
            "total_sek": number_text(found.avoided_cost_sek) if found else "–",
            "types": [
                {
                    "type": item_type.capitalize(),
                    "items": number_text(items),
                    "t_co2e": number_text(t, 2),
                    "sek": number_text(sek),
                }
                for item_type, (items, t, sek) in (found.by_type.items() if found else ())
            ],
            "units": [
                {
                    "node": u.node,
                    "items": number_text(u.avoided.items),
                    "t_co2e": number_text(u.avoided.avoided_t_co2e, 2),
                    "sek": number_text(u.avoided.avoided_cost_sek),
                }
                for u in selectors.reuse_by_unit(node, year)
            ],
            "factors": [
                {
                    "type": f.item_type.capitalize(),
                    "new": number_text(f.new_kg_co2e),
                    "substitution": number_text(f.substitution_rate, 2),
                    "recon": number_text(f.reconditioning_kg_co2e),
                    "transport": number_text(f.transport_kg_co2e),
                    "avoided": number_text(f.avoided_kg_per_item),
                    "price": number_text(f.new_price_sek),
                    "source": source_parts(f.source)[0],
                    "link": source_parts(f.source)[1],
                    "verify": f.needs_verifying,
                }
                for f in table.factors.values()
            ],
            "systems": [
                (s, number_text(s.volume, 0 if s.volume == int(s.volume) else 1))
                for s in selectors.circular_systems(node, today)
            ],
            "can_import": access.has(access.root(organisation), Role.STRATEGIST),
        },
    )


@login_required
@require_GET
def coloading_overview(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation, node, access = _place(request, org_code)
    by_year = selectors.deliveries_by_year(node)
    year = _year(request, list(by_year))
    today = datetime.date.today()
    months = selectors.delivery_months(node, year)
    return render(
        request,
        "circular/coloading.html",
        {
            "organisation": organisation,
            "node": node,
            "crumbs": access.crumbs(node),
            "children": org_selectors.node_children(node),
            "year": year,
            "years": sorted(set(by_year) | {year}, reverse=True),
            "years_rows": [
                {
                    "year": y,
                    "deliveries": number_text(d.deliveries),
                    "coloaded": number_text(d.coloaded),
                    "share": pct_text(float(d.share_pct) if d.share_pct is not None else None),
                    "km": number_text(d.vehicle_km),
                    "preliminary": y >= today.year,
                }
                for y, d in sorted(by_year.items(), reverse=True)
            ],
            "months": [
                {
                    "month": m.month,
                    "site": m.site_name or m.site_code,
                    "code": m.site_code,
                    "unit": m.node_name,
                    "deliveries": number_text(m.deliveries),
                    "coloaded": number_text(m.coloaded),
                    "share": pct_text(float(m.share_pct) if m.share_pct is not None else None),
                    "km": number_text(m.vehicle_km),
                }
                for m in months
            ],
            "can_import": access.has(access.root(organisation), Role.STRATEGIST),
        },
    )
