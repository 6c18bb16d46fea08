"""The organisation's carbon budget page: derivations (a)–(d), actual emissions against the
pathway, remaining budget, targets, and the climate action plan against the gap. Works without
JavaScript: the derivation is tried out with a GET form and adopted with POST."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.budgets import services
from nettonoll.budgets.charts import line_chart, mac_curve
from nettonoll.budgets.forms import BUDGET_FIELDS, CarbonBudgetForm
from nettonoll.budgets.models import CarbonBudget
from nettonoll.budgets.selectors.organisation import BudgetPage, budget_page, carbon_budget_of
from nettonoll.common.records import StaleEdit, refresh_version
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Organisation, Role


def _organisation(request: HttpRequest, org_code: str) -> tuple[User, Organisation, bool]:
    """The user, the organisation, and whether they may adopt. The budget and the action plan
    are the whole organisation's figures: a page about its root node (404 for those who cannot
    see the root)."""
    user = request.user
    assert isinstance(user, User)
    access = access_of(request)
    organisation = access.organisation(org_code)
    root = access.require_root(organisation)
    return user, organisation, access.has(root, Role.STRATEGIST)


def _tried(request: HttpRequest, adopted: CarbonBudget) -> tuple[CarbonBudgetForm, CarbonBudget]:
    """The form and the settings shown: the adopted ones, or those tried out in the query."""
    if not any(name in request.GET for name in BUDGET_FIELDS):
        return CarbonBudgetForm(instance=adopted), adopted
    trial = CarbonBudget(organisation=adopted.organisation)
    form = CarbonBudgetForm(
        request.GET, instance=trial, version=adopted.version if adopted.pk else 0
    )
    if form.is_valid():
        return form, form.instance
    return form, adopted


def _rows(page: BudgetPage) -> list[dict[str, object]]:
    """The chart's numbers as table rows, one per year."""
    a = page.assessment
    if a is None:
        return []
    every_year_until = max(page.budget.net_zero_year, a.last_year or 0) + 1
    reported = page.totals.reported if page.totals else set()
    years = [
        y
        for y in sorted(set(a.path_t) | set(a.actual_t) | set(a.trend_t) | set(a.preliminary_t))
        if y <= every_year_until or y % 5 == 0
    ]
    return [
        {
            "year": y,
            "path": a.path_t.get(y),
            "actual": a.actual_t.get(y),
            "trend": a.trend_t.get(y),
            "with_plan": page.trend_with_plan_t.get(y),
            "preliminary": a.preliminary_t.get(y),
            "reported": y in reported,
        }
        for y in years
    ]


def _charts(page: BudgetPage) -> dict[str, object]:
    a = page.assessment
    mac = mac_curve(
        [
            (r.measure.title, r.measure.effect_t_per_yr, r.cost_per_t_sek)
            for r, _activity in page.ranked
            if r.cost_per_t_sek is not None
        ],
        title=_("Åtgärdernas kostnad per ton mot sammanlagd effekt (kr per ton, ton CO2e per år)"),
        chart_id="mac-chart",
        width=960,
        height=320,
    )
    if a is None:
        return {"mac": mac}
    series = {
        _("Budgetbana"): a.path_t,
        _("Utfall (klimatbokslut)"): a.actual_t,
        _("Trend"): a.trend_t,
    }
    if page.plan_effect_t and any(page.plan_effect_t.values()):
        series[_("Trend med handlingsplanen")] = page.trend_with_plan_t
    return {
        "mac": mac,
        "pathway": line_chart(
            series,
            title=_("Utsläpp, budgetbana och trend (ton CO2e per år)"),
            chart_id="pathway-chart",
            unit=_("ton CO2e"),
            dashed=[_("Trend"), _("Trend med handlingsplanen")],
            markers=[_("Utfall (klimatbokslut)")],
        ),
        "gap": line_chart(
            {
                _("Gap mellan trend och budgetbana"): {r.year: r.gap_t for r in page.verdict.years}
                if page.verdict
                else {},
                _("Handlingsplanens effekt"): page.plan_effect_t,
            },
            title=_("Gapet och handlingsplanens effekt (ton CO2e per år)"),
            chart_id="gap-chart",
            unit=_("ton CO2e per år"),
            dashed=[_("Handlingsplanens effekt")],
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def carbon_budget(request: HttpRequest, org_code: str) -> HttpResponse:
    user, organisation, can_adopt = _organisation(request, org_code)
    adopted = carbon_budget_of(organisation)
    conflict: StaleEdit | None = None
    if request.method == "POST":
        if not can_adopt:
            raise PermissionDenied(
                _("Bara miljöstrateger och administratörer kan besluta budgeten.")
            )
        form = CarbonBudgetForm(request.POST, instance=adopted)
        if form.is_valid():
            try:
                services.carbon_budget_save(
                    organisation=organisation,
                    values={name: form.cleaned_data[name] for name in BUDGET_FIELDS},
                    expected_version=form.cleaned_data.get("version"),
                    by=user,
                )
            except StaleEdit as stale:
                conflict = stale
                refresh_version(form, stale)
            else:
                messages.success(request, _("Budgetens härledning är sparad."))
                return redirect("budgets:organisation", org_code)
        adopted = carbon_budget_of(organisation)
        shown = adopted
    else:
        form, shown = _tried(request, adopted)
    page = budget_page(organisation, shown)
    return render(
        request,
        "budgets/organisation.html",
        {
            "organisation": organisation,
            "form": form,
            "page": page,
            "a": page.assessment,
            "charts": _charts(page),
            "rows": _rows(page),
            "is_trial": shown is not adopted,
            "adopted": adopted,
            "can_adopt": can_adopt,
            "query": request.GET.urlencode(),
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def carbon_budget_pdf(request: HttpRequest, org_code: str) -> HttpResponse:
    """The budget page (adopted or tried-out settings) as a PDF for a board."""
    from weasyprint import HTML  # on use only: WeasyPrint takes 2 s to import

    _user, organisation, _can_adopt = _organisation(request, org_code)
    _form, shown = _tried(request, carbon_budget_of(organisation))
    page = budget_page(organisation, shown)
    html = render_to_string(
        "budgets/organisation_report.html",
        {
            "organisation": organisation,
            "page": page,
            "a": page.assessment,
            "charts": _charts(page),
            "rows": _rows(page),
            "generated_at": timezone.now(),
        },
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="koldioxidbudget-{organisation.code}.pdf"'
    )
    return response
