"""`nettonoll import register …` and `nettonoll export register …`: the registers (vehicles,
charging points, backup power) in and out, in the columns of their declaration's spec.

Subcommands of the `import` and `export` groups of `cli.imports`, attached when this module is
imported (`cli/__init__.py`)."""

from pathlib import Path

import click

from nettonoll.calc.problems import Rejected
from nettonoll.cli.imports import export_group, import_group
from nettonoll.cli.shared import prepare_database, refused, setup

# the keys of the registers and child tables (`registers.tables`; a model cannot be imported
# before setup()), a contract that scripts outside the repository use
REGISTER_KEYS = (
    "vehicles",
    "charging-points",
    "backup-power",
    "buildings",
    "energy-readings",
    "solar",
    "solar-production",
    "procurements",
    "procurement-requirements",
    "reuse",
    "deliveries",
    "green-bonds",
    "holdings",
    "green-bond-projects",
    "circular-systems",
    "delivery-sites",
    "new-builds",
    "climate-risks",
)
REGISTER_CHOICE = click.Choice(REGISTER_KEYS)
METAVAR = "|".join(REGISTER_KEYS)


def _table(register_key: str) -> object:
    from nettonoll.registers.tables import table_get  # after setup(): models

    table = table_get(register_key)
    if table is None:
        raise click.ClickException(f"Registret {register_key} finns inte i den här installationen.")
    return table


@import_group.command(name="register")
@click.argument("register_key", metavar=METAVAR, type=REGISTER_CHOICE)
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_register(register_key: str, organisation_code: str, file: Path) -> None:
    """Importera ett register (fordon, laddplatser, reservkraft, byggnader, energiavläsningar,
    solceller, upphandlingar …) från CSV eller XLSX, allt eller inget. Finns koden redan ändras
    posten."""
    setup()
    prepare_database()
    from nettonoll.registers.tables import table_import, table_word  # after setup(): models

    table = _table(register_key)
    try:
        result = table_import(
            register_key,
            organisation_code=organisation_code,
            data=file.read_bytes(),
            filename=file.name,
        )
    except Rejected as rejected:
        refused(file, rejected)
    click.echo(
        f"{file.name}: {result.created} nya, {result.updated} ändrade, "
        f"{result.unchanged} oförändrade {table_word(table)}."  # type: ignore[arg-type]
    )


@export_group.command(name="register")
@click.argument("register_key", metavar=METAVAR, type=REGISTER_CHOICE)
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.option(
    "--node", "node_code", default=None, help="Bara den här enheten och dess underenheter."
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_register(
    register_key: str, organisation_code: str, node_code: str | None, file: Path
) -> None:
    """Exportera ett register med importens kolumner; formatet följer filändelsen (.xlsx eller
    .csv)."""
    setup()
    # after setup(): models
    from nettonoll.organisations.models import Organisation
    from nettonoll.organisations.selectors import node_get
    from nettonoll.registers.tables import table_rows, table_word

    file_format = file.suffix.lower().lstrip(".")
    if file_format not in ("xlsx", "csv"):
        raise click.ClickException("Filen ska sluta på .xlsx eller .csv.")
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise click.ClickException(f"Organisationen {organisation_code} finns inte.")
    node = None
    if node_code:
        node = node_get(organisation_code, node_code)
        if node is None:
            raise click.ClickException(f"Enheten {node_code} finns inte i {organisation_code}.")
    table = _table(register_key)
    rows = table_rows(register_key, organisation, node)
    file.write_bytes(table.spec.write(rows, file_format))  # type: ignore[attr-defined]
    click.echo(f"{len(rows)} {table_word(table)} exporterade till {file}.")  # type: ignore[arg-type]
