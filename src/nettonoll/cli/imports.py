"""`nettonoll import …` and `nettonoll export …`: tables in and out, all or nothing.

The apps' services, selectors and models are imported inside each command, after `setup()`:
a model cannot be imported before Django is configured."""

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from nettonoll.calc.problems import Rejected
from nettonoll.cli.shared import prepare_database, refused, setup
from nettonoll.common.tabular import write_csv, write_xlsx

IMPORT_STEPS = {
    "reading": "läser filen",
    "checking": "kontrollerar varje rad",
    "matching": "kontrollerar enheter, kategorier och faktorer",
    "saving": "sparar",
    "recalculating": "räknar om klimatbokslutet",
    "done": "klart",
}


@click.group(name="import")
def import_group() -> None:
    """Importera data från CSV eller XLSX (allt eller inget)."""


@import_group.command(name="org")
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.option("--name", default=None, help="Namn: skapar organisationen om den inte finns.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_org(organisation_code: str, name: str | None, file: Path) -> None:
    """Importera ett organisationsträd (kolumner code,name,parent_code,level)."""
    setup()
    prepare_database()
    from nettonoll.organisations.services import tree_import  # after setup(): models

    try:
        result = tree_import(
            organisation_code=organisation_code,
            data=file.read_bytes(),
            filename=file.name,
            name=name,
        )
    except Rejected as rejected:
        refused(file, rejected)
    click.echo(
        f"{result.organisation.name}: {result.created} nya, {result.updated} ändrade, "
        f"{result.unchanged} oförändrade enheter."
    )


def _plan_import(kind: str, organisation_code: str, plan_name: str, file: Path) -> None:
    setup()
    prepare_database()
    from nettonoll.plans import imports  # after setup(): models

    run = {
        "plan": imports.plan_import,
        "distributions": imports.distributions_import,
        "activities": imports.activities_import,
    }[kind]
    try:
        result = run(
            organisation_code=organisation_code,
            plan_name=plan_name,
            data=file.read_bytes(),
            filename=file.name,
        )
    except Rejected as rejected:
        refused(file, rejected)
    click.echo(
        f"{plan_name}: {result.created} nya, {result.updated} ändrade, "
        f"{result.unchanged} oförändrade rader."
    )


F = TypeVar("F", bound=Callable[..., Any])


def _plan_options(function: F) -> F:
    function = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))(
        function
    )
    function = click.option("--plan", "plan_name", required=True, help="Planens namn.")(function)
    return click.option("--organisation", "organisation_code", required=True)(function)


@import_group.command(name="plan")
@_plan_options
def import_plan(organisation_code: str, plan_name: str, file: Path) -> None:
    """Importera en plans mål (kolumner code,title,parent_code,level,kind,deadline)."""
    _plan_import("plan", organisation_code, plan_name, file)


@import_group.command(name="distributions")
@_plan_options
def import_distributions(organisation_code: str, plan_name: str, file: Path) -> None:
    """Importera fördelningar av mål (kolumner goal_code,node_code)."""
    _plan_import("distributions", organisation_code, plan_name, file)


@import_group.command(name="activities")
@_plan_options
def import_activities(organisation_code: str, plan_name: str, file: Path) -> None:
    """Importera aktiviteter (kolumner node_code,title,goal_codes,status,comment)."""
    _plan_import("activities", organisation_code, plan_name, file)


@import_group.command(name="activity-data")
@click.option("--organisation", "organisation_code", required=True)
@click.option("--mapping", default="", help="Kolumnmall för en källas exportformat.")
@click.option("--replace", is_flag=True, help="Ersätt en tidigare import av samma fil.")
@click.option(
    "--accounts",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Kontotabell för huvudboken (konto_från, konto_till, inköpsgrupp, kategori).",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_activity_data(
    organisation_code: str, mapping: str, replace: bool, accounts: Path | None, file: Path
) -> None:
    """Importera verksamhetsdata (org_unit,category,period,quantity,unit[,source_ref,note])."""
    setup()
    prepare_database()
    # after setup(): models
    from nettonoll.emissions.services import activity_data_import
    from nettonoll.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise click.ClickException(f"Organisationen {organisation_code} finns inte.")
    try:
        batch = activity_data_import(
            organisation=organisation,
            data=file.read_bytes(),
            filename=file.name,
            replace=replace,
            mapping=mapping,
            accounts=accounts.read_bytes() if accounts else None,
            progress=lambda pct, step: click.echo(f"  {pct:3d} % {IMPORT_STEPS[step]}", err=True),
        )
    except Rejected as rejected:
        hint = ""
        if rejected.has("file_already_imported"):
            hint = "Kör kommandot med --replace för att ersätta den tidigare importen."
        refused(file, rejected, hint=hint)
    click.echo(
        f"{file.name}: {batch.rows} rader importerade i {batch.aggregates.count()} summor; "
        "klimatbokslutet är omräknat."
    )
    for note in filter(None, batch.notes.splitlines()):
        click.echo(f"  {note}")


