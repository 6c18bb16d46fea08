"""`nettonoll kolada fetch|add|list`: follow Kolada KPIs for an organisation and fetch them (the
same services as the page and the background job)."""

from __future__ import annotations

import sys

import click

from nettonoll.cli.shared import prepare_database, setup

_ORGANISATION = click.option(
    "--organisation", "org_code", required=True, help="Organisationens kod, till exempel RV."
)


def _organisation(org_code: str):
    from nettonoll.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=org_code).first()
    if organisation is None:
        raise click.ClickException(f"Organisationen {org_code} finns inte.")
    return organisation


@click.group("kolada")
def kolada_group() -> None:
    """Nyckeltal från Kolada som indikatorer."""


@kolada_group.command("add")
@_ORGANISATION
@click.option("--kpi", "kpi_id", required=True, help="Nyckeltalets id i Kolada, t.ex. N00401.")
@click.option(
    "--municipality",
    "municipality_id",
    required=True,
    help="Kommunens eller regionens id i Kolada, t.ex. 1780 (Karlstad) eller 0017 (Värmland).",
)
@click.option(
    "--indicator",
    "indicator_name",
    default="",
    help="Indikatorn som ska matas (utan: en ny med nyckeltalets id och titel).",
)
def add(org_code: str, kpi_id: str, municipality_id: str, indicator_name: str) -> None:
    """Följ ett nyckeltal för en kommun eller region (hämtas med `kolada fetch`)."""
    setup()
    prepare_database()
    from nettonoll.kolada.services import KoladaRuleError, selection_add

    organisation = _organisation(org_code)
    try:
        selection = selection_add(
            organisation=organisation,
            kpi_id=kpi_id,
            municipality_id=municipality_id,
            indicator_name=indicator_name,
        )
    except KoladaRuleError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"{organisation.name} följer {selection.kpi.kpi_id} för {selection.municipality_id}; "
        "värdena kommer med nästa hämtning."
    )


@kolada_group.command("fetch")
@_ORGANISATION
def fetch(org_code: str) -> None:
    """Hämta organisationens nyckeltal från Kolada nu och skriv vad som ändrades."""
    setup()
    prepare_database()
    from nettonoll.kolada.client import KoladaError
    from nettonoll.kolada.services import kolada_fetch

    organisation = _organisation(org_code)
    try:
        report = kolada_fetch(organisation=organisation)
    except KoladaError as error:
        click.echo(f"Fel: {error} Inget har sparats.", err=True)
        sys.exit(1)
    for line in report.lines:
        click.echo(line)


@kolada_group.command("list")
@_ORGANISATION
def list_selections(org_code: str) -> None:
    """Visa nyckeltalen organisationen följer, med senaste hämtning."""
    setup()
    prepare_database()
    from nettonoll.kolada.models import FetchState, Selection

    organisation = _organisation(org_code)
    selections = Selection.objects.filter(organisation=organisation).select_related(
        "kpi", "indicator"
    )
    if not selections:
        click.echo(f"{organisation.name} följer inga nyckeltal i Kolada.")
    for s in selections:
        where = f"{s.municipality_id} {s.municipality_name}".strip()
        title = "" if s.kpi.title == s.kpi.kpi_id else f" {s.kpi.title}"
        indicator = s.indicator.name if s.indicator else "(läggs upp vid första hämtningen)"
        if s.fetch_state == FetchState.OK and s.fetched_at:
            state = f"hämtad {s.fetched_at:%Y-%m-%d %H:%M}"
        elif s.fetch_state == FetchState.FAILED:
            state = f"misslyckades: {s.fetch_message}"
        else:
            state = "inte hämtad ännu"
        click.echo(f"{s.kpi.kpi_id}{title} | {where} | indikator: {indicator} | {state}")
