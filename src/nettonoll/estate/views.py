"""The energy pages: a node's energy year by year (measured and normalised, per carrier, per m²
Atemp, primary energy number, change against a base year) with its buildings, a building's
energy month by month, the units' area shares of a building, degree days (shared by every
organisation) and energy suppliers' column templates."""

import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.calc.energy_years import YearEnergy, change_pct, weighting_factors
from nettonoll.calc.problems import Rejected
from nettonoll.common.history import changed_by
from nettonoll.common.problems import problem_context
from nettonoll.common.records import StaleEdit, refresh_version
from nettonoll.common.tableviews import table_download, table_import_page
from nettonoll.estate import energy, selectors
from nettonoll.estate.degree_days import DEGREE_DAYS, degree_day_rows, degree_days_import
from nettonoll.estate.forms import (
    DegreeDayImportForm,
    ShareFormSet,
    SupplierImportForm,
    SupplierTemplateForm,
    node_choices,
)
from nettonoll.estate.models import Building, BuildingShare, Carrier, SupplierTemplate
from nettonoll.estate.shares import (
    SharesChanged,
    pct_text,
    shares_history,
    shares_save,
    shares_state,
)
from nettonoll.estate.suppliers import supplier_import, supplier_template_save
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role

DEGREE_DAY_PERMISSION = "estate.add_degreedaymonth"


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def num(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return formats.number_format(
        round(value, decimals), decimals, use_l10n=True, force_grouping=True
    )


def pct(value: float | None) -> str:
    """A change in per cent with its sign, the minus sign typeset (−), as Swedish text has it."""
    if value is None:
        return "–"
    shown = num(abs(value), 1)
    if shown == num(0.0, 1):
        return f"{shown} %"
    return f"{'+' if value > 0 else '−'}{shown} %"


def _carrier_label(carrier: str) -> str:
    return str(dict(Carrier.choices).get(carrier, carrier))


def incomplete(year: YearEnergy) -> bool:
    """A past year with readings for fewer than 12 months: never compared as a whole year."""
    return not year.preliminary and year.months < 12


def year_rows(years: list[YearEnergy], base: YearEnergy | None) -> list[dict[str, Any]]:
    """The years as the pages show them."""
    rows = []
    for y in years:
        rows.append(
            {
                "year": y.year,
                "preliminary": y.preliminary,
                "incomplete": incomplete(y),
                "months": y.months,
                "kwh": num(y.kwh),
                "normalised_kwh": num(y.normalised_kwh),
                "atemp": num(y.atemp_m2),
                "kwh_per_m2": num(y.kwh_per_m2, 1),
                "normalised_kwh_per_m2": num(y.normalised_kwh_per_m2, 1),
                "primary": num(y.primary_energy_number, 1),
                "change": pct(
                    change_pct(y.normalised_kwh_per_m2, base.normalised_kwh_per_m2)
                    if base is not None
                    and y is not base
                    and not y.preliminary
                    and not incomplete(y)
                    else None
                ),
                "missing": [m or _("(ort saknas)") for m in y.missing],
            }
        )
    return rows


def carrier_rows(years: list[YearEnergy]) -> tuple[list[str], list[dict[str, Any]]]:
    carriers = sorted({c for y in years for c in y.carriers})
    rows = []
    for y in years:
        cells = []
        for c in carriers:
            kwh, normalised = y.carriers.get(c, (None, None))
            cells.append((num(kwh), num(normalised) if kwh is not None else "–"))
        rows.append({"year": y.year, "preliminary": y.preliminary, "cells": cells})
    return [_carrier_label(c) for c in carriers], rows


def _base_year(request: HttpRequest, years: list[YearEnergy]) -> YearEnergy | None:
    """The chosen base year, a complete one (a year in progress is never a base: it would be
    compared as a whole year); the first complete year otherwise."""
    complete = [y for y in years if not y.preliminary and not incomplete(y)]
    chosen = request.GET.get("bas", "")
    found = next((y for y in complete if str(y.year) == chosen), None)
    return found or (complete[0] if complete else None)


@login_required
def energy_overview(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    years = energy.node_years(node)
    base = _base_year(request, years)
    carriers, by_carrier = carrier_rows(years)
    complete = [y for y in years if not y.preliminary]
    table_year = complete[-1].year if complete else datetime.date.today().year
    buildings = selectors.building_table(node, table_year)
    root = access.root(organisation)
    can_import = access.has(root, Role.STRATEGIST)
    return render(
        request,
        "estate/overview.html",
        {
            "organisation": organisation,
            "node": node,
            "breadcrumbs": access.crumbs(node),
            "years": year_rows(years, base),
            "base": base,
            "year_choices": [y.year for y in years if not y.preliminary and not incomplete(y)],
            "carriers": carriers,
            "by_carrier": by_carrier,
            "table_year": table_year,
            "buildings": buildings,
            "factors": [
                (_carrier_label(f.carrier), num(f.factor, 1), f.version)
                for f in weighting_factors()
            ],
            "can_import": can_import,
        },
    )


def _building(request: HttpRequest, org_code: str, pk: int) -> Building:
    """A building its reader may see: one who sees its node, or the node of a unit with a share
    of its area (a unit sees the buildings it works in)."""
    access = access_of(request)
    organisation = access.organisation(org_code)
    building = get_object_or_404(
        Building.objects.select_related("node"), organisation=organisation, pk=pk
    )
    if access.can_view(building.node):
        return building
    if any(access.can_view(s.node) for s in building.shares.select_related("node")):
        return building
    access.require(building.node)
    return building


@login_required
def building_energy(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    building = _building(request, org_code, pk)
    access = access_of(request)
    years = energy.building_years(building)
    chosen = request.GET.get("ar", "")
    year = next((y.year for y in years if str(y.year) == chosen), years[-1].year if years else None)
    months = selectors.building_month_table(building, year) if year is not None else None
    return render(
        request,
        "estate/building.html",
        {
            "organisation": building.organisation,
            "building": building,
            "breadcrumbs": access.crumbs(building.node),
            "years": year_rows(years, None),
            "year": year,
            "year_choices": [y.year for y in years],
            "months": months,
            "can_edit": access.has(building.node, Role.CONTRIBUTOR),
            "sees_node": access.can_view(building.node),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def building_shares(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    """Every unit's share of the building's area at once (sum at most 100 %)."""
    building = _building(request, org_code, pk)
    access = access_of(request)
    can_edit = access.has(building.node, Role.CONTRIBUTOR)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Bara medarbetare på byggnadens enhet kan ändra ytandelarna."))
    nodes = node_choices(building.organisation_id)
    current = BuildingShare.objects.filter(building=building).order_by("-share_pct", "node__name")
    initial = [{"node": str(s.node_id), "share_pct": s.share_pct} for s in current]
    status = 200
    changed = False
    state = shares_state(building)
    if request.method == "POST":
        formset = ShareFormSet(request.POST, form_kwargs={"nodes": nodes})
        if formset.is_valid():
            try:
                shares_save(
                    building=building,
                    shares=formset.shares(),  # type: ignore[attr-defined]
                    state=request.POST.get("state", ""),
                    by=_user(request),
                )
            except SharesChanged:
                changed = True
                status = 409
            else:
                messages.success(request, _("Ytandelarna är sparade."))
                return redirect("estate:shares", org_code, building.pk)
        else:
            status = 400
    else:
        formset = ShareFormSet(initial=initial, form_kwargs={"nodes": nodes})
    total = sum((s.share_pct for s in current), start=Decimal(0))
    return render(
        request,
        "estate/shares.html",
        {
            "organisation": building.organisation,
            "building": building,
            "breadcrumbs": access.crumbs(building.node),
            "formset": formset,
            "state": state,
            "changed": changed,
            "saved": [{"node": s.node, "text": pct_text(s.share_pct)} for s in current],
            "rest": pct_text(Decimal(100) - total),
            "can_edit": can_edit,
            "sees_node": access.can_view(building.node),
            "history": shares_history(building),
        },
        status=status,
    )


def _strategist_root(request: HttpRequest, org_code: str) -> Any:
    access = access_of(request)
    organisation = access.organisation(org_code)
    access.require_root(
        organisation,
        Role.STRATEGIST,
        _("Bara miljöstrateger och administratörer kan importera energiavläsningar."),
    )
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def supplier_templates(request: HttpRequest, org_code: str) -> HttpResponse:
    """The organisation's column templates for energy suppliers' exports: listed, added, changed
    (by code, `?edit=`) and removed."""
    organisation = _strategist_root(request, org_code)
    user = _user(request)
    own = list(SupplierTemplate.objects.filter(organisation=organisation))
    if request.method == "POST" and request.POST.get("delete"):
        row = get_object_or_404(
            SupplierTemplate, organisation=organisation, name=request.POST["delete"]
        )
        changed_by(row, user)
        row.delete()
        messages.success(request, _("Kolumnmallen %(name)s är borttagen.") % {"name": row.name})
        return redirect("estate:supplier_templates", org_code)
    status = 200
    conflict = None
    if request.method == "POST":
        form = SupplierTemplateForm(request.POST)
        if form.is_valid():
            try:
                saved = supplier_template_save(
                    organisation=organisation, values=form.cleaned_data, by=user
                )
            except StaleEdit as stale:
                conflict = stale
                refresh_version(form, stale)
                status = 409
            else:
                messages.success(
                    request, _("Kolumnmallen %(name)s är sparad.") % {"name": saved.name}
                )
                return redirect("estate:supplier_templates", org_code)
        else:
            status = 400
    else:
        editing = next((t for t in own if t.name == request.GET.get("edit")), None)
        initial: dict[str, Any] = {"version": 0}
        if editing is not None:
            initial = {
                f: getattr(editing, f) for f in SupplierTemplateForm.base_fields if f != "version"
            } | {"version": editing.version}
        form = SupplierTemplateForm(initial=initial)
    return render(
        request,
        "estate/supplier_templates.html",
        {
            "organisation": organisation,
            "form": form,
            "own": own,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def supplier_file_import(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = _strategist_root(request, org_code)
    templates = list(SupplierTemplate.objects.filter(organisation=organisation))
    if not templates:
        messages.info(request, _("Lägg först upp en kolumnmall för leverantörens fil."))
        return redirect("estate:supplier_templates", org_code)
    form = SupplierImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()), templates=templates
    )
    user = _user(request)

    def run(done: Any, data: bytes, filename: str) -> Any:
        return supplier_import(
            organisation_code=organisation.code,
            template_name=done.cleaned_data["template"],
            data=data,
            filename=filename,
            by=user,
        )

    context = {
        "organisation": organisation,
        "heading": _("Importera energiavläsningar från en leverantörsfil"),
        "intro": _(
            "Filen läses med den valda kolumnmallen: leverantörens rubriker blir byggnadskod, "
            "månad, energibärare, kWh och temperaturberoende andel, MWh räknas om till kWh. "
            "Importen är allt eller inget: är någon rad fel sparas ingenting, och felen visas "
            "med rad och leverantörens kolumn."
        ),
        "back": (
            reverse("estate:supplier_templates", args=[organisation.code]),
            _("Kolumnmallar för leverantörsfiler"),
        ),
        "result_link": lambda _result: (
            reverse("estate:energy", args=[organisation.code]),
            _("Till energiöversikten"),
        ),
    }
    return table_import_page(request, form, run, context)


@login_required
@require_http_methods(["GET", "POST"])
def degree_days(request: HttpRequest, org_code: str) -> HttpResponse:
    """The degree-day series every organisation shares; data stewards (the permission to add
    degree days) import them, every import logged with who and when."""
    access = access_of(request)
    organisation = access.organisation(org_code)
    access.require_start(organisation)
    user = _user(request)
    can_import = user is not None and user.has_perm(DEGREE_DAY_PERMISSION)
    if request.method == "POST" and not can_import:
        raise PermissionDenied(_("Bara dataförvaltare kan importera graddagar."))
    form = DegreeDayImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    problems: dict[str, object] = {}
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = degree_days_import(data=upload.read(), filename=upload.name, by=user)
        except Rejected as rejected:
            problems = problem_context(rejected)
    if request.method == "GET" and request.GET.get("mall") in ("xlsx", "csv"):
        return table_download(DEGREE_DAYS, [], "mall-graddagar", request.GET["mall"])
    status = 400 if problems or (form.is_bound and not form.is_valid()) else 200
    return render(
        request,
        "estate/degree_days.html",
        {
            "organisation": organisation,
            "series": selectors.degree_day_series(),
            "imports": selectors.degree_day_imports(),
            "form": form if can_import else None,
            "result": result,
            "columns": ", ".join(DEGREE_DAYS.headers),
            **problems,
        },
        status=status,
    )


@login_required
def degree_days_export(request: HttpRequest, org_code: str, file_format: str) -> HttpResponse:
    access = access_of(request)
    access.require_start(access.organisation(org_code))
    return table_download(DEGREE_DAYS, degree_day_rows(), "graddagar", file_format)
