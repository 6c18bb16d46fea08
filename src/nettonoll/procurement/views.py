"""Procurement pages: the overview of a node's procurements in a year (shares by count and by
value, the follow-ups overdue, the procurements decided), a procurement with its requirements,
and the forms to add or change a requirement and record its follow-up (contributors of the
procurement's node). The register's generic pages (list, new, edit, import, export) come from
its declaration (`registers`)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from nettonoll.accounts.models import User
from nettonoll.calc import procurement as calc
from nettonoll.common.records import StaleEdit, refresh_version
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.procurement import selectors, services
from nettonoll.procurement.declarations import PROCUREMENTS
from nettonoll.procurement.forms import FollowUpForm, RequirementForm
from nettonoll.procurement.models import Procurement, Requirement

CONTRIBUTORS_ONLY = gettext_lazy(
    "Bara medarbetare på upphandlingens enhet och chefer över den kan ändra kraven."
)


def number_text(value: Decimal | int | float) -> str:
    return formats.number_format(round(value), 0, use_l10n=True, force_grouping=True)


def sek_text(value: Decimal | int | float) -> str:
    return f"{number_text(value)} kr"


def pct_text(value: float | None) -> str:
    """ "66,7 %", or "–" when there is nothing to divide by."""
    if value is None:
        return "–"
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{formats.number_format(rounded, decimal_pos=1, use_l10n=True)} %"


def of_text(part: int, whole: int) -> str:
    return _("%(part)s av %(whole)s") % {"part": number_text(part), "whole": number_text(whole)}


def _year(request: HttpRequest, today: datetime.date) -> int:
    text = request.GET.get("year", "")
    if text.isdigit() and 1900 <= int(text) <= 2100:
        return int(text)
    return today.year - 1  # the last complete year, as the node panel and the other overviews


def _share_rows(figures: calc.YearFigures) -> list[dict[str, str]]:
    rows = []
    for label, share in (
        (_("Med minst ett hållbarhetskrav"), figures.with_requirements),
        (_("Med krav på cirkularitet"), figures.circularity),
        (_("Med hållbarhetskrav på avancerad nivå eller spjutspetsnivå"), figures.advanced),
    ):
        rows.append(
            {
                "label": label,
                "count": of_text(share.part, share.whole),
                "count_pct": pct_text(share.count_pct),
                "value": _("%(part)s av %(whole)s")
                % {"part": sek_text(share.part_sek), "whole": sek_text(share.whole_sek)},
                "value_pct": pct_text(share.value_pct),
            }
        )
    return rows


def _overdue_rows(
    late: list[tuple[Any, Any]], today: datetime.date, access: Any
) -> list[dict[str, Any]]:
    found = selectors.requirements_by_pk([r.key for _p, r in late])
    rows = []
    for _p, facts in late:
        requirement = found[facts.key]
        rows.append(
            {
                "requirement": requirement,
                "procurement": requirement.procurement,
                "days": (today - facts.follow_up_planned_on).days,
                "days_text": number_text((today - facts.follow_up_planned_on).days),
                "can_edit": access.has(requirement.procurement.node, Role.CONTRIBUTOR),
            }
        )
    return rows


def _procurement_rows(decided: list[Procurement]) -> list[dict[str, Any]]:
    rows = []
    for p in decided:
        requirements = list(p.requirements.all())
        areas = sorted({r.get_area_display() for r in requirements})
        rows.append(
            {
                "procurement": p,
                "value": sek_text(p.value_sek),
                "requirements": len(requirements),
                "areas": ", ".join(areas),
                "sustainable": any(r.area in calc.SUSTAINABILITY_AREAS for r in requirements),
            }
        )
    return rows


@login_required
@require_GET
def overview(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    today = datetime.date.today()
    year = _year(request, today)
    facts = selectors.procurement_facts(node)
    figures = calc.year_figures(facts, year)
    years = sorted({*selectors.decision_years(node), today.year, year}, reverse=True)
    return render(
        request,
        "procurement/overview.html",
        {
            "organisation": organisation,
            "node": node,
            "breadcrumbs": access.crumbs(node),
            "children": org_selectors.node_children(node),
            "year": year,
            "years": years,
            "preliminary": year >= today.year,
            "figures": figures,
            "shares": _share_rows(figures),
            "followed_up": of_text(figures.followed_up.part, figures.followed_up.whole),
            "followed_up_pct": pct_text(figures.followed_up.pct),
            "fulfilled": of_text(figures.fulfilled.part, figures.fulfilled.whole),
            "fulfilled_pct": pct_text(figures.fulfilled.pct),
            "overdue": _overdue_rows(calc.overdue(facts, today), today, access),
            "procurements": _procurement_rows(selectors.procurements_decided(node, year)),
            "slug": PROCUREMENTS.slug,
            "can_import": access.has(access.root(organisation), Role.STRATEGIST),
            "today": today,
        },
    )


def _procurement(request: HttpRequest, org_code: str, pk: int) -> Procurement:
    """A procurement the user may see (404 otherwise)."""
    access = access_of(request)
    organisation = access.organisation(org_code)
    procurement = (
        Procurement.objects.select_related("node", "node__organisation")
        .filter(organisation=organisation, pk=pk)
        .first()
    )
    if procurement is None:
        raise Http404
    access.require(procurement.node)
    return procurement


@login_required
@require_GET
def detail(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    procurement = _procurement(request, org_code, pk)
    access = access_of(request)
    return render(
        request,
        "procurement/detail.html",
        {
            "organisation": procurement.organisation,
            "procurement": procurement,
            "breadcrumbs": access.crumbs(procurement.node),
            "value": sek_text(procurement.value_sek),
            "requirements": list(procurement.requirements.all()),
            "can_edit": access.has(procurement.node, Role.CONTRIBUTOR),
            "slug": PROCUREMENTS.slug,
            "today": datetime.date.today(),
        },
    )


def _form_page(
    request: HttpRequest,
    procurement: Procurement,
    form: RequirementForm | FollowUpForm,
    heading: str,
    requirement: Requirement | None,
    conflict: StaleEdit | None,
) -> HttpResponse:
    return render(
        request,
        "procurement/requirement_form.html",
        {
            "organisation": procurement.organisation,
            "procurement": procurement,
            "requirement": requirement,
            "heading": heading,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


def _save(
    request: HttpRequest, form: RequirementForm | FollowUpForm
) -> tuple[bool, StaleEdit | None]:
    """Save a valid posted form (saved, conflict); refusals are put on the form."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    assert isinstance(request.user, User)
    try:
        services.requirement_save(
            requirement=form.instance,
            expected_version=form.cleaned_data.get("version"),
            by=request.user,
        )
    except StaleEdit as stale:
        refresh_version(form, stale)
        return False, stale
    except services.RequirementError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return False, None
    except services.ValidationError as error:
        form.add_error(None, error.messages)
        return False, None
    messages.success(
        request, _("Kravet %(code)s är sparat.") % {"code": form.instance.requirement_code}
    )
    return True, None