@import_group.command(name="historical-totals")
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_historical_totals(organisation_code: str, file: Path) -> None:
    """Importera redovisade summor för år före verksamhetsdata (kolumner
    year,scope,category,t_co2e,source; tom kategori: hela scopets summa)."""
    setup()
    prepare_database()
    from nettonoll.emissions.imports import historical_totals_import  # after setup(): models

    try:
        result = historical_totals_import(
            organisation_code=organisation_code, data=file.read_bytes(), filename=file.name
        )
    except Rejected as rejected:
        refused(file, rejected)
    click.echo(
        f"{file.name}: {result.created} nya, {result.updated} ändrade, "
        f"{result.unchanged} oförändrade redovisade summor."
    )


@import_group.command(name="county-data")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def import_county_data(directory: Path) -> None:
    """Läs in en ny utgåva av länsvyns data (SMHI:s och SCB:s filer i samma format)."""
    setup()
    from nettonoll.budgets.services import county_data_import  # after setup(): models

    try:
        summary = county_data_import(directory=directory)
    except Rejected as rejected:
        refused(directory, rejected, "inget har ersatts")
    click.echo(
        f"Länsdata inläst: {summary.municipalities} kommuner, {summary.counties} län, "
        f"år {summary.first_year}–{summary.last_year}."
    )


@click.group(name="export")
def export_group() -> None:
    """Exportera data till XLSX eller CSV."""


@export_group.command(name="org")
@click.option("--organisation", "organisation_code", required=True)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_org(organisation_code: str, file: Path) -> None:
    """Exportera ett organisationsträd; formatet följer filändelsen (.xlsx eller .csv)."""
    setup()
    # after setup(): models
    from nettonoll.organisations.models import Organisation
    from nettonoll.organisations.selectors import export_rows
    from nettonoll.organisations.services import TREE_COLUMNS

    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise click.ClickException(f"Organisationen {organisation_code} finns inte.")
    rows = list(export_rows(organisation))
    if file.suffix.lower() == ".xlsx":
        file.write_bytes(write_xlsx(TREE_COLUMNS, rows, title="Organisation"))
    elif file.suffix.lower() == ".csv":
        file.write_bytes(write_csv(TREE_COLUMNS, rows))
    else:
        raise click.ClickException("Filen ska sluta på .xlsx eller .csv.")
    click.echo(f"{len(rows)} enheter exporterade till {file}.")


@export_group.command(name="plan")
@click.option("--organisation", "organisation_code", required=True)
@click.option("--plan", "plan_name", required=True)
@click.option(
    "--what",
    type=click.Choice(["plan", "distributions", "activities"]),
    default="plan",
    show_default=True,
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_plan(organisation_code: str, plan_name: str, what: str, file: Path) -> None:
    """Exportera en plans mål, fördelningar eller aktiviteter (.xlsx eller .csv)."""
    setup()
    # after setup(): models
    from nettonoll.plans import imports
    from nettonoll.plans.selectors import plan_by_name

    plan = plan_by_name(organisation_code, plan_name)
    if plan is None:
        raise click.ClickException(f"Planen '{plan_name}' finns inte i {organisation_code}.")
    columns, rows = {
        "plan": (imports.PLAN_COLUMNS, imports.plan_rows),
        "distributions": (imports.DISTRIBUTION_COLUMNS, imports.distribution_rows),
        "activities": (imports.ACTIVITY_COLUMNS, imports.activity_rows),
    }[what]
    data = list(rows(plan))
    if file.suffix.lower() == ".xlsx":
        file.write_bytes(write_xlsx(columns, data, title=what))
    elif file.suffix.lower() == ".csv":
        file.write_bytes(write_csv(columns, data))
    else:
        raise click.ClickException("Filen ska sluta på .xlsx eller .csv.")
    click.echo(f"{len(data)} rader exporterade till {file}.")
