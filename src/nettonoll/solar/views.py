"""The solar page of a node (installed kWp, production and both rates per year, the
installations, the organisation's path to its target kWp; readers of the node) and the target's
form (strategists of the organisation)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from nettonoll.accounts.models import User
from nettonoll.calc.solar import TargetPath
from nettonoll.common.records import StaleEdit, refresh_version
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.solar import selectors, services
from nettonoll.solar.forms import TargetForm
from nettonoll.solar.models import SolarTarget

TARGET_REFUSED = gettext_noop("Bara strateger för hela organisationen kan sätta målet för solel.")


def number_text(value: float | None, decimals: int = 0, unit: str = "") -> str:
    """A number as the page shows it ("1 250 kWp"), "–" for no value."""
    if value is None:
        return "–"
    # a half rounded up, as people round (358,5 → 359), not to even as `round` does
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = formats.number_format(rounded, decimals, use_l10n=True, force_grouping=True)
    return f"{text} {unit}".strip()


def pct_text(value: float | None) -> str:
    return number_text(value, 1, "%")


def share_text(weight: float) -> str:
    return "" if weight >= 0.9999 else pct_text(weight * 100)


def path_context(path: TargetPath, installed: dict[int, float]) -> dict[str, Any]:
    """The path in words; `installed`: the organisation's kWp on 31 December of each year (this
    year's: today's, preliminary) beside the line."""
    return {
        "path": path,
        "expected": number_text(path.expected_kwp, 0, "kWp"),
        "current": number_text(path.current_kwp, 0, "kWp"),
        "base": number_text(path.base_kwp, 0, "kWp"),
        "target": number_text(path.target_kwp, 0, "kWp"),
        "needed": number_text(path.needed_kwp_per_year, 0, "kWp"),
        "points": [
            (
                year,
                number_text(value, 0, "kWp"),
                number_text(installed[year], 0, "kWp") if year in installed else "–",
                year in installed and installed[year] >= value - 1e-9,
            )
            for year, value in path.points
        ],
    }


def _installed(organisation: Any, today: datetime.date) -> dict[int, float]:
    root = selectors.root_of(organisation)
    if root is None:
        return {}
    found = {y.year: y.kwp for y in selectors.node_solar(root, today).years}
    found[today.year] = selectors.kwp_today(root, today)
    return found


@login_required
@require_GET
def solar_page(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    today = datetime.date.today()
    found = selectors.node_solar(node, today)
    root = access.root(organisation)
    target = selectors.target_path(organisation, today)
    last = selectors.last_months([i for i, _weight in found.installations])
    return render(
        request,
        "solar/page.html",
        {
            "organisation": organisation,
            "node": node,
            "crumbs": access.crumbs(node),
            "children": org_selectors.node_children(node),
            "kwp_today": number_text(selectors.kwp_today(node, today), 1, "kWp"),
            "rows": [
                {
                    "year": y.year,
                    "kwp": number_text(y.kwp, 1),
                    "produced": number_text(y.produced_kwh) if y.produced_kwh else "–",
                    "exported": number_text(y.exported_kwh) if y.produced_kwh else "–",
                    "bought": number_text(y.bought_kwh),
                    "self_consumption": pct_text(y.self_consumption_pct),
                    "self_sufficiency": pct_text(y.self_sufficiency_pct),
                    "preliminary": y.year >= today.year,
                }
                for y in reversed(found.years)
            ],
            "installations": [
                {
                    "record": i,
                    "kwp": number_text(float(i.kwp), 1),
                    "share": share_text(weight),
                    "in_service": i.valid_to is None or i.valid_to > today,
                    # a unit sharing another unit's building sees the installation, not its record
                    "can_view": access.can_view(i.node),
                    "last_month": last.get(i.pk),
                }
                for i, weight in found.installations
            ],
            "target": target[0] if target else None,
            "target_path": path_context(target[1], _installed(organisation, today))
            if target
            else None,
            "can_set_target": access.has(root, Role.STRATEGIST),
            "can_see_root": access.can_view(root),
            "can_import": access.has(root, Role.STRATEGIST),
            "is_root": root is not None and node.pk == root.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    access.require_root(organisation, Role.STRATEGIST, _(TARGET_REFUSED))
    target = selectors.target_get(organisation) or SolarTarget(organisation=organisation)
    form = TargetForm(request.POST if request.method == "POST" else None, instance=target)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert isinstance(user, User)
        try:
            services.target_save(
                target=form.instance,
                expected_version=form.cleaned_data.get("version"),
                by=user,
            )
        except StaleEdit as stale:
            conflict = stale
            refresh_version(form, stale)
        else:
            messages.success(request, _("Målet för solel är sparat."))
            return redirect(reverse("solar:page", args=[org_code]))
    saved = selectors.target_get(organisation)
    return render(
        request,
        "solar/target_form.html",
        {"organisation": organisation, "form": form, "conflict": conflict, "saved": saved},
        status=409 if conflict else 400 if form.is_bound else 200,
    )
