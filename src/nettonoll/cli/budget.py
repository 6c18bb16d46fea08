"""`nettonoll budget`: territorial carbon budgets and pathways from the shipped data, no database;
and `budget organisation`: an organisation's own budget from the database (adopted, or tried out
with options, nothing saved).

Only parses arguments and calls `nettonoll.calc` or the budgets app's selectors
(docs/methods/carbon-budgets.md).
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

import click

from nettonoll.calc import pathways, territorial
from nettonoll.calc.organisation_budget import DERIVATIONS
from nettonoll.cli.shared import prepare_database, setup

DECIMALS_T = 3  # tonnes to the kilogram, as Klimatkollen publishes them
DECIMALS_PCT = 4
FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Utdataformat.",
)


def _t(value: float) -> float:
    return round(value, DECIMALS_T)


def _pct(value: float) -> float:
    return round(value, DECIMALS_PCT)


def _iso(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _echo(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def _klimatkollen_2024_row(result: territorial.Budget2024) -> dict[str, Any]:
    return {
        "kommunkod": result.code,
        "kommun": result.name,
        "method": result.method,
        "convention": result.convention,
        "e0_t": _t(result.e0_t),
        "historical_change_pct": _pct(result.historical_change_pct),
        "budget_t": _t(result.budget_t),
        "needed_change_pct": _pct(result.needed_change_pct),
        "budget_runs_out": _iso(result.budget_runs_out),
        "hit_net_zero": _iso(result.hit_net_zero),
        "paris_path": {str(y): _t(v) for y, v in result.paris_path_t.items()},
    }


def _carbon_law_row(result: territorial.CarbonLaw2026) -> dict[str, Any]:
    key, name = ("kommunkod", "kommun") if result.level == "kommun" else ("lanskod", "lan")
    return {
        key: result.code,
        name: result.name,
        "method": result.method,
        "e0_t": _t(result.e0_t),
        "historical_change_pct": _pct(result.historical_change_pct),
        "total_trend_t": _t(result.total_trend_t),
        "total_carbon_law_t": _t(result.total_carbon_law_t),
        "on_track": result.is_on_track,
        "hit_net_zero": _iso(result.hit_net_zero),
    }


@click.group(name="budget")
def budget() -> None:
    """Koldioxidbudgetar och utsläppsbanor (METHODS.md §3), utan databas."""


@budget.command(name="municipality")
@click.option(
    "--method",
    type=click.Choice(territorial.METHODS),
    required=True,
    help="klimatkollen-2024 (CEMUS-budget, fossil CO2) eller carbon-law-2026 (alla växthusgaser).",
)
@click.option("--kommun", "kommunkod", default=None, help="Kommunkod (fyra siffror), t.ex. 0180.")
@click.option("--all", "all_municipalities", is_flag=True, help="Alla 290 kommuner (en lista).")
@FORMAT_OPTION
def budget_municipality(
    method: str, kommunkod: str | None, all_municipalities: bool, output_format: str
) -> None:
    """Kommunens budget eller jämförelse med Carbon Law, från SMHI:s och SCB:s data."""
    if all_municipalities == (kommunkod is not None):
        raise click.UsageError("Ange antingen --kommun KOD eller --all.")
    data = territorial.packaged_data()
    if kommunkod is not None:
        given = kommunkod.strip()
        kommunkod = given.zfill(4) if given.isdecimal() else given
        if ("kommun", kommunkod) not in data.areas:
            raise click.ClickException(f"Okänd kommunkod: {given}")
    rows: list[dict[str, Any]]
    if method == "klimatkollen-2024":
        budgets = territorial.klimatkollen_2024(data)
        rows = [_klimatkollen_2024_row(budgets[c]) for c in sorted(budgets)]
    else:
        results = territorial.carbon_law_2026(data, "kommun")
        rows = [_carbon_law_row(results[c]) for c in sorted(results)]
    if kommunkod is not None:
        _echo(next(r for r in rows if r["kommunkod"] == kommunkod))
    else:
        _echo(rows)


@budget.command(name="county")
@click.option(
    "--method",
    type=click.Choice(["carbon-law-2026"]),
    required=True,
    help="carbon-law-2026: länets egen serie (alla växthusgaser) mot Carbon Law.",
)
@click.option("--lan", "lanskod", required=True, help="Länskod (två siffror), t.ex. 01.")
@FORMAT_OPTION
def budget_county(method: str, lanskod: str, output_format: str) -> None:
    """Länets jämförelse med Carbon Law, från länets egna data."""
    data = territorial.packaged_data()
    given = lanskod.strip()
    lanskod = given.zfill(2) if given.isdecimal() else given
    if ("lan", lanskod) not in data.areas:
        raise click.ClickException(f"Okänd länskod: {given}")
    area = data.areas[("lan", lanskod)]
    result = territorial.carbon_law_comparison(
        "lan", lanskod, area.name, data.ghg_total_t("lan", lanskod)
    )
    _echo(_carbon_law_row(result))


@budget.command(name="pathway")
@click.option("--e0", "e0_t", type=float, required=True, help="Utsläpp startåret (ton).")
@click.option(
    "--budget", "budget_t", type=float, required=True, help="Budget från startåret (ton)."
)
@click.option("--start-year", type=int, required=True, help="Startår t0.")
@click.option(
    "--convention",
    type=click.Choice(pathways.CONVENTIONS),
    required=True,
    help="continuous, discrete-next (första minskningen året efter t0) eller discrete-incl "
    "(t0 räknas in i budgeten).",
)
@click.option("--until", "until_year", type=int, default=2050, show_default=True, help="Sista år.")
@FORMAT_OPTION
def budget_pathway(
    e0_t: float,
    budget_t: float,
    start_year: int,
    convention: str,
    until_year: int,
    output_format: str,
) -> None:
    """Exponentiell utsläppsbana som gör slut på budgeten, och den årliga minskning som krävs."""
    if not (math.isfinite(e0_t) and math.isfinite(budget_t)) or e0_t < 0 or budget_t <= 0:
        raise click.ClickException("--e0 ska vara minst 0 och --budget större än 0 (ton).")
    if until_year < start_year:
        raise click.ClickException("--until får inte ligga före --start-year.")
    if until_year - start_year > 500:
        raise click.ClickException("--until får ligga högst 500 år efter --start-year.")
    cut = pathways.required_cut(e0_t, budget_t, convention)  # type: ignore[arg-type]
    path = pathways.exponential_path(e0_t, budget_t, start_year, until_year, convention)  # type: ignore[arg-type]
    if not all(math.isfinite(v) for v in path.values()):
        raise click.ClickException("Banan kan inte räknas med så stora eller små tal.")
    _echo(
        {
            "convention": convention,
            "e0_t": e0_t,
            "budget_t": budget_t,
            "start_year": start_year,
            "required_cut_pct": _pct(100.0 * cut),
            "path": {str(y): _t(v) for y, v in path.items()},
        }
    )


def _optional(value: float | None, decimals: int = DECIMALS_T) -> float | None:
    return None if value is None else round(value, decimals)


@budget.command(name="organisation")
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.option("--derivation", type=click.Choice(DERIVATIONS), default=None, help="Härledning.")
@click.option("--start-year", type=int, default=None, help="Startår t0 (E0 är årets utsläpp).")
@click.option("--convention", type=click.Choice(pathways.CONVENTIONS), default=None)
@click.option("--county", "county_code", default=None, help="Länskod för härledning county-rate.")
@click.option("--net-zero-year", type=int, default=None, help="Netto noll senast (target-path).")
@click.option("--decided-budget", "decided_budget_t", type=float, default=None, help="Ton CO2e.")
@click.option("--reduction-base-year", type=int, default=None, help="Basår för minskningsmålet.")
@click.option("--reduction-pct", type=int, default=None, help="Minskning i procent mot basåret.")
@click.option("--reduction-year", type=int, default=None, help="Minskningsmålets år.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Utdataformat.",
)
def budget_organisation(organisation_code: str, output_format: str, **options: Any) -> None:
    """Organisationens koldioxidbudget mot klimatbokslutet: utan alternativ den beslutade
    härledningen; med alternativ prövas en annan (inget sparas). Preliminära år ingår inte i
    trend, bedömningar eller förbrukat, utan visas bredvid."""
    setup()
    prepare_database()
    # after setup(): models
    from nettonoll.budgets.forms import BUDGET_FIELDS, CarbonBudgetForm
    from nettonoll.budgets.models import CarbonBudget
    from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
    from nettonoll.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise click.ClickException(f"Organisationen {organisation_code} finns inte.")
    adopted = carbon_budget_of(organisation)
    shown = adopted
    given = {k: v for k, v in options.items() if v is not None}
    if given:
        data = {name: getattr(adopted, name) for name in BUDGET_FIELDS}
        data.update(given)
        data = {k: "" if v is None else v for k, v in data.items()}
        form = CarbonBudgetForm(data, instance=CarbonBudget(organisation=organisation))
        if not form.is_valid():
            errors = [f"{name}: {' '.join(str(m) for m in e)}" for name, e in form.errors.items()]
            raise click.ClickException("Ogiltiga värden: " + "; ".join(errors))
        shown = form.instance
    page = budget_page(organisation, shown)
    a = page.assessment
    document: dict[str, Any] = {
        "organisation": organisation.code,
        "adopted": not given and adopted.pk is not None,
        "derivation": shown.derivation,
        "convention": shown.convention,
        "start_year": shown.start_year,
        "problem": page.problem or None,
        "e0_t": _optional(a.e0_t) if a else None,
        "budget_t": _optional(a.budget_t) if a else None,
        "emitted_t": _optional(a.emitted_t) if a else None,
        "remaining_t": _optional(a.remaining_t) if a else None,
        "runs_out_year": a.runs_out_in_year if a else None,
        "required_cut_pct": _optional(a.required_cut_pct, DECIMALS_PCT) if a else None,
        "rate_pct": _optional(a.rate_pct, DECIMALS_PCT) if a else None,
        "trend_years": a.trend_years if a else [],
        "actual_t": {str(y): _t(v) for y, v in a.actual_t.items()} if a else {},
        "preliminary_years": [y for y, _t_, _note in page.preliminary],
        "preliminary_t": {str(y): _t(t) for y, t, _note in page.preliminary},
        "reported_years": sorted(page.totals.reported) if page.totals else [],
        "targets": [
            {
                "name": t.name,
                "year": t.year,
                "limit_t": _t(t.limit_t),
                "expected_t": _optional(t.expected_t),
                "on_track": t.on_track,
                "rule": t.rule,
            }
            for t in (a.targets if a else [])
        ],
    }
    if output_format == "json":
        _echo(document)
        return
    click.echo(f"{organisation.name}: {shown.get_derivation_display()}, startår {shown.start_year}")
    if a is None:
        click.echo(page.problem)
    else:
        click.echo(f"  E0: {a.e0_t:,.0f} t CO2e; budget: {a.budget_t:,.0f} t".replace(",", " "))
        click.echo(
            f"  förbrukat: {a.emitted_t:,.0f} t; kvar: {a.remaining_t:,.0f} t".replace(",", " ")
        )
        runs_out = a.runs_out_in_year or "räcker till 2050"
        click.echo(f"  tar slut med trenden: {'redan förbrukad' if a.is_spent else runs_out}")
        if a.required_cut_pct is not None:
            cut = f"{a.required_cut_pct:.1f}".replace(".", ",")
            click.echo(f"  nödvändig minskning per år: {cut} %")
    for _year, value, note in page.preliminary:
        tonnes = f"{value:,.0f}".replace(",", " ")
        click.echo(f"  därtill {note}: {tonnes} t (ingår inte i siffrorna)")
