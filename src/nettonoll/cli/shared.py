"""What every command group shares: configuring Django, preparing the database, and refusing a
file with its problems on standard error."""

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click
import django
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from nettonoll.calc.problems import Rejected
from nettonoll.calc.problems import rows as problem_rows
from nettonoll.common.tabular import write_csv


def refused(
    file: Path, rejected: Rejected, what: str = "inget har sparats", hint: str = ""
) -> NoReturn:
    """The problems of a refused file on standard error, one line per cause; when a cause stands
    for several lines, every line is written to a CSV file that is named. Then exit 1."""
    click.echo(f"{file.name}: {len(rejected.groups)} fel, {what}.", err=True)
    for group in rejected.groups:
        click.echo(f"  {group.text()}", err=True)
    if hint:
        click.echo(hint, err=True)
    if any(group.count > 1 for group in rejected.groups):
        with tempfile.NamedTemporaryFile(
            "wb", prefix=f"{file.stem}-fel-", suffix=".csv", delete=False
        ) as listing:
            listing.write(write_csv(("rad", "kolumn", "problem"), problem_rows(rejected.groups)))
        click.echo(f"Varje rad med fel ({rejected.count} rader): {listing.name}", err=True)
    sys.exit(1)


def setup(env: str | None = None) -> None:
    """Configure Django; `env` is the default NETTONOLL_ENV for this command."""
    if env:
        os.environ.setdefault("NETTONOLL_ENV", env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nettonoll.settings")
    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise click.ClickException(str(error)) from error


def prepare_database(verbosity: int = 0) -> None:
    call_command("migrate", interactive=False, verbosity=verbosity)


def collect_static() -> None:
    call_command("collectstatic", interactive=False, verbosity=0)
