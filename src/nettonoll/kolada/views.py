"""The Kolada page of an organisation (strategists): follow a KPI for a municipality or region,
see each one's values, definition and recorded definition changes, and fetch now."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nettonoll.accounts.models import User
from nettonoll.kolada import selectors, services
from nettonoll.kolada.forms import SelectionForm
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Organisation, Role

ONLY_STRATEGISTS = "Bara miljöstrateger för hela organisationen hämtar nyckeltal från Kolada."


def _context(request: HttpRequest, org_code: str) -> tuple[User, Organisation]:
    user = request.user
    assert isinstance(user, User)
    access = access_of(request)
    organisation = access.organisation(org_code)
    access.require_root(organisation, Role.STRATEGIST, _(ONLY_STRATEGISTS))
    return user, organisation


@login_required
@require_http_methods(["GET", "POST"])
def kolada_page(request: HttpRequest, org_code: str) -> HttpResponse:
    user, organisation = _context(request, org_code)
    form = SelectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            selection = services.selection_add(
                organisation=organisation, by=user, **form.cleaned_data
            )
        except services.KoladaRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(kpi)s för %(municipality)s är valt. Värdena kommer med nästa hämtning.")
                % {"kpi": selection.kpi.kpi_id, "municipality": selection.municipality_id},
            )
            return redirect("kolada:page", org_code)
    return render(
        request,
        "kolada/kolada_page.html",
        {
            "organisation": organisation,
            "views": selectors.selections_of(organisation),
            "job": selectors.last_fetch_job(organisation),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def kolada_fetch_now(request: HttpRequest, org_code: str) -> HttpResponse:
    user, organisation = _context(request, org_code)
    if getattr(settings, "IS_DEMO", False):
        messages.info(request, _("Demon hämtar aldrig från Kolada; värdena här är påhittade."))
        return redirect("kolada:page", org_code)
    services.kolada_fetch_queue(organisation=organisation, by=user)
    messages.success(
        request, _("Hämtningen från Kolada har startat; ladda om sidan för att se resultatet.")
    )
    return redirect("kolada:page", org_code)
