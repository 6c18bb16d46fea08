"""The fleet page: a node's vehicle fleet on 31 December year by year (both rule sets and electric),
the path to 2030 with its verdict and the vehicles to replace, and the clean-vehicle follow-up for
a period. Readers of the node may see it."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from nettonoll.calc import clean_vehicles, fleet
from nettonoll.common.charts import bars, line_chart, year_step
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import access_of
from nettonoll.registers import fleet as selectors
from nettonoll.registers.models import Ownership, VehicleEnergy, VehicleType

CLEAN_CLASS_LABELS = {
    "lätt": gettext_lazy("Lätta fordon (personbilar och lätta lastbilar)"),
    "tung lastbil": gettext_lazy("Tunga lastbilar"),
    "buss": gettext_lazy("Bussar"),
}
REASON_LABELS = {
    "lease_end": gettext_lazy("när leasingavtalet slutar"),
    "hire_end": gettext_lazy("när hyran slutar"),
    "age": gettext_lazy("vid vald ålder"),
}


class FleetForm(forms.Form):
    """The page's choices, read from the query string (GET)."""

    age = forms.IntegerField(
        label=gettext_lazy("Byt ägda fordon vid ålder (år)"), min_value=1, max_value=30
    )
    period_from = forms.DateField(
        label=gettext_lazy("Anskaffade från"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = forms.DateField(
        label=gettext_lazy("till och med"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("Slutdatumet ligger före startdatumet."))
        return data


def pct_text(value: float | None) -> str:
    """A share as the page shows it: "66,7 %", or "–" when there is nothing to divide by."""
    if value is None:
        return "–"
    return f"{formats.number_format(round(value, 1), decimal_pos=1, use_l10n=True)} %"


def has_fleet(path: fleet.PathTo2030) -> bool:
    """Whether the node has vehicles in service today (the path starts from them)."""
    return bool(path.years and path.years[0].vehicles)


def verdict_text(path: fleet.PathTo2030) -> str:
    if not has_fleet(path):
        return _("Enheten har inga fordon i trafik, så det finns ingen väg till 2030 att visa.")
    year = path.reaches_year
    if year is not None:
        return _("Når 100 %% år %(year)d.") % {"year": year}
    remaining = path.remaining_in_target_year
    return ngettext(
        "Når inte målet %(target)d: %(count)d fordon kvar.",
        "Når inte målet %(target)d: %(count)d fordon kvar.",
        remaining,
    ) % {"target": fleet.TARGET_YEAR, "count": remaining}


def _shares_chart(figures: list[fleet.FleetShares]) -> dict[str, object] | None:
    series: dict[str, dict[int, float]] = {
        _("Kan köras fossilfritt (fossilfri-drift)"): {},
        _("Fossiloberoende (Miljöfordonsdiagnos)"): {},
        _("Elbilar"): {},
    }
    lines = list(series.values())
    for f in figures:
        for line, value in zip(
            lines,
            (f.fossil_free_capable_pct, f.fossil_free_capable_mfd_pct, f.electric_pct),
            strict=True,
        ):
            if value is not None:
                line[f.year] = value
    if not any(lines):
        return None
    years = [f.year for f in figures]
    return line_chart(
        series,
        title=_("Fordonsflottans fossilfria andel den 31 december per år (%)"),
        chart_id="fleet-shares",
        markers=list(series),
        x_step=year_step(years[0], years[-1]),
        unit="%",
        height=280,
    )


def period_note(start: datetime.date, end: datetime.date, today: datetime.date) -> str:
    """Beside the clean-vehicle shares: a period not begun or still running is not final."""
    if start > today:
        return _("perioden har inte börjat")
    if end > today:
        return _("perioden pågår: anskaffningar t.o.m. %(today)s") % {"today": today.isoformat()}
    return ""


def _path_chart(path: fleet.PathTo2030) -> dict[str, object] | None:
    if not has_fleet(path):
        return None
    return bars(
        [(y.year, y.fossil_free_pct or 0.0) for y in path.years],
        unit="%",
        title=_("Väg till 2030: beräknad fossilfri andel den 31 december (%)"),
        chart_id="fleet-path",
        highlight=fleet.TARGET_YEAR,
    )


def _replacement_rows(path: fleet.PathTo2030) -> list[dict[str, object]]:
    types, energies, ownerships = (
        dict(VehicleType.choices),
        dict(VehicleEnergy.choices),
        dict(Ownership.choices),
    )
    return [
        {
            "reg_no": r.vehicle.reg_no,
            "pk": r.vehicle.pk,
            "unit": r.vehicle.unit,
            "type": types.get(r.vehicle.vehicle_type, r.vehicle.vehicle_type),
            "energy": energies.get(r.vehicle.energy, r.vehicle.energy),
            "ownership": ownerships.get(r.vehicle.ownership, r.vehicle.ownership),
            "lease_end": r.vehicle.lease_end,
            "on": r.on,
            "reason": REASON_LABELS[r.reason],
            "after_target": r.year > fleet.TARGET_YEAR,
        }
        for r in path.replacements
    ]


@login_required
@require_GET
def overview(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    today = datetime.date.today()
    defaults: dict[str, Any] = {
        "age": fleet.DEFAULT_REPLACEMENT_AGE_YEARS,
        "period_from": datetime.date(today.year, 1, 1),
        "period_to": datetime.date(today.year, 12, 31),
    }
    form = FleetForm({k: request.GET.get(k) or v for k, v in defaults.items()})
    choices = form.cleaned_data if form.is_valid() else defaults
    vehicles = selectors.vehicle_facts(node)
    figures = selectors.fleet_figures(node, today.year, vehicles)
    path = selectors.fleet_path(node, today, choices["age"], vehicles)
    clean = selectors.clean_vehicle_follow_up(
        node, choices["period_from"], choices["period_to"], vehicles
    )
    on = fleet.year_end(today.year)
    return render(
        request,
        "registers/fleet_overview.html",
        {
            "organisation": organisation,
            "node": node,
            "crumbs": access.crumbs(node),
            "children": org_selectors.node_children(node),
            "form": form,
            "choices": choices,
            "rows": [
                {
                    "year": f.year,
                    "vehicles": f.vehicles,
                    "fossil_free": pct_text(f.fossil_free_capable_pct),
                    "mfd": pct_text(f.fossil_free_capable_mfd_pct),
                    "electric": pct_text(f.electric_pct),
                    "plug_in": pct_text(f.plug_in_hybrid_pct),
                    # 31 December of this year is still ahead: what the register says today
                    "preliminary": f.year >= today.year,
                }
                for f in reversed(figures)
            ],
            "shares_chart": _shares_chart([f for f in figures if f.year < today.year]),
            "path": path,
            "path_rows": [(y, pct_text(y.fossil_free_pct)) for y in path.years],
            "path_chart": _path_chart(path),
            "has_fleet": has_fleet(path),
            "verdict": verdict_text(path),
            "replacements": _replacement_rows(path),
            "period_note": period_note(choices["period_from"], choices["period_to"], today),
            "clean": [
                {
                    "row": c,
                    "label": CLEAN_CLASS_LABELS[c.vehicle_class],
                    "pct": pct_text(c.clean_pct),
                }
                for c in clean
            ],
            "rule_sets": [
                fleet.rule_set(code, on)
                for code in (fleet.FOSSIL_FREE, fleet.MILJOFORDONSDIAGNOS, fleet.ELECTRIC)
            ],
            "target_year": fleet.TARGET_YEAR,
            "clean_definitions": clean_vehicles.clean_vehicle_definitions(),
        },
    )
