"""`nettonoll round open|close`: follow-up rounds of a plan, by the names shown in the web."""

import datetime
from typing import Any

import click

from nettonoll.cli.shared import setup

DEFAULT_DAYS = 30  # a round without --deadline is open for reports this many days


def plan_and_round(organisation_code: str, plan_name: str, round_name: str | None) -> Any:
    """The plan, and the round when named; clear errors for what does not exist."""
    from nettonoll.organisations.models import Organisation
    from nettonoll.plans.models import Plan

    if not Organisation.objects.filter(code=organisation_code).exists():
        raise click.ClickException(f"Organisationen {organisation_code} finns inte.")
    plans = list(Plan.objects.filter(organisation__code=organisation_code, name=plan_name))
    if not plans:
        names = ", ".join(
            f"'{n}'"
            for n in Plan.objects.filter(organisation__code=organisation_code)
            .order_by("name")
            .values_list("name", flat=True)
        )
        raise click.ClickException(
            f"Planen '{plan_name}' finns inte i {organisation_code}."
            + (f" Planer: {names}." if names else " Organisationen har inga planer.")
        )
    plan = plans[0]
    if round_name is None:
        return plan, None
    return plan, plan.rounds.filter(name=round_name).first()


@click.group(name="round")
def round_group() -> None:
    """Öppna och stänga uppföljningsomgångar."""


@round_group.command(name="open")
@click.option("--organisation", "organisation_code", required=True)
@click.option("--plan", "plan_name", required=True, help="Planens namn, t.ex. 'Miljömål 2023'.")
@click.option("--name", "round_name", required=True, help="Omgångens namn, t.ex. 'Helår 2024'.")
@click.option(
    "--deadline",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=f"Sista dag att rapportera (ÅÅÅÅ-MM-DD); utan: om {DEFAULT_DAYS} dagar.",
)
def round_open(
    organisation_code: str, plan_name: str, round_name: str, deadline: datetime.datetime | None
) -> None:
    """Öppna en uppföljningsomgång i en plan."""
    setup()
    from nettonoll.plans.services import round_open as open_round
    from nettonoll.plans.services.errors import PlanError

    plan, existing = plan_and_round(organisation_code, plan_name, round_name)
    if existing is not None:
        state = "öppen" if existing.is_open else "stängd"
        raise click.ClickException(
            f"Omgången '{round_name}' finns redan i planen '{plan.name}' och är {state}."
        )
    day = deadline.date() if deadline else datetime.date.today() + datetime.timedelta(DEFAULT_DAYS)
    try:
        round_ = open_round(plan=plan, name=round_name.strip(), deadline=day)
    except PlanError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Omgången '{round_.name}' i planen '{plan.name}' är öppen; "
        f"sista dag att rapportera är {round_.deadline.isoformat()}."
    )


@round_group.command(name="close")
@click.option("--organisation", "organisation_code", required=True)
@click.option("--plan", "plan_name", required=True, help="Planens namn, t.ex. 'Miljömål 2023'.")
@click.option("--name", "round_name", required=True, help="Omgångens namn.")
def round_close(organisation_code: str, plan_name: str, round_name: str) -> None:
    """Stäng en omgång: rapporterna fryses, och omgångens rapport visar läget vid stängningen."""
    setup()
    from django.utils import timezone

    from nettonoll.plans.services import round_close as close_round
    from nettonoll.plans.services.errors import PlanError

    plan, round_ = plan_and_round(organisation_code, plan_name, round_name)
    if round_ is None:
        names = ", ".join(f"'{r.name}'" for r in plan.rounds.order_by("opened_at"))
        raise click.ClickException(
            f"Omgången '{round_name}' finns inte i planen '{plan.name}'."
            + (f" Omgångar: {names}." if names else " Planen har inga omgångar.")
        )
    if not round_.is_open:
        raise click.ClickException(f"Omgången '{round_.name}' är redan stängd.")
    try:
        round_ = close_round(round_=round_)
    except PlanError as error:
        raise click.ClickException(str(error)) from error
    closed = timezone.localtime(round_.closed_at).strftime("%Y-%m-%d %H:%M")
    click.echo(f"Omgången '{round_.name}' är stängd och fryst {closed}.")
