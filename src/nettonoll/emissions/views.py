"""Klimatbokslut pages: totals for a node and year with development over the years, drill-down to
the rows, factor and source; import of activity data; the organisation's factors."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.calc.factors import DEFAULT_GWP_SET, Factor
from nettonoll.calc.mappings import MAPPINGS
from nettonoll.calc.units import UnitError
from nettonoll.common import charts
from nettonoll.common.problems import ProblemGroup, Rejected, problem_context, problems_csv
from nettonoll.common.records import StaleEdit, conflict_page, refresh_version
from nettonoll.common.tabular import write_xlsx
from nettonoll.emissions import selectors, services
from nettonoll.emissions.forms import (
    ActivityImportForm,
    ColumnMappingForm,
    FactorForm,
    GwpSetForm,
    HeadcountForm,
)
from nettonoll.emissions.models import ColumnMapping
from nettonoll.emissions.years import (
    data_through,
    preliminary_months,
    reported_applies,
    reported_totals_of,
)
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations import services as org_services
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Headcount, Node, Organisation, Role


def _context(request: HttpRequest, org_code: str) -> tuple[User, Organisation, Node, Node]:
    """The user, organisation, where their view starts, and the node asked for (?node=)."""
    user = request.user
    assert isinstance(user, User)
    access = access_of(request)
    organisation = access.organisation(org_code)
    start = access.require_start(organisation)
    return user, organisation, start, access.node_from_query(request, start)


def _int(value: str | None) -> int | None:
    """A year or id from the query string; None for anything but ASCII digits (not "²")."""
    return (
        int(value) if value and value.isascii() and value.isdecimal() and len(value) < 9 else None
    )


def _chart(view: selectors.InventoryView) -> dict[str, object]:
    return charts.bars(
        view.by_year,
        unit=_("ton CO2e"),
        highlight=view.year,
        title=_("Utsläpp per år (ton CO2e)"),
        chart_id="inventory-chart",
        muted=view.preliminary,
    )


@login_required
def inventory(request: HttpRequest, org_code: str) -> HttpResponse:
    _user, organisation, _start, node = _context(request, org_code)
    view = selectors.inventory_view(
        node, _int(request.GET.get("year")), _int(request.GET.get("base"))
    )
    access = access_of(request)
    root = access.root(organisation)
    own_headcount = (
        Headcount.objects.filter(node=node, year=view.year).first() if view.year else None
    )
    return render(
        request,
        "emissions/inventory.html",
        {
            "organisation": organisation,
            "node": node,
            "view": view,
            "children": org_selectors.node_children(node),
            "chart": _chart(view),
            "can_import": access.has(root, Role.STRATEGIST),
            "can_see_budget": access.can_view(root),
            "can_set_headcount": access.has(node, Role.MANAGER),
            "own_headcount": own_headcount,
            "headcount_form": HeadcountForm(
                initial={"year": view.year, "employees": view.employees},
                version=own_headcount.version if own_headcount else 0,
            ),
            "breadcrumbs": access_of(request).crumbs(node),
        },
    )


@login_required
@require_http_methods(["POST"])
def headcount(request: HttpRequest, org_code: str) -> HttpResponse:
    """Set a node's number of employees for a year (managers of the node and above)."""
    user, _organisation, _start, _node = _context(request, org_code)
    node = access_of(request).node(
        org_code,
        request.POST.get("node", ""),
        Role.MANAGER,
        _("Bara chefer och miljöstrateger kan ange antal anställda."),
    )
    form = HeadcountForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Antalet anställda sparades inte: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
    year = form.cleaned_data.get("year") if form.is_valid() else None
    query = f"?node={node.code}" + (f"&year={year}" if year else "")
    back = reverse("emissions:inventory", args=[org_code]) + query
    if form.is_valid():
        try:
            org_services.headcount_save(
                node=node,
                year=form.cleaned_data["year"],
                employees=int(form.cleaned_data["employees"]),
                source=form.cleaned_data["source"],
                expected_version=form.cleaned_data.get("version"),
                by=user,
            )
        except StaleEdit as stale:
            typed = {
                str(form.fields[k].label): form.cleaned_data[k] for k in ("employees", "source")
            }
            return conflict_page(request, stale, back_url=back, typed=typed)
        messages.success(request, _("Antalet anställda är sparat."))
    return redirect(back)


@login_required
def drill(request: HttpRequest, org_code: str) -> HttpResponse:
    _user, organisation, _start, node = _context(request, org_code)
    year, category = _int(request.GET.get("year")), request.GET.get("category", "")
    if year is None or not category:
        raise Http404
    preliminary = {
        y: data_through(y, month) for y, month in preliminary_months(organisation).items()
    }
    return render(
        request,
        "emissions/drill.html",
        {
            "organisation": organisation,
            "node": node,
            "year": year,
            "category": category,
            "rows": selectors.drill_down(node, year, category),
            "preliminary": preliminary.get(year, ""),
            "reported": (
                reported_totals_of(organisation).filter(year=year, category=category)
                if reported_applies(node)
                else []
            ),
            "breadcrumbs": access_of(request).crumbs(node),
        },
    )


