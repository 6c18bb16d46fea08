"""County view (länsvy): the counties, one county with its municipalities, one municipality.

Public statistics, open to every logged-in user. Works without JavaScript: the comparison table is
sorted on the server (`?sort=<column>&order=asc|desc`), the charts are SVG with a table beside.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nettonoll.budgets.charts import PALETTE, line_chart, stacked_bars
from nettonoll.budgets.selectors import county as selectors
from nettonoll.calc.territorial import CarbonLaw2026

# column key → header text (Swedish msgids), in table order
COLUMNS = (
    ("name", gettext_lazy("Kommun")),
    ("population", gettext_lazy("Invånare")),
    ("emissions", gettext_lazy("Utsläpp, ton CO2e")),
    ("per_capita", gettext_lazy("ton CO2e per invånare")),
    ("change", gettext_lazy("Årlig förändring sedan 2015, %")),
    ("budget", gettext_lazy("Koldioxidbudget från 2024, ton CO2")),
    ("runs_out", gettext_lazy("Budgeten tar slut")),
    ("on_track", gettext_lazy("I linje med koldioxidlagen")),
    ("net_zero", gettext_lazy("Nettonoll enligt trenden")),
)
OBSERVED_COLOUR, TREND_COLOUR, PATH_COLOUR = "#1b1f24", "#D55E00", "#0072B2"
FIRST_CHART_YEAR = 2015


def _sector_colours(all_sectors: Sequence[str]) -> dict[str, str]:
    """The same colour for a sector on every page."""
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(all_sectors)}


# NEDB's main sectors as SMHI names them; shown in the user's language
SECTOR_LABELS = {
    "Arbetsmaskiner": gettext_lazy("Arbetsmaskiner"),
    "Avfall (inkl.avlopp)": gettext_lazy("Avfall (inkl. avlopp)"),
    "Egen uppvärmning av bostäder och lokaler": gettext_lazy(
        "Egen uppvärmning av bostäder och lokaler"
    ),
    "El och fjärrvärme": gettext_lazy("El och fjärrvärme"),
    "Industri (energi + processer)": gettext_lazy("Industri (energi + processer)"),
    "Jordbruk": gettext_lazy("Jordbruk"),
    "Produktanvändning (inkl. lösningsmedel)": gettext_lazy(
        "Produktanvändning (inkl. lösningsmedel)"
    ),
    "Transporter": gettext_lazy("Transporter"),
    "Utrikes transporter": gettext_lazy("Utrikes transporter"),
}


def _label(sector: str) -> str:
    return str(SECTOR_LABELS.get(sector, sector))


def _sector_chart(
    by_year: Mapping[int, Mapping[str, float]],
    sectors: Sequence[str],
    all_sectors: Sequence[str],
    title: str,
) -> dict[str, object]:
    return stacked_bars(
        {year: {_label(k): v for k, v in values.items()} for year, values in by_year.items()},
        960,
        340,
        order=[_label(s) for s in sectors],
        colours={_label(k): v for k, v in _sector_colours(all_sectors).items()},
        title=title,
        chart_id="sector-chart",
    )


def _sector_rows(
    by_year: Mapping[int, Mapping[str, float]], sectors: Sequence[str]
) -> list[tuple[int, list[float], float]]:
    return [
        (year, [values.get(s, 0.0) for s in sectors], sum(values.values()))
        for year, values in sorted(by_year.items())
    ]


def _year_rows(
    series: Sequence[Mapping[int, float]], first_year: int
) -> list[tuple[int, list[float | None]]]:
    """One row per year in any of `series` from `first_year`: the values, None where missing."""
    years = sorted({y for values in series for y in values if y >= first_year})
    return [(y, [values.get(y) for values in series]) for y in years]


def _from(values: Mapping[int, float], first_year: int) -> dict[int, float]:
    return {y: v for y, v in values.items() if y >= first_year}


def _law_chart(
    law: CarbonLaw2026, title: str
) -> tuple[dict[str, object], list[tuple[int, list[float | None]]]]:
    """Emissions, the trend (from the last data year) and the Carbon Law path: chart and rows."""
    observed = _from(law.emissions_t, FIRST_CHART_YEAR)
    trend = {**law.approximated_t, **law.trend_t}
    names = (_("Utsläpp"), _("Trend"), _("Koldioxidlagen"))
    chart = line_chart(
        dict(zip(names, (observed, trend, law.carbon_law_t), strict=True)),
        colours=dict(zip(names, (OBSERVED_COLOUR, TREND_COLOUR, PATH_COLOUR), strict=True)),
        dashed=(names[1],),
        markers=(names[0],),
        title=title,
        chart_id="law-chart",
    )
    return chart, _year_rows([observed, trend, law.carbon_law_t], FIRST_CHART_YEAR)


def _sort_headers(detail: selectors.CountyDetail, base_url: str) -> list[dict[str, object]]:
    headers: list[dict[str, object]] = []
    for key, label in COLUMNS:
        is_sorted = key == detail.sort
        if is_sorted:
            next_order = "desc" if detail.order == "asc" else "asc"
        else:
            next_order = selectors.SORT_COLUMNS[key][1]
        headers.append(
            {
                "key": key,
                "label": label,
                "href": f"{base_url}?{urlencode({'sort': key, 'order': next_order})}#kommuner",
                "aria_sort": (
                    ("ascending" if detail.order == "asc" else "descending") if is_sorted else ""
                ),
                "next_order": next_order,
            }
        )
    return headers


@login_required
def counties(request: HttpRequest) -> HttpResponse:
    return render(request, "budgets/county_list.html", {"view": selectors.county_list()})


@login_required
def county(request: HttpRequest, code: str) -> HttpResponse:
    detail = selectors.county_detail(
        code, request.GET.get("sort", selectors.DEFAULT_SORT), request.GET.get("order", "")
    )
    if detail is None:
        raise Http404
    return render(request, "budgets/county_detail.html", county_context(detail, request.path))


def county_context(detail: selectors.CountyDetail, path: str) -> dict[str, object]:
    """What the county page shows, logged in or public (publication.public_county)."""
    law_chart, law_rows = _law_chart(
        detail.law,
        _("%(name)s: utsläpp, trend och koldioxidlagen (ton CO2e)") % {"name": detail.county.name},
    )
    return {
        "view": detail,
        "headers": _sort_headers(detail, path),
        "sector_chart": _sector_chart(
            detail.sectors_by_year,
            detail.sectors,
            detail.all_sectors,
            _("%(name)s: utsläpp per sektor och år (ton CO2e)") % {"name": detail.county.name},
        ),
        "sector_rows": _sector_rows(detail.sectors_by_year, detail.sectors),
        "sector_labels": [_label(s) for s in detail.sectors],
        "law_chart": law_chart,
        "law_rows": law_rows,
    }


@login_required
def municipality(request: HttpRequest, code: str, municipality_code: str) -> HttpResponse:
    detail = selectors.municipality_detail(code, municipality_code)
    if detail is None:
        raise Http404
    name = detail.municipality.name
    law_chart, law_rows = _law_chart(
        detail.law, _("%(name)s: utsläpp, trend och koldioxidlagen (ton CO2e)") % {"name": name}
    )
    budget = detail.budget
    observed = _from(budget.emissions_t, FIRST_CHART_YEAR)
    names = (_("Utsläpp, fossil CO2"), _("Trend"), _("Parisvägen"))
    budget_chart = line_chart(
        dict(zip(names, (observed, budget.trend_t, budget.paris_path_t), strict=True)),
        colours=dict(zip(names, (OBSERVED_COLOUR, TREND_COLOUR, PATH_COLOUR), strict=True)),
        dashed=(names[1],),
        markers=(names[0],),
        title=_("%(name)s: koldioxidbudget, trend och Parisvägen (ton CO2)") % {"name": name},
        chart_id="budget-chart",
    )
    return render(
        request,
        "budgets/municipality_detail.html",
        {
            "view": detail,
            "county_code": code,
            "sector_chart": _sector_chart(
                detail.sectors_by_year,
                detail.sectors,
                detail.all_sectors,
                _("%(name)s: utsläpp per sektor och år (ton CO2e)") % {"name": name},
            ),
            "sector_rows": _sector_rows(detail.sectors_by_year, detail.sectors),
            "sector_labels": [_label(s) for s in detail.sectors],
            "law_chart": law_chart,
            "law_rows": law_rows,
            "budget_chart": budget_chart,
            "budget_rows": _year_rows(
                [observed, budget.trend_t, budget.paris_path_t], FIRST_CHART_YEAR
            ),
        },
    )