def _done(request: HttpRequest, org_code: str, procurement: Procurement) -> HttpResponse:
    """Back where the user came from (`?next=`, a page of this site), else the procurement."""
    back = request.GET.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
        return redirect(back)
    return redirect("procurement:detail", org_code, procurement.pk)


def _editable(request: HttpRequest, org_code: str, pk: int) -> Procurement:
    procurement = _procurement(request, org_code, pk)
    access_of(request).require(procurement.node, Role.CONTRIBUTOR, str(CONTRIBUTORS_ONLY))
    return procurement


@login_required
@require_http_methods(["GET", "POST"])
def requirement_new(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    procurement = _editable(request, org_code, pk)
    data = request.POST if request.method == "POST" else None
    form = RequirementForm(data, instance=Requirement(procurement=procurement))
    saved, _conflict = _save(request, form)
    if saved:
        return redirect("procurement:detail", org_code, procurement.pk)
    return _form_page(request, procurement, form, _("Nytt krav"), None, None)


def _requirement_page(
    request: HttpRequest, org_code: str, pk: int, requirement_id: int, form_class: Any, heading: str
) -> HttpResponse:
    procurement = _editable(request, org_code, pk)
    requirement = Requirement.objects.filter(procurement=procurement, pk=requirement_id).first()
    if requirement is None:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=requirement)
    saved, conflict = _save(request, form)
    if saved:
        return _done(request, org_code, procurement)
    current = Requirement.objects.get(pk=requirement_id)  # as saved, not as typed
    return _form_page(request, procurement, form, heading % {"code": current}, current, conflict)


@login_required
@require_http_methods(["GET", "POST"])
def requirement_edit(
    request: HttpRequest, org_code: str, pk: int, requirement_id: int
) -> HttpResponse:
    return _requirement_page(
        request, org_code, pk, requirement_id, RequirementForm, _("Ändra krav %(code)s")
    )


@login_required
@require_http_methods(["GET", "POST"])
def requirement_follow_up(
    request: HttpRequest, org_code: str, pk: int, requirement_id: int
) -> HttpResponse:
    return _requirement_page(
        request, org_code, pk, requirement_id, FollowUpForm, _("Följ upp krav %(code)s")
    )