def _require_strategist(request: HttpRequest, organisation: Organisation) -> None:
    access_of(request).require_root(
        organisation,
        Role.STRATEGIST,
        _("Bara miljöstrateger och administratörer kan ändra klimatbokslutet."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_activity_data(request: HttpRequest, org_code: str) -> HttpResponse:
    user, organisation, _start, _node = _context(request, org_code)
    _require_strategist(request, organisation)
    own = [(m.name, m.title) for m in selectors.column_mappings_of(organisation)]
    form = ActivityImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()), own=own
    )
    problems: dict[str, object] = {}
    batch = None
    if request.method == "POST" and form.is_valid():
        upload, accounts = form.cleaned_data["file"], form.cleaned_data["accounts"]
        if upload.size > settings.NETTONOLL_BACKGROUND_IMPORT_BYTES:
            job = services.activity_import_queue(
                organisation=organisation,
                upload=upload,
                accounts=accounts,
                replace=form.cleaned_data["replace"],
                mapping=form.cleaned_data["mapping"],
                by=user,
            )
            return redirect("emissions:import_job", org_code, job.pk)
        try:
            batch = services.activity_data_import(
                organisation=organisation,
                data=upload.read(),
                filename=upload.name,
                replace=form.cleaned_data["replace"],
                mapping=form.cleaned_data["mapping"],
                accounts=accounts.read() if accounts else None,
                by=user,
            )
        except Rejected as rejected:
            problems = problem_context(rejected)
    return render(
        request,
        "emissions/import.html",
        {
            "organisation": organisation,
            "form": form,
            **problems,
            "batch": batch,
            "batches": selectors.batches_of(organisation)[:20],
            "jobs": selectors.import_jobs_running(organisation),
        },
        status=400 if problems or (form.is_bound and not form.is_valid()) else 200,
    )


IMPORT_STEPS = {
    "reading": gettext_lazy("Läser filen"),
    "checking": gettext_lazy("Kontrollerar varje rad"),
    "matching": gettext_lazy("Kontrollerar enheter, kategorier och faktorer"),
    "saving": gettext_lazy("Sparar importen"),
    "recalculating": gettext_lazy("Räknar om klimatbokslutet"),
    "done": gettext_lazy("Klar"),
    "refused": gettext_lazy("Avvisad"),
    "abandoned": gettext_lazy(
        "Avbruten: bakgrundsarbetet stannade innan importen blev klar, också när den försöktes "
        "igen. Inget har sparats; importera filen igen."
    ),
    "error": gettext_lazy("Avbruten av ett oväntat fel. Inget har sparats; importera filen igen."),
}


