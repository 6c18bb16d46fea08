"""The fleet's fuel use page: the actual fossil-free share per year for a node's subtree, the
energy per fuel, the data used, and the fuel-card rows whose vehicle is not in the register."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from nettonoll.calc.categories import category_label
from nettonoll.organisations.access import access_of
from nettonoll.organisations.selectors import node_children
from nettonoll.registers import selectors
from nettonoll.registers.fuel_use import fuel_use_report

MJ_PER_MWH = 3600


@login_required
@require_GET
def fuel_use(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    report = fuel_use_report(node)
    years = [
        {
            "year": year,
            "share_pct": share.share_pct,
            "total_mwh": share.total_mj / MJ_PER_MWH,
            "renewable_mwh": share.renewable_mj / MJ_PER_MWH,
            "fuels": [
                {
                    "label": category_label(category),
                    "total_mwh": total / MJ_PER_MWH,
                    "renewable_mwh": renewable / MJ_PER_MWH,
                }
                for category, (total, renewable) in share.by_category.items()
            ],
            "unknown": sorted(category_label(c) + f" ({unit})" for c, unit in share.unknown),
        }
        for year, share in sorted(report.shares.items(), reverse=True)
    ]
    return render(
        request,
        "registers/fuel_use.html",
        {
            "organisation": organisation,
            "node": node,
            "breadcrumbs": access.crumbs(node),
            "current_is_last": True,
            "children": node_children(node),
            "years": years,
            "card_years": ", ".join(str(year) for year in sorted(report.shares)),
            "last_card_year": str(max(report.shares, default="")),
            "plug_in": selectors.plug_in_counts(node),
            "report": report,
            "sources": [(category_label(s.category), s) for s in report.sources],
            "unmatched": [(category_label(r.category), r) for r in report.unmatched],
        },
    )
