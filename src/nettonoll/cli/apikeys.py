"""`nettonoll apikey create|revoke|list`: an organisation's read-only service keys for the REST API
and the OData feed (decision 0017). The key is printed once, alone on the last line."""

from __future__ import annotations

import click

from nettonoll.cli.shared import prepare_database, setup

ORGANISATION_OPTION = click.option(
    "--organisation", "org_code", required=True, help="Organisationens kod, till exempel RV."
)


@click.group("apikey")
def apikey_group() -> None:
    """Tjänstenycklar för API:t och OData-flödet."""


def _organisation(org_code: str):
    from nettonoll.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=org_code).first()
    if organisation is None:
        raise click.ClickException(f"Organisationen {org_code} finns inte.")
    return organisation


@apikey_group.command("create")
@ORGANISATION_OPTION
@click.option("--name", required=True, help="Vad nyckeln används till, till exempel Power BI.")
def create(org_code: str, name: str) -> None:
    """Skapa en tjänstenyckel som läser organisationens data. Nyckeln visas bara nu."""
    setup()
    prepare_database()
    from nettonoll.organisations.api_keys import ApiKeyError, create_service_key

    organisation = _organisation(org_code)
    try:
        key, raw = create_service_key(organisation, name)
    except ApiKeyError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Tjänstenyckel ”{key.name}” för {organisation.name} skapad. Den läser API:t och "
        "OData-flödet. Spara den nu – den visas inte igen:"
    )
    click.echo(raw)


@apikey_group.command("revoke")
@ORGANISATION_OPTION
@click.option("--name", required=True, help="Nyckelns namn.")
def revoke(org_code: str, name: str) -> None:
    """Återkalla organisationens giltiga tjänstenyckel med det namnet."""
    setup()
    prepare_database()
    from nettonoll.organisations.api_keys import revoke_key
    from nettonoll.organisations.models import ApiKey

    organisation = _organisation(org_code)
    key = ApiKey.objects.filter(
        organisation=organisation, name=name, revoked_at__isnull=True
    ).first()
    if key is None:
        raise click.ClickException(
            f"{organisation.name} har ingen giltig tjänstenyckel med namnet ”{name}”."
        )
    revoke_key(key)
    click.echo(f"Tjänstenyckeln ”{name}” ({key.prefix}…) är återkallad.")


@apikey_group.command("list")
@ORGANISATION_OPTION
def list_keys(org_code: str) -> None:
    """Lista organisationens tjänstenycklar (bara början av varje nyckel)."""
    setup()
    prepare_database()
    from nettonoll.organisations.api_keys import service_keys_of

    for key in service_keys_of(_organisation(org_code)):
        state = "giltig" if key.is_active else f"återkallad {key.revoked_at:%Y-%m-%d}"
        used = key.last_used_on.isoformat() if key.last_used_on else "aldrig"
        click.echo(
            f"{key.name}\t{key.prefix}…\tskapad {key.created_at:%Y-%m-%d}\t{state}\t"
            f"senast använd {used}"
        )
