"""Indicator pages: the organisation's indicators with status, one indicator with its values."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.common.metrics import metric_get
from nettonoll.common.records import StaleEdit, add_version_field, refresh_version
from nettonoll.indicators import selectors, services
from nettonoll.indicators.charts import indicator_chart
from nettonoll.indicators.forms import IndicatorForm, ValueForm
from nettonoll.indicators.models import Indicator, IndicatorValue
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Node, Organisation, Role

ON_TRACK_RULE = _(
    "Målbanan går i rät linje från basåret genom varje målvärde. Ett värde är i fas när det "
    "ligger på rätt sida om målbanan för sitt år: på eller under den för en indikator som ska "
    "minska, på eller över den för en som ska öka. Värden för år före basåret visas som "
    "historik men bedöms inte. Prognosen förlänger trenden i värdena från basåret (minsta "
    "kvadrat) till sista målåret. Kommer värdena från en källa är basvärdet källans "
    "värde för enheten själv under basåret; saknar källan det värdet bedöms enheten inte."
)


def _context(request: HttpRequest, org_code: str) -> tuple[User, Organisation, Node]:
    user = request.user
    assert isinstance(user, User)
    access = access_of(request)
    organisation = access.organisation(org_code)
    return user, organisation, access.require_start(organisation)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_list(request: HttpRequest, org_code: str) -> HttpResponse:
    user, organisation, start = _context(request, org_code)
    can_define = start.is_root() and access_of(request).has(start, Role.STRATEGIST)
    form = IndicatorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_define:
            raise PermissionDenied(_("Bara miljöstrateger kan lägga upp indikatorer."))
        if form.is_valid():
            try:
                data = dict(form.cleaned_data)
                if data["baseline_value"] is None:  # from the source (the form requires it else)
                    data["baseline_value"] = _source_base(data, start)
                indicator = services.indicator_define(organisation=organisation, by=user, **data)
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
    access = access_of(request)
    node = access.node_from_query(request, start)
    editable = [
        (n.code, f"{'— ' * (n.depth - start.depth)}{n.name}")
        for n in org_selectors.node_subtree(start)
        if access.has(n, Role.MANAGER)
    ]
    # "Ändra" on a row (?year=) fills the form with the saved value and the version it has
    editing = None
    if request.GET.get("year", "").isdecimal():
        editing = IndicatorValue.objects.filter(
            indicator=indicator, node=node, year=int(request.GET["year"])
        ).first()
    initial: dict[str, object] = {"node": node.code}
    if editing is not None:
        value = _as_written(editing.value)
        initial |= {"year": editing.year, "value": value, "comment": editing.comment}
    form = ValueForm(
        request.POST if request.method == "POST" else None,
        nodes=editable,
        initial=initial,
        version=editing.version if editing else 0,
    )
    conflict: StaleEdit | None = None
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
                    expected_version=form.cleaned_data.get("version"),
                    by=user,
                )
            except StaleEdit as stale:
                conflict = stale
                refresh_version(form, stale)
            except services.IndicatorError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Värdet är sparat."))
                return redirect(f"{request.path}?node={target.code}")
    status = selectors.indicator_status(indicator, node)
    saved = {v.year: v for v in IndicatorValue.objects.filter(indicator=indicator, node=node)}
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "organisation": organisation,
            "indicator": indicator,
            "status": status,
            "chart": indicator_chart(status),
            "preliminary": selectors.indicator_preliminary(indicator, node),
            "rows": [(v, saved.get(v.value.year)) for v in status.values],
            "editing": editing,
            "node": node,
            "form": form,
            "can_enter": bool(editable) and not indicator.metric_key,
            "can_edit_definition": start.is_root() and access.has(start, Role.STRATEGIST),
            "rule": ON_TRACK_RULE,
            "goals": indicator.goals.select_related("plan"),
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


def _as_written(value: Decimal) -> Decimal:
    """1200, not 1200,000 (which reads as 1,2 million) in a form's field."""
    return Decimal(format(value.normalize(), "f"))


def _targets_text(indicator: Indicator) -> str:
    return "\n".join(
        f"{t.year};{format(t.value.normalize(), 'f').replace('.', ',')}"
        for t in indicator.targets.all()
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, org_code: str, indicator_id: int) -> HttpResponse:
    """The indicator's definition, baseline and targets; a stale form answers 409 with what the
    user typed kept beside the saved values."""
    user, organisation, _start = _context(request, org_code)
    indicator = get_object_or_404(Indicator, organisation=organisation, pk=indicator_id)
    root = access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan ändra indikatorer.")
    )
    initial: dict[str, object] = {k: getattr(indicator, k) for k in services.INDICATOR_EDITABLE}
    initial["targets"] = _targets_text(indicator)
    initial["baseline_value"] = _as_written(indicator.baseline_value)
    form = IndicatorForm(request.POST if request.method == "POST" else None, initial=initial)
    base = selectors.indicator_baseline(indicator, root) if indicator.metric_key else None
    if base is not None:
        _baseline_from_source(form, base, root)
    add_version_field(form, indicator.version)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                indicator=Indicator.objects.get(pk=indicator.pk),
                values={
                    k: form.cleaned_data[k]
                    for k in services.INDICATOR_EDITABLE
                    if form.cleaned_data[k] is not None  # a base the source gives but lacks
                },
                targets=form.cleaned_data["targets"],
                expected_version=form.cleaned_data.get("version"),
                by=user,
            )
        except StaleEdit as stale:
            conflict = stale
            refresh_version(form, stale)
        except services.IndicatorError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Indikatorn är sparad."))
            return redirect("indicators:detail", org_code, indicator.pk)
    if form.is_bound:
        indicator.refresh_from_db()
    return render(
        request,
        "indicators/indicator_form.html",
        {
            "organisation": organisation,
            "indicator": indicator,
            "form": form,
            "conflict": conflict,
            "saved_targets": _targets_text(indicator) if conflict else "",
            "source_baseline": base,
            "root": root,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


def _source_base(data: dict[str, object], root: Node) -> Decimal:
    """The stored base value of a new indicator with a metric source: the source's value for the
    organisation in the base year (0 when it has none; each unit's own value is what is used)."""
    metric = metric_get(str(data["metric_key"]))
    value = metric.values(root).get(int(str(data["baseline_year"]))) if metric else None
    return Decimal(0) if value is None else Decimal(str(round(value, 3)))


def _baseline_from_source(form: IndicatorForm, base: selectors.Baseline, root: Node) -> None:
    """With a metric source each unit's base value is the source's value for that unit in the
    base year: the form shows the source's value for the whole organisation and takes none."""
    field = form.fields["baseline_value"]
    field.disabled = True
    field.required = False
    if base.value is None:
        form.initial["baseline_value"] = None
        field.help_text = _(
            "Källan har inget värde för %(name)s år %(year)s. Varje enhet jämförs med källans "
            "värde för sig själv det året; en enhet utan värde det året bedöms inte."
        ) % {"name": root.name, "year": base.year}
    else:
        form.initial["baseline_value"] = _as_written(Decimal(str(round(base.value, 3))))
        field.help_text = _(
            "Hämtas ur källan: värdet för %(name)s år %(year)s. Varje enhet jämförs med källans "
            "värde för sig själv det året. Byt basår för att byta basvärde."
        ) % {"name": root.name, "year": base.year}
