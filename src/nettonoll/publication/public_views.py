"""The public pages at /offentlig/<org>/: what an organisation has published, without login.

Every page asks `published_of(organisation)` once and answers a plain public 404 for anything
not published and for unknown organisations (never a login redirect). Pages are the same for
everyone, so they are cacheable: `Cache-Control: public, max-age=…` and an ETag of the page
(If-None-Match answers 304). Figures come from the same selectors as the logged-in pages."""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
from nettonoll.budgets.views.organisation import _charts, _rows
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.selectors import organisation_root
from nettonoll.plans.models import Plan
from nettonoll.publication import pages
from nettonoll.publication.models import PublishedWhat
from nettonoll.publication.selectors import Published, published_of

MAX_AGE_S = 300  # five minutes: a publication or a new import shows within that


class NotPublished(Exception):
    """Anything the public may not see: answered with the public 404 page."""


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "publication/public_404.html", status=404)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET (and HEAD) only; NotPublished → the public 404; the answer cacheable with an ETag."""

    @require_safe
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except NotPublished:
            return _not_found(request)
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={MAX_AGE_S}"
        patch_vary_headers(response, ("Accept-Language", "Cookie"))  # the language chosen
        return response

    return wrapped


def _organisation(org_code: str) -> tuple[Organisation, Node, Published]:
    organisation = Organisation.objects.filter(code=org_code).first()
    if organisation is None:
        raise NotPublished
    root = organisation_root(organisation)
    published = published_of(organisation)
    if root is None or not published.anything:
        raise NotPublished
    return organisation, root, published


def _published_plans(organisation: Organisation, published: Published) -> list[Plan]:
    return [
        p
        for p in Plan.objects.filter(organisation=organisation).order_by("name")
        if published.covers(PublishedWhat.PLAN, plan_id=p.pk)
    ]


def context_of(
    organisation: Organisation, published: Published, root: Node, **extra: Any
) -> dict[str, Any]:
    """What the public base template needs: the organisation and its published sections."""
    years = pages.klimatbokslut_years(root, published)
    return {
        "organisation": organisation,
        "plans": _published_plans(organisation, published),
        "has_indicators": any(r.what == PublishedWhat.INDICATORS for r in published.rows),
        "klimatbokslut_years": years,
        "has_budget": published.covers(PublishedWhat.BUDGET),
        **extra,
    }


@public_page
def start(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation, root, published = _organisation(org_code)
    context = context_of(organisation, published, root)
    if context["has_indicators"]:
        context["indicator_shares"] = pages.shares_of(pages.indicator_rows(root, published))
    return render(request, "publication/public_start.html", context)


@public_page
def plan(request: HttpRequest, org_code: str, plan_id: int) -> HttpResponse:
    organisation, root, published = _organisation(org_code)
    found = Plan.objects.filter(organisation=organisation, pk=plan_id).first()
    if found is None or not published.covers(PublishedWhat.PLAN, plan_id=found.pk):
        raise NotPublished
    goals = pages.plan_goals(root, found)
    return render(
        request,
        "publication/public_plan.html",
        context_of(organisation, published, root, plan=found, goals=goals, rule=_(pages.GOAL_RULE)),
    )


@public_page
def indicators(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation, root, published = _organisation(org_code)
    if not any(r.what == PublishedWhat.INDICATORS for r in published.rows):
        raise NotPublished
    rows = pages.indicator_rows(root, published)
    return render(
        request,
        "publication/public_indicators.html",
        context_of(
            organisation,
            published,
            root,
            rows=rows,
            indicator_shares=pages.shares_of(rows),
            rule=_(pages.TREND_RULE),
        ),
    )


@public_page
def klimatbokslut(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation, root, published = _organisation(org_code)
    context = context_of(organisation, published, root)
    if not context["klimatbokslut_years"]:
        raise NotPublished
    return render(request, "publication/public_klimatbokslut.html", context)


@public_page
def klimatbokslut_year(request: HttpRequest, org_code: str, year: int) -> HttpResponse:
    organisation, root, published = _organisation(org_code)
    context = context_of(organisation, published, root)
    row = next((r for r in context["klimatbokslut_years"] if r.year == year), None)
    if row is None:
        raise NotPublished
    context.update(year_row=row, summary=pages.klimatbokslut_year(root, year))
    return render(request, "publication/public_klimatbokslut_year.html", context)


@public_page
def budget(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation, root, published = _organisation(org_code)
    if not published.covers(PublishedWhat.BUDGET):
        raise NotPublished
    page = budget_page(organisation, carbon_budget_of(organisation))
    return render(
        request,
        "publication/public_budget.html",
        context_of(
            organisation,
            published,
            root,
            page=page,
            a=page.assessment,
            charts=_charts(page),
            rows=_rows(page),
        ),
    )
