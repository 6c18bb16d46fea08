"""The county view for everyone (/offentlig/lan/): the same public statistics, charts and templates
as the logged-in county view (nettonoll.budgets county) in the public frame, without login,
cacheable; municipalities are not linked (their pages are for logged-in users)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nettonoll.budgets.selectors import county as selectors
from nettonoll.budgets.views.county import county_context
from nettonoll.publication.public_views import NotPublished, public_page


@public_page
def counties(request: HttpRequest) -> HttpResponse:
    return render(
        request, "budgets/county_list.html", {"view": selectors.county_list(), "public": True}
    )


@public_page
def county(request: HttpRequest, code: str) -> HttpResponse:
    detail = selectors.county_detail(
        code, request.GET.get("sort", selectors.DEFAULT_SORT), request.GET.get("order", "")
    )
    if detail is None:
        raise NotPublished
    return render(
        request,
        "budgets/county_detail.html",
        county_context(detail, request.path) | {"public": True},
    )
