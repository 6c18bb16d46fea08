"""`nettonoll klimatbokslut compute`: a klimatbokslut from files, without a database."""

import io
import json
from pathlib import Path
from typing import NoReturn

import click

from nettonoll.calc.factors import (
    DEFAULT_GWP_SET,
    GWP_SETS,
    FactorError,
    FactorTable,
    default_factors,
    factors_from_file,
    gwp_set_of_file,
)
from nettonoll.calc.inventory import klimatbokslut
from nettonoll.calc.problems import Problem, Rejected
from nettonoll.cli.shared import prepare_database, refused, setup


@click.group(name="klimatbokslut")
def klimatbokslut_group() -> None:
    """Klimatbokslut: utsläpp från verksamhetsdata och emissionsfaktorer."""


@klimatbokslut_group.command(name="compute")
@click.option(
    "--activities",
    "activities_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Verksamhetsdata: org_unit,category,period,quantity,unit (CSV eller XLSX).",
)
@click.option(
    "--factors",
    "factors_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Egna emissionsfaktorer (CSV); utan: standarduppsättningen för Sverige.",
)
@click.option(
    "--gwp-set",
    type=click.Choice(GWP_SETS),
    default=None,
    help=f"GWP-uppsättning; utan: faktorfilens egen, annars {DEFAULT_GWP_SET}.",
)
@click.option("--format", "file_format", type=click.Choice(["json", "csv"]), default="json")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def klimatbokslut_compute(
    activities_file: Path,
    factors_file: Path | None,
    gwp_set: str | None,
    file_format: str,
    out: Path | None,
) -> None:
    """Räkna ett klimatbokslut från filer, utan databas. Ogiltig indata: inget resultat, alla
    fel med radnummer."""

    def fail(source: Path, problems: list[Problem]) -> NoReturn:
        refused(source, Rejected(problems), "inget resultat")

    if factors_file is None:
        factors = default_factors()
    else:
        factors, factor_problems = factors_from_file(factors_file)
        if factor_problems:
            fail(
                factors_file,
                [Problem(code, params, line) for line, code, params in factor_problems],
            )
        if gwp_set is None:
            try:
                gwp_set = gwp_set_of_file(factors)
            except FactorError as error:
                fail(factors_file, [Problem(error.code, dict(error.params))])
    gwp_set = gwp_set or DEFAULT_GWP_SET
    try:
        results, summary = klimatbokslut(
            activities_file.read_bytes(), FactorTable(factors, gwp_set=gwp_set)
        )
    except Rejected as rejected:
        refused(activities_file, rejected, "inget resultat")
    if file_format == "json":
        document = {
            "method": "aktivitetsdata × emissionsfaktor, aggregering först (METHODS.md §1)",
            "gwp_set": gwp_set,
            "factor_set": "standard (Sverige)" if factors_file is None else factors_file.name,
            "total_t_co2e": summary.total_t_co2e,
            "by_year": summary.by_year,
            "by_scope": summary.by_scope,
            "by_category": summary.by_category,
            "by_org_unit": summary.by_org_unit,
            "by_scope3_category": summary.by_scope3_category,
            "results": results.to_dicts(),
        }
        data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        buffer = io.BytesIO()
        results.write_csv(buffer)
        data = buffer.getvalue()
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"Klimatbokslutet är skrivet till {out}.", err=True)


def _number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")


@klimatbokslut_group.command(name="show")
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.option("--node", "node_code", default=None, help="Enhetens kod (utan: hela organisationen).")
@click.option(
    "--year", type=int, default=None, help="År (utan: det senaste fullständiga året, som webben)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def klimatbokslut_show(
    organisation_code: str, node_code: str | None, year: int | None, output_format: str
) -> None:
    """Visa klimatbokslutet ur databasen: ett års summa per scope, kategori och enhet
    (avvecklade enheter räknas till sina efterträdare), varje års summa och vilka år som är
    preliminära eller redovisade summor."""
    setup()
    prepare_database()
    # after setup(): models
    from nettonoll.emissions.summary import klimatbokslut_summary
    from nettonoll.organisations.models import Node, Organisation
    from nettonoll.organisations.selectors import organisation_root

    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise click.ClickException(f"Organisationen {organisation_code} finns inte.")
    node = (
        Node.objects.filter(organisation=organisation, code=node_code).first()
        if node_code
        else organisation_root(organisation)
    )
    if node is None:
        raise click.ClickException(f"Enheten {node_code} finns inte i {organisation_code}.")
    summary = klimatbokslut_summary(node, year)
    if year is not None and str(year) not in summary["by_year"]:
        raise click.ClickException(f"Klimatbokslutet har inga siffror för {year}.")
    if output_format == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    if summary["year"] is None:
        click.echo(f"{node.name}: inget klimatbokslut ännu.")
        return
    status = {
        "preliminary": " (preliminärt, data t.o.m. "
        + str(summary["data_through"].get(str(summary["year"])))
        + ")",
        "reported": " (redovisad summa)",
    }.get(summary["year_status"], "")
    click.echo(
        f"Klimatbokslut för {node.name}, {summary['year']}{status}; GWP {summary['gwp_set']}"
    )
    click.echo(f"Totalt: {_number(summary['total_t_co2e'])} ton CO2e")
    for title, key in (("Per scope", "by_scope"), ("Per kategori", "by_category")):
        click.echo(f"{title}:")
        for name, value in summary[key].items():
            click.echo(f"  {name}: {_number(value, 1)}")
    click.echo("Per år:")
    for each, value in summary["by_year"].items():
        note = ""
        if int(each) in summary["preliminary_years"]:
            note = f" (preliminärt, data t.o.m. {summary['data_through'].get(each)})"
        elif int(each) in summary["reported_years"]:
            note = " (redovisad summa)"
        click.echo(f"  {each}: {_number(value)}{note}")
