"""`nettonoll metrics`: every declared metric source for a node and its children in one year, as
JSON `{metric_key: {node_code: value}}` or a readable Swedish table. A value the source has not
got for the year (a share with nothing to divide by) is `null` / "–"."""

import datetime
import json
import sys
from typing import Any, NoReturn

import click

from nettonoll.cli.shared import prepare_database, setup

DECIMALS = 6


def _fail(message: str) -> NoReturn:
    click.echo(f"Fel: {message}", err=True)
    sys.exit(1)


def _swedish(value: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:,.2f}" if value % 1 else f"{value:,.0f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


@click.command(name="metrics")
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.option("--year", type=int, required=True, help="Året (läget den 31 december).")
@click.option("--node", "node_code", default=None, help="Enhetens kod; utan: organisationens rot.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: {mått: {enhet: värde}}; text: en tabell.",
)
def metrics(organisation_code: str, year: int, node_code: str | None, output_format: str) -> None:
    """Alla måttkällor (register och klimatbokslut) för en enhet och dess underenheter ett år."""
    setup()
    prepare_database()
    # after setup(): models
    from nettonoll.common.metrics import metrics_declared
    from nettonoll.organisations.models import Node, Organisation
    from nettonoll.organisations.selectors import node_children, organisation_root

    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        _fail(f"Organisationen {organisation_code} finns inte.")
    if node_code is None:
        node = organisation_root(organisation)
        if node is None:
            _fail(f"Organisationen {organisation_code} har inga enheter.")
    else:
        node = Node.objects.filter(organisation=organisation, code=node_code).first()
        if node is None:
            _fail(f"Enheten {node_code} finns inte i {organisation_code}.")
    nodes = [node, *node_children(node)]
    declared = metrics_declared()
    document: dict[str, dict[str, Any]] = {}
    preliminary: dict[str, dict[str, float]] = {}  # values of a year the source has only in part
    for metric in declared:
        document[metric.key] = {}
        for each in nodes:
            value = metric.values(each).get(year)
            document[metric.key][each.code] = None if value is None else round(value, DECIMALS)
            if value is None and metric.preliminary is not None:
                partial = metric.preliminary(each).get(year)
                if partial is not None:
                    preliminary.setdefault(metric.key, {})[each.code] = round(partial, DECIMALS)
    if preliminary:
        click.echo(
            f"Obs: {year} är inte avslutat (eller har bara delvis data): {len(preliminary)} mått "
            "har bara preliminära värden, som inte räknas som årets värde (null i JSON, inom "
            "parentes i tabellen).",
            err=True,
        )
    if output_format == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    where = (
        organisation.name if node.name == organisation.name else f"{organisation.name}, {node.name}"
    )
    today = datetime.date.today()
    if year >= today.year:  # 31 December is still ahead: the registers say what they know today
        click.echo(
            f"{where}: {year} är inte slut – läget i dag {today.isoformat()}, preliminärt "
            "(inom parentes; – = inget värde)\n"
        )
    else:
        click.echo(f"{where}: läget {year}-12-31 (– = inget värde)\n")
    header = ["Mått (enhet)", *(n.code for n in nodes)]
    rows = [
        [
            f"{metric.label} ({metric.unit})",
            *(
                f"({_swedish(preliminary[metric.key][n.code])})"
                if n.code in preliminary.get(metric.key, {})
                else _swedish(document[metric.key][n.code])
                for n in nodes
            ),
        ]
        for metric in declared
    ]
    click.echo(_table(header, rows))
