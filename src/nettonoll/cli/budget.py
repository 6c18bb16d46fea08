"""`nettonoll budget`: territorial carbon budgets and pathways from the shipped data, no database.

Only parses arguments and calls `nettonoll.calc` (docs/methods/carbon-budgets.md).
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

import click

from nettonoll.calc import pathways, territorial

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
