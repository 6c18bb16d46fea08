"""Climate adaptation and new builds: a node's buildings at high climate risk (the product's
rule, `calc.adaptation`) and every building's assessment; a building's risks per hazard, edited
by contributors of the building's node; the node's new-build projects with requirement against
outcome and overdue follow-ups. Readers of the node may see the pages."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from nettonoll.accounts.models import User
from nettonoll.adaptation import selectors, services
from nettonoll.adaptation.forms import RiskForm
from nettonoll.adaptation.models import HAZARD_SLUGS, ClimateRisk, Hazard
from nettonoll.calc import adaptation
from nettonoll.common.records import StaleEdit, refresh_version
from nettonoll.estate.models import Building
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role

CONTRIBUTORS_ONLY = gettext_noop(
    "Bara medarbetare på byggnadens enhet och chefer över den kan ändra klimatriskerna."
)
HAZARD_LABELS = dict(Hazard.choices)


def rule_context() -> dict[str, Any]:
    return {
        "high_at": adaptation.HIGH_AT,
        "high_at_vulnerable": adaptation.HIGH_AT_VULNERABLE,
        "rule": adaptation.RULE,
    }


@login_required
@require_GET
def risks_page(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    buildings = selectors.node_buildings(node)
    assessed = selectors.assessed_counts(buildings)
    return render(
        request,
        "adaptation/risks.html",
        {
            "organisation": organisation,
            "node": node,
            "crumbs": access.crumbs(node),
            "children": org_selectors.node_children(node),
            "high": [
                {
                    "building": row.building,
                    "vulnerable": row.vulnerable,
                    "high": [(HAZARD_LABELS[h], score) for h, score in row.found.high],
                    "without": [HAZARD_LABELS[h] for h in row.found.without_measure],
                    "can_view": access.can_view(row.building.node),
                }
                for row in selectors.high_risks(buildings)
            ],
            "buildings": [(b, assessed.get(b.pk, 0), access.can_view(b.node)) for b in buildings],
            "hazard_count": len(Hazard.values),
            **rule_context(),
        },
    )


def _building(request: HttpRequest, org_code: str, pk: int) -> Building:
    access = access_of(request)
    organisation = access.organisation(org_code)
    building = selectors.building_get(organisation, pk)
    if building is None:
        raise Http404
    access.require(building.node)
    return building


@login_required
@require_GET
def building_page(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    building = _building(request, org_code, pk)
    access = access_of(request)
    risks = selectors.building_risks(building)
    rows = []
    for hazard in selectors.HAZARDS:
        risk = risks.get(hazard)
        score = adaptation.risk_score(risk.likelihood, risk.consequence) if risk else None
        rows.append(
            {
                "hazard": hazard,
                "label": hazard.label,
                "slug": HAZARD_SLUGS[hazard],
                "risk": risk,
                "score": score,
                "high": risk is not None
                and adaptation.is_high(risk.likelihood, risk.consequence, risk.vulnerable_use),
                "measures": list(risk.measures.all()) if risk else [],
            }
        )
    return render(
        request,
        "adaptation/building.html",
        {
            "organisation": building.organisation,
            "building": building,
            "crumbs": access.crumbs(building.node),
            "rows": rows,
            "can_edit": access.has(building.node, Role.CONTRIBUTOR),
            **rule_context(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, org_code: str, pk: int, hazard_slug: str) -> HttpResponse:
    building = _building(request, org_code, pk)
    access = access_of(request)
    access.require(building.node, Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
    hazard = next((h for h, slug in HAZARD_SLUGS.items() if slug == hazard_slug), None)
    if hazard is None:
        raise Http404
    risks = selectors.building_risks(building)
    # the use is the building's: a new hazard starts as the building's other assessments say
    risk = risks.get(hazard) or ClimateRisk(
        building=building,
        hazard=hazard,
        vulnerable_use=any(r.vulnerable_use for r in risks.values()),
    )
    form = RiskForm(request.POST if request.method == "POST" else None, instance=risk)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert isinstance(user, User)
        try:
            services.risk_save(
                risk=form.instance,
                measures=form.cleaned_data["measures"],
                expected_version=form.cleaned_data.get("version"),
                by=user,
            )
        except StaleEdit as stale:
            conflict = stale
            refresh_version(form, stale)
        else:
            messages.success(
                request,
                _("%(hazard)s för %(building)s är sparad.")
                % {"hazard": hazard.label, "building": building},
            )
            return redirect("adaptation:building", org_code, building.pk)
    return render(
        request,
        "adaptation/risk_form.html",
        {
            "organisation": building.organisation,
            "building": building,
            "hazard": hazard,
            "form": form,
            "conflict": conflict,
            "saved": risk if risk.pk else None,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


@login_required
@require_GET
def new_builds_page(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    rows = selectors.new_builds(node, datetime.date.today())
    return render(
        request,
        "adaptation/new_builds.html",
        {
            "organisation": organisation,
            "node": node,
            "crumbs": access.crumbs(node),
            "children": org_selectors.node_children(node),
            "rows": rows,
            "overdue": [r for r in rows if r.overdue],
        },
    )
