"""Pages for logged-in users: publishing (what the organisation shows at /offentlig/<org>/, with
publish/unpublish buttons for strategists and administrators at the root, the audited action of
publication.services) and the dashboard of an organisation's part of the tree."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
from nettonoll.emissions.summary import klimatbokslut_summary
from nettonoll.indicators.models import Indicator
from nettonoll.indicators.selectors import indicators_of
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Organisation, Role
from nettonoll.plans.models import Plan
from nettonoll.plans.selectors import active_children
from nettonoll.publication import pages, services
from nettonoll.publication.models import Publication, PublishedWhat
from nettonoll.publication.selectors import Published, published_of, years_available


@dataclass(frozen=True)
class Item:
    """One thing that can be published, with its state and where the public sees it."""

    label: str
    what: str
    published: bool
    public_url: str = ""
    year: int | None = None
    plan_id: int | None = None
    indicator_id: int | None = None
    through: str = ""  # published as part of a wider publication (no button of its own)


def _items(organisation: Organisation, published: Published) -> dict[str, list[Item]]:
    code = organisation.code
    rows = published.rows
    plans = [
        Item(
            p.name,
            PublishedWhat.PLAN,
            published.covers(PublishedWhat.PLAN, plan_id=p.pk),
            reverse("public:plan", args=[code, p.pk]),
            plan_id=p.pk,
        )
        for p in Plan.objects.filter(organisation=organisation).order_by("name")
    ]
    all_indicators = any(
        r.what == PublishedWhat.INDICATORS and r.indicator_id is None for r in rows
    )
    indicator_url = reverse("public:indicators", args=[code])
    indicators = [
        Item(_("Alla indikatorer"), PublishedWhat.INDICATORS, all_indicators, indicator_url)
    ]
    indicators += [
        Item(
            i.name,
            PublishedWhat.INDICATORS,
            published.covers(PublishedWhat.INDICATORS, indicator_id=i.pk),
            indicator_url,
            indicator_id=i.pk,
            through=_("alla indikatorer") if all_indicators else "",
        )
        for i in indicators_of(organisation)
    ]
    every_year = any(r.what == PublishedWhat.KLIMATBOKSLUT and r.year is None for r in rows)
    klimatbokslut = [
        Item(
            _("Klimatbokslutet, alla år (även kommande)"),
            PublishedWhat.KLIMATBOKSLUT,
            every_year,
            reverse("public:klimatbokslut", args=[code]),
        )
    ]
    klimatbokslut += [
        Item(
            str(y),
            PublishedWhat.KLIMATBOKSLUT,
            published.covers(PublishedWhat.KLIMATBOKSLUT, y),
            reverse("public:klimatbokslut_year", args=[code, y]),
            year=y,
        )
        for y in sorted(years_available(organisation, PublishedWhat.KLIMATBOKSLUT))
    ]
    budget = [
        Item(
            _("Koldioxidbudget och budgetbana"),
            PublishedWhat.BUDGET,
            published.covers(PublishedWhat.BUDGET),
            reverse("public:budget", args=[code]),
        )
    ]
    return {
        str(_("Planer och mål")): plans,
        str(_("Indikatorer")): indicators,
        str(_("Klimatbokslut")): klimatbokslut,
        str(_("Koldioxidbudget")): budget,
    }


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _publish_from_post(request: HttpRequest, organisation: Organisation, user: User) -> bool:
    """Publish or unpublish what the form names; False when the form is not valid."""
    action = request.POST.get("action")
    what = request.POST.get("what", "")
    if action not in ("publish", "unpublish") or what not in PublishedWhat.values:
        return False
    year = _int_or_none(request.POST.get("year"))
    plan = indicator = None
    if plan_id := _int_or_none(request.POST.get("plan")):
        plan = Plan.objects.filter(organisation=organisation, pk=plan_id).first()
        if plan is None:
            return False
    if indicator_id := _int_or_none(request.POST.get("indicator")):
        indicator = Indicator.objects.filter(organisation=organisation, pk=indicator_id).first()
        if indicator is None:
            return False
    if what == PublishedWhat.PLAN and plan is None:
        return False
    if action == "publish":
        services.publish(organisation, what, year=year, plan=plan, indicator=indicator, by=user)
        messages.success(request, _("Publicerat. Det syns nu utan inloggning."))
    else:
        services.unpublish(organisation, what, year=year, plan=plan, indicator=indicator, by=user)
        messages.success(request, _("Publiceringen är borttagen."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def publishing(request: HttpRequest, org_code: str) -> HttpResponse:
    """What the organisation publishes: everyone who sees the root reads it; strategists and
    administrators at the root publish and unpublish."""
    user = request.user
    assert isinstance(user, User)
    access = access_of(request)
    organisation = access.organisation(org_code)
    root = access.require_root(organisation)
    can_publish = access.has(root, Role.STRATEGIST)
    status = 200
    if request.method == "POST":
        if not can_publish:
            raise PermissionDenied(_("Bara miljöstrateger och administratörer kan publicera."))
        if _publish_from_post(request, organisation, user):
            return redirect("public:publishing", organisation.code)
        messages.error(request, _("Det gick inte att avgöra vad som skulle publiceras."))
        status = 400
    published = published_of(organisation)
    history = (
        Publication.history.filter(organisation=organisation)
        .select_related("history_user", "plan", "indicator")
        .order_by("-history_date")[:50]
    )
    return render(
        request,
        "publication/publishing.html",
        {
            "organisation": organisation,
            "groups": _items(organisation, published),
            "can_publish": can_publish,
            "anything": published.anything,
            "history": history,
        },
        status=status,
    )


@login_required
def dashboard(request: HttpRequest, org_code: str) -> HttpResponse:
    """The figures of the public pages for the user's part of the tree (?node=CODE)."""
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    rows = pages.indicator_rows(node)
    plans = [pages.plan_goals(node, p) for p in Plan.objects.filter(organisation=organisation)]
    summary = klimatbokslut_summary(node)
    root = access.root(organisation)
    budget = None
    if node == root and access.can_view(root):
        budget = budget_page(organisation, carbon_budget_of(organisation))
    return render(
        request,
        "publication/dashboard.html",
        {
            "organisation": organisation,
            "node": node,
            "crumbs": access.crumbs(node),
            "children": [c for c in active_children(node) if access.can_view(c)],
            "plans": plans,
            "rows": rows,
            "indicator_shares": pages.shares_of(rows),
            "summary": summary,
            "scopes": [(pages.scope_name(s), t) for s, t in summary["by_scope"].items()],
            "budget": budget,
            "can_see_root": access.can_view(root),
        },
    )
