"""Indicator pages: the organisation's indicators with status, one indicator with its values."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.indicators import selectors, services
from nettonoll.indicators.forms import IndicatorForm, ValueForm
from nettonoll.indicators.models import Indicator
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.models import Node, Organisation, Role

ON_TRACK_RULE = _(
    "Målbanan går i rät linje från basåret genom varje målvärde. Ett värde är i fas när det "
    "ligger på rätt sida om målbanan för sitt år: på eller under den för en indikator som ska "
    "minska, på eller över den för en som ska öka. Prognosen förlänger trenden i värdena "
    "(minsta kvadrat) till sista målåret."
)


def _context(request: HttpRequest, org_code: str) -> tuple[User, Organisation, Node]:
    user = request.user
    assert isinstance(user, User)
    organisation = get_object_or_404(Organisation, code=org_code)
    start = org_selectors.start_node(user, organisation)
    if start is None:
        raise Http404
    return user, organisation, start


@login_required
@require_http_methods(["GET", "POST"])
def indicator_list(request: HttpRequest, org_code: str) -> HttpResponse:
    user, organisation, start = _context(request, org_code)
    can_define = start.is_root() and org_selectors.has_role(user, start, Role.STRATEGIST)
    form = IndicatorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_define:
            raise PermissionDenied(_("Bara miljöstrateger kan lägga upp indikatorer."))
        if form.is_valid():
            try:
                indicator = services.indicator_define(
                    organisation=organisation, by=user, **form.cleaned_data
                )
            except services.IndicatorError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Indikatorn är sparad."))
                return redirect("indicators:detail", org_code, indicator.pk)
    statuses = [selectors.indicator_status(i, start) for i in selectors.indicators_of(organisation)]
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "organisation": organisation,
            "start": start,
            "statuses": statuses,
            "form": form,
            "can_define": can_define,
            "rule": ON_TRACK_RULE,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_detail(request: HttpRequest, org_code: str, indicator_id: int) -> HttpResponse:
    user, organisation, start = _context(request, org_code)
    indicator = get_object_or_404(Indicator, organisation=organisation, pk=indicator_id)
    node = start
    if request.GET.get("node"):
        chosen = org_selectors.node_get(org_code, request.GET["node"])
        if chosen is None or not org_selectors.can_view_node(user, chosen):
            raise Http404
        node = chosen
    editable = [
        (n.code, f"{'— ' * (n.depth - start.depth)}{n.name}")
        for n in org_selectors.node_subtree(start)
        if org_selectors.has_role(user, n, Role.MANAGER)
    ]
    form = ValueForm(
        request.POST if request.method == "POST" else None,
        nodes=editable,
        initial={"node": node.code},
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Bara chefer och miljöstrateger kan lägga in värden."))
        if form.is_valid():
            target = org_selectors.node_get(org_code, form.cleaned_data["node"])
            assert target is not None
            try:
                services.indicator_value_enter(
                    indicator=indicator,
                    node=target,
                    year=form.cleaned_data["year"],
                    value=form.cleaned_data["value"],
                    comment=form.cleaned_data["comment"],
                    by=user,
                )
            except services.IndicatorError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Värdet är sparat."))
                return redirect(f"{request.path}?node={target.code}")
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "organisation": organisation,
            "indicator": indicator,
            "status": selectors.indicator_status(indicator, node),
            "node": node,
            "form": form,
            "can_enter": bool(editable) and not indicator.computed_from_category,
            "rule": ON_TRACK_RULE,
            "goals": indicator.goals.select_related("plan"),
        },
        status=400 if form.is_bound else 200,
    )
