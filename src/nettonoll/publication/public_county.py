"""The county view for everyone (/offentlig/lan/): the same public statistics and charts as the
logged-in county view (nettonoll.budgets county), without login, cacheable."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from nettonoll.budgets.selectors import county as selectors
from nettonoll.budgets.views.county import (
    _label,
    _law_chart,
    _sector_chart,
    _sector_rows,
    _sort_headers,
)
from nettonoll.publication.public_views import NotPublished, public_page


@public_page
def counties(request: HttpRequest) -> HttpResponse:
    return render(request, "publication/public_counties.html", {"view": selectors.county_list()})


@public_page
def county(request: HttpRequest, code: str) -> HttpResponse:
    detail = selectors.county_detail(
        code, request.GET.get("sort", selectors.DEFAULT_SORT), request.GET.get("order", "")
    )
    if detail is None:
        raise NotPublished
    law_chart, law_rows = _law_chart(
        detail.law,
        _("%(name)s: utsläpp, trend och koldioxidlagen (ton CO2e)") % {"name": detail.county.name},
    )
    return render(
        request,
        "publication/public_county.html",
        {
            "view": detail,
            "headers": _sort_headers(detail, request.path),
            "sector_chart": _sector_chart(
                detail.sectors_by_year,
                detail.sectors,
                detail.all_sectors,
                _("%(name)s: utsläpp per sektor och år (ton CO2e)") % {"name": detail.county.name},
            ),
            "sector_rows": _sector_rows(detail.sectors_by_year, detail.sectors),
            "sector_labels": [_label(s) for s in detail.sectors],
            "law_chart": law_chart,
            "law_rows": law_rows,
        },
    )
