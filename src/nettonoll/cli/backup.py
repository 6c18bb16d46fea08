"""`nettonoll backup` and `nettonoll restore`: the whole installation to one file and back."""

import sys
from pathlib import Path

import click

from nettonoll.cli.shared import prepare_database, setup


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Säkerhetskopiera hela installationen (databas och lagrade filer) till FILE."""
    setup()
    # on use only: common.backup loads django.test (0.1 s), which no other command needs
    from nettonoll.common.backup import backup_create

    counts = backup_create(file)
    click.echo(
        f"Säkerhetskopia skriven till {file}: {counts['records']} poster, {counts['files']} filer."
    )


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Fråga inte: ersätt installationens data.")
def restore(file: Path, yes: bool) -> None:
    """Återställ installationen från en säkerhetskopia (ersätter allt nuvarande innehåll)."""
    setup()
    if not yes and sys.stdin.isatty():
        click.confirm("All nuvarande data ersätts av säkerhetskopian. Fortsätta?", abort=True)
    prepare_database()
    from nettonoll.common.backup import BackupError, backup_restore  # on use only, as above

    try:
        counts = backup_restore(file)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Återställt från {file}: {counts['records']} poster, {counts['files']} filer.")