@login_required
def import_job(request: HttpRequest, org_code: str, job_id: int) -> HttpResponse:
    """A background import: progress while it runs (htmx polls this page; without JavaScript
    it refreshes itself), then the outcome with every problem and its line number."""
    _user, organisation, _start, _node = _context(request, org_code)
    _require_strategist(request, organisation)
    job = get_object_or_404(selectors.import_jobs_of(organisation), pk=job_id)
    groups = [ProblemGroup.from_dict(p) for p in job.problems]
    if request.GET.get("format") == "csv":
        response = HttpResponse(problems_csv(groups), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="fel-{job.pk}.csv"'
        return response
    context = {
        "organisation": organisation,
        "job": job,
        "step": IMPORT_STEPS.get(job.step, job.get_status_display()),
        **problem_context(groups, csv_url="?format=csv"),
    }
    if request.headers.get("HX-Request"):
        return render(request, "emissions/import_job.html#job", context)
    return render(request, "emissions/import_job.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def column_mappings(request: HttpRequest, org_code: str) -> HttpResponse:
    """Nettonoll's column-mapping templates, and the organisation's own: listed, added, changed
    (by code) and removed by strategists."""
    user, organisation, _start, _node = _context(request, org_code)
    _require_strategist(request, organisation)
    form = ColumnMappingForm()
    status = 200
    conflict: StaleEdit | None = None
    if request.method == "POST" and request.POST.get("delete"):
        mapping = get_object_or_404(
            ColumnMapping, organisation=organisation, name=request.POST["delete"]
        )
        services.column_mapping_delete(mapping=mapping, by=user)
        messages.success(request, _("Kolumnmallen %(name)s är borttagen.") % {"name": mapping.name})
        return redirect("emissions:column_mappings", org_code)
    if request.method == "POST":
        form = ColumnMappingForm(request.POST)
        if form.is_valid():
            try:
                saved = services.column_mapping_save(
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
                return redirect("emissions:column_mappings", org_code)
        else:
            status = 400
    return render(
        request,
        "emissions/column_mappings.html",
        {
            "organisation": organisation,
            "form": form,
            "shipped": MAPPINGS.values(),
            "own": selectors.column_mappings_of(organisation),
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def factors(request: HttpRequest, org_code: str) -> HttpResponse:
    user, organisation, start, _node = _context(request, org_code)
    can_edit = start.is_root() and access_of(request).has(start, Role.STRATEGIST)
    # "Ändra" on an own factor (?edit=) fills the form with it and the version it has
    factor_set = selectors.factor_set_of(organisation)
    editing, edit_id = None, _int(request.GET.get("edit"))
    if factor_set is not None and edit_id is not None:
        editing = factor_set.factors.filter(pk=edit_id).first()
    initial = {}
    if editing is not None:
        initial = {
            name: getattr(editing, name)
            for name in FactorForm.base_fields
            if hasattr(editing, name)
        }
    choosing = request.method == "POST" and "gwp_set" in request.POST
    form = FactorForm(
        request.POST if request.method == "POST" and not choosing else None,
        initial=initial,
        version=editing.version if editing is not None and editing.is_own else 0,
    )
    gwp_form = GwpSetForm(
        request.POST if choosing else None,
        initial={"gwp_set": factor_set.gwp_set if factor_set else DEFAULT_GWP_SET},
    )
    conflict: StaleEdit | None = None
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Bara miljöstrateger och administratörer kan ändra faktorer."))
    if request.method == "POST" and "add_shipped" in request.POST:
        added = services.factor_set_add_shipped(organisation=organisation, by=user)
        messages.success(
            request,
            _("%(n)s nya standardfaktorer är tillagda; klimatbokslutet räknas om.") % {"n": added},
        )
        return redirect("emissions:factors", org_code)
    if choosing and gwp_form.is_valid():
        services.gwp_set_choose(
            organisation=organisation, gwp_set=gwp_form.cleaned_data["gwp_set"], by=user
        )
        messages.success(
            request,
            _("GWP-uppsättningen är %(gwp)s; klimatbokslutet räknas om.")
            % {"gwp": gwp_form.cleaned_data["gwp_set"]},
        )
        return redirect("emissions:factors", org_code)
    if request.method == "POST" and not choosing and form.is_valid():  # an own factor
        values = form.cleaned_data
        try:
            services.factor_save(
                organisation=organisation,
                factor=Factor(
                    category=values["category"].strip(),
                    valid_year=values["valid_year"],
                    factor=values["factor"],
                    unit=values["unit"].strip(),
                    scope=values["scope"],
                    scope3_category=values.get("scope3_category"),
                    publisher=values["publisher"],
                    title=values["title"],
                    year=values["year"],
                    link=values["link"] or "",
                ),
                expected_version=values.get("version"),
                by=user,
            )
        except StaleEdit as stale:
            conflict = stale
            refresh_version(form, stale)
        except UnitError:
            form.add_error(
                "unit",
                _("Enheten ska vara g, kg eller t CO2e per en känd enhet, t.ex. g CO2e/kWh."),
            )
        else:
            messages.success(request, _("Faktorn är sparad och klimatbokslutet omräknat."))
            return redirect("emissions:factors", org_code)
    factor_set = selectors.factor_set_of(organisation)  # saved above: the new version
    return render(
        request,
        "emissions/factors.html",
        {
            "organisation": organisation,
            "factor_set": factor_set,
            "factors": factor_set.factors.all() if factor_set else [],
            "history": selectors.factor_history(factor_set),
            "gwp_history": selectors.gwp_set_history(factor_set),
            "shipped_missing": selectors.shipped_factors_missing(factor_set),
            "categories": selectors.category_choices(),
            "form": form,
            "gwp_form": gwp_form,
            "can_edit": can_edit,
            "conflict": conflict,
            "editing": editing,
        },
        status=409 if conflict else 400 if form.is_bound or gwp_form.is_bound else 200,
    )


@login_required
def export(request: HttpRequest, org_code: str) -> HttpResponse:
    """The klimatbokslut of a node (and year) as an Excel workbook."""
    _user, organisation, _start, node = _context(request, org_code)
    year = _int(request.GET.get("year"))
    rows = selectors.export_rows(node, year)
    response = HttpResponse(
        write_xlsx(
            [str(heading) for heading, _code in selectors.EXPORT_COLUMNS],
            rows,
            title=_("Klimatbokslut"),
        ),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"klimatbokslut-{organisation.code}-{node.code}{'-' + str(year) if year else ''}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_pdf(request: HttpRequest, org_code: str) -> HttpResponse:
    """The klimatbokslut of a node and year as a PDF, with the factors and sources it used."""
    from weasyprint import HTML  # on use only: WeasyPrint takes 2 s to import

    _user, organisation, _start, node = _context(request, org_code)
    view = selectors.inventory_view(
        node, _int(request.GET.get("year")), _int(request.GET.get("base"))
    )
    html = render_to_string(
        "emissions/report.html",
        {
            "organisation": organisation,
            "node": node,
            "view": view,
            "chart": _chart(view),
            "factors": selectors.factors_used(node, view.year),
            "generated_at": timezone.now(),
        },
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    name = f"klimatbokslut-{organisation.code}-{node.code}-{view.year or ''}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
