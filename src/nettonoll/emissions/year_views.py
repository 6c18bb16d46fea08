"""Klimatbokslut pages about years: closing a year ("fastställ") or reopening it, and the totals
reported for years before activity data (listed for everyone who sees the klimatbokslut,
entered, changed, removed and imported by strategists)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.common.records import StaleEdit, conflict_page, refresh_version
from nettonoll.common.tablespec import ImportResult
from nettonoll.common.tableviews import table_download, table_import_page
from nettonoll.emissions import imports, year_services
from nettonoll.emissions.forms import HistoricalTotalsImportForm, ReportedTotalForm, YearClosingForm
from nettonoll.emissions.models import ReportedTotal
from nettonoll.emissions.views import _context, _int, _require_strategist
from nettonoll.emissions.years import reported_totals_of
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role


@login_required
@require_http_methods(["POST"])
def year_closing(request: HttpRequest, org_code: str) -> HttpResponse:
    """Close the year shown on the klimatbokslut page, or reopen it (strategists)."""
    user, organisation, _start, node = _context(request, org_code)
    _require_strategist(request, organisation)
    form = YearClosingForm(request.POST)
    year = _int(request.POST.get("year"))
    back = (
        reverse("emissions:inventory", args=[org_code])
        + f"?node={node.code}"
        + (f"&year={year}" if year else "")
    )
    if not form.is_valid():
        messages.error(request, _("Året kunde inte fastställas: ange ett år."))
        return redirect(back)
    values = form.cleaned_data
    try:
        year_services.year_close(
            organisation=organisation,
            year=values["year"],
            closed=values["closed"],
            expected_version=values.get("version"),
            by=user,
        )
    except StaleEdit as stale:
        typed: dict[str, object] = {_("Fastställt"): _("Ja") if values["closed"] else _("Nej")}
        return conflict_page(request, stale, back_url=back, typed=typed)
    if values["closed"]:
        messages.success(request, _("%(year)d är fastställt.") % {"year": values["year"]})
    else:
        messages.success(request, _("%(year)d är öppnat igen.") % {"year": values["year"]})
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def reported_totals(request: HttpRequest, org_code: str) -> HttpResponse:
    """The organisation's reported totals; strategists add, change (by year, scope and
    category) and remove them."""
    user, organisation, start, _node = _context(request, org_code)
    access = access_of(request)
    can_edit = start.is_root() and access.has(start, Role.STRATEGIST)
    rows = reported_totals_of(organisation)
    editing = None
    edit_id = _int(request.GET.get("edit"))
    if edit_id is not None:
        editing = rows.filter(pk=edit_id).first()
    initial = {}
    if editing is not None:
        initial = {
            f: getattr(editing, f) for f in ("year", "scope", "category", "t_co2e", "source")
        }
    form = ReportedTotalForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        version=editing.version if editing is not None else 0,
        editing=editing is not None,
        categories=imports.known_categories(organisation)
        | ({initial["category"]: initial["category"]} if initial.get("category") else {}),
    )
    conflict: StaleEdit | None = None
    if request.method == "POST":
        _require_strategist(request, organisation)
        if request.POST.get("delete"):
            total = get_object_or_404(
                ReportedTotal, organisation=organisation, pk=_int(request.POST["delete"]) or 0
            )
            year_services.reported_total_delete(total=total, by=user)
            messages.success(request, _("Den redovisade summan är borttagen."))
            return redirect("emissions:reported_totals", org_code)
        if form.is_valid():
            values = form.cleaned_data
            try:
                year_services.reported_total_save(
                    organisation=organisation,
                    year=values["year"],
                    scope=values["scope"],
                    category=values["category"] or "",
                    t_co2e=values["t_co2e"],
                    source=values["source"],
                    expected_version=values.get("version"),
                    by=user,
                )
            except StaleEdit as stale:
                conflict = stale
                refresh_version(form, stale)
            else:
                messages.success(request, _("Den redovisade summan är sparad."))
                return redirect("emissions:reported_totals", org_code)
    return render(
        request,
        "emissions/reported_totals.html",
        {
            "organisation": organisation,
            "rows": rows,
            "form": form,
            "editing": editing,
            "can_edit": can_edit,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reported_totals_import(request: HttpRequest, org_code: str) -> HttpResponse:
    """Import reported totals from a file (strategists): year, scope, category, t_co2e, source."""
    user, organisation, _start, _node = _context(request, org_code)
    _require_strategist(request, organisation)
    form = HistoricalTotalsImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ())
    )

    def run(_form: Form, data: bytes, filename: str) -> ImportResult:
        return imports.historical_totals_import(
            organisation_code=organisation.code, data=data, filename=filename, by=user
        )

    listing = reverse("emissions:reported_totals", args=[org_code])
    context = {
        "organisation": organisation,
        "heading": _("Importera redovisade summor för %(name)s") % {"name": organisation.name},
        "intro": _(
            "Summor som redovisats för ett år, t.ex. i ett äldre klimatbokslut, per scope och där "
            "det är känt per kategori, med källan. Finns året, scopet och kategorin redan ändras "
            "summan. Importen är allt eller inget: är någon rad fel sparas ingenting."
        ),
        "back": (listing, _("Tillbaka till de redovisade summorna")),
        "templates": {"redovisade-summor": (imports.HISTORICAL_TOTALS, _("Redovisade summor"))},
        "result_link": lambda _result: (listing, _("Visa de redovisade summorna")),
    }
    return table_import_page(request, form, run, context)


@login_required
def reported_totals_export(request: HttpRequest, org_code: str) -> HttpResponse:
    _user, organisation, _start, _node = _context(request, org_code)
    return table_download(
        imports.HISTORICAL_TOTALS,
        imports.historical_totals_rows(organisation),
        f"redovisade-summor-{organisation.code}",
        request.GET.get("format", "xlsx"),
    )
