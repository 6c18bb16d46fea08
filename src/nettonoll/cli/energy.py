"""`nettonoll import degree-days FILE`, `nettonoll export degree-days FILE` (SMHI degree days,
shared by every organisation) and `nettonoll import energy-supplier --organisation ORG
--template NAME FILE` (energy readings from a supplier's export through a column template).

Subcommands of the `import` and `export` groups of `cli.imports`, attached when this module is
imported (`cli/__init__.py`)."""

from pathlib import Path

import click

from nettonoll.calc.problems import Rejected
from nettonoll.cli.imports import export_group, import_group
from nettonoll.cli.shared import prepare_database, refused, setup

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@import_group.command(name="degree-days")
@click.argument("file", type=FILE)
def import_degree_days(file: Path) -> None:
    """Importera graddagar (locality,month,degree_days,normal_degree_days,base_c,source) för
    alla organisationer, allt eller inget. En fil med blandade bastemperaturer, eller en bas som
    skiljer sig från den som redan finns, avvisas."""
    setup()
    prepare_database()
    from nettonoll.estate.degree_days import degree_days_import  # after setup(): models

    try:
        result = degree_days_import(data=file.read_bytes(), filename=file.name)
    except Rejected as rejected:
        refused(file, rejected)
    click.echo(
        f"{file.name}: {result.created} nya, {result.updated} ändrade, "
        f"{result.unchanged} oförändrade graddagsmånader."
    )


@export_group.command(name="degree-days")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_degree_days(file: Path) -> None:
    """Exportera alla graddagar med importens kolumner (.xlsx eller .csv)."""
    setup()
    from nettonoll.estate.degree_days import DEGREE_DAYS, degree_day_rows  # after setup()

    file_format = file.suffix.lower().lstrip(".")
    if file_format not in ("xlsx", "csv"):
        raise click.ClickException("Filen ska sluta på .xlsx eller .csv.")
    rows = degree_day_rows()
    file.write_bytes(DEGREE_DAYS.write(rows, file_format))
    click.echo(f"{len(rows)} graddagsmånader exporterade till {file}.")


@import_group.command(name="energy-supplier")
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.option("--template", "template_name", required=True, help="Kolumnmallens kod.")
@click.argument("file", type=FILE)
def import_energy_supplier(organisation_code: str, template_name: str, file: Path) -> None:
    """Importera energiavläsningar från en energileverantörs export genom en av organisationens
    kolumnmallar (leverantörens rubriker, kWh eller MWh, fast energibärare), allt eller inget."""
    setup()
    prepare_database()
    from nettonoll.estate.suppliers import supplier_import  # after setup(): models

    try:
        result = supplier_import(
            organisation_code=organisation_code,
            template_name=template_name,
            data=file.read_bytes(),
            filename=file.name,
        )
    except Rejected as rejected:
        refused(file, rejected)
    click.echo(
        f"{file.name}: {result.created} nya, {result.updated} ändrade, "
        f"{result.unchanged} oförändrade energiavläsningar."
    )
