"""`nettonoll publish` and `nettonoll unpublish`: the web's audited publishing action from a script.

Without `--year`, every year; unpublishing what is not published changes nothing and is no error."""

from __future__ import annotations

import click

from nettonoll.cli.shared import prepare_database, setup

WHATS = ["plan", "indicators", "klimatbokslut", "budget"]


def _options(command):
    command = click.option("--year", type=int, default=None, help="Ett år (utan: alla år).")(
        command
    )
    command = click.option(
        "--plan",
        "plan_name",
        default=None,
        help="Med --what plan: en plans namn (utan: alla planer).",
    )(command)
    command = click.option(
        "--what", type=click.Choice(WHATS), required=True, help="Vad som publiceras."
    )(command)
    return click.option(
        "--organisation", "org_code", required=True, help="Organisationens kod, till exempel RV."
    )(command)


def _targets(org_code: str, what: str, plan_name: str | None):
    from nettonoll.organisations.models import Organisation
    from nettonoll.plans.models import Plan

    organisation = Organisation.objects.filter(code=org_code).first()
    if organisation is None:
        raise click.ClickException(f"Organisationen {org_code} finns inte.")
    plan = None
    if plan_name is not None:
        if what != "plan":
            raise click.ClickException("--plan hör bara ihop med --what plan.")
        plan = Plan.objects.filter(organisation=organisation, name=plan_name).first()
        if plan is None:
            raise click.ClickException(
                f"{organisation.name} har ingen plan som heter ”{plan_name}”."
            )
    return organisation, plan


def _what_words(what: str, year: int | None) -> str:
    from nettonoll.publication.models import PublishedWhat

    label = str(PublishedWhat(what).label)
    return f"{label} {year}" if year is not None else f"{label} (alla år)"


@click.command("publish")
@_options
def publish(org_code: str, what: str, plan_name: str | None, year: int | None) -> None:
    """Publicera för allmänheten (granskad åtgärd, som på webben)."""
    setup()
    prepare_database()
    from nettonoll.publication.services import publish as publish_service

    organisation, plan = _targets(org_code, what, plan_name)
    changed = publish_service(organisation, what, year=year, plan=plan)
    state = "publicerat" if changed else "var redan publicerat"
    click.echo(f"{organisation.name}: {_what_words(what, year)} {state}.")


@click.command("unpublish")
@_options
def unpublish(org_code: str, what: str, plan_name: str | None, year: int | None) -> None:
    """Sluta publicera (granskad åtgärd, som på webben)."""
    setup()
    prepare_database()
    from nettonoll.publication.services import unpublish as unpublish_service

    organisation, plan = _targets(org_code, what, plan_name)
    removed = unpublish_service(organisation, what, year=year, plan=plan)
    state = "inte längre publicerat" if removed else "var inte publicerat"
    click.echo(f"{organisation.name}: {_what_words(what, year)} {state}.")
