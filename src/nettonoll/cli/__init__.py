"""The `nettonoll` command: the front door. It parses arguments and calls services."""

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from nettonoll.calc.problems import Problem, Rejected
from nettonoll.calc.problems import rows as problem_rows
from nettonoll.common.tabular import write_csv

DEMO_PASSWORD = "nettonoll-demo"  # noqa: S105  # printed on screen; demo data only
IMPORT_STEPS = {
    "reading": "läser filen",
    "checking": "kontrollerar varje rad",
    "matching": "kontrollerar enheter, kategorier och faktorer",
    "saving": "sparar",
    "recalculating": "räknar om klimatbokslutet",
    "done": "klart",
}


def _refused(
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


def _setup(env: str | None = None) -> None:
    """Configure Django; `env` is the default NETTONOLL_ENV for this command."""
    if env:
        os.environ.setdefault("NETTONOLL_ENV", env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nettonoll.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise click.ClickException(str(error)) from error


def _prepare_database(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _start_task_worker() -> "subprocess.Popen[bytes]":
    """The Django Tasks database worker (large imports, recalculations, reminders) beside the web
    server, with the same environment; stopped when the server stops."""
    command = [sys.executable, "-c", "from nettonoll.cli import main; main()"]
    return subprocess.Popen([*command, "manage", "db_worker", "--no-startup-delay"])


def _supervise(
    server: "subprocess.Popen[bytes]",
    start_worker: Callable[[], "subprocess.Popen[bytes]"],
    *,
    poll_seconds: float = 1.0,
    restart_pause: float = 5.0,
) -> "subprocess.Popen[bytes]":
    """Wait for the server; whenever the task worker exits meanwhile (a crash, a database it
    could not reach), start it again after a pause. Returns the worker running at the end."""
    worker = start_worker()
    while server.poll() is None:
        if worker.poll() is not None:
            click.echo(
                f"Bakgrundsarbetaren avslutades (kod {worker.returncode}); startar om den.",
                err=True,
            )
            time.sleep(restart_pause)
            if server.poll() is not None:
                break
            worker = start_worker()
        time.sleep(poll_seconds)
    return worker


def _serve(host: str, port: int, workers: int) -> None:
    """Gunicorn in a process of its own: this one has used Polars (demo data, imports), and
    Polars' thread pool does not survive a fork — workers forked from here would hang on their
    first Polars call. The task worker runs beside it, restarted whenever it exits; both stop
    together."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "nettonoll.wsgi:application",
        f"--bind={host}:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        "--threads=4",
        "--access-logfile=-",
        "--timeout=120",
    ]
    server = subprocess.Popen(command)
    workers_started: list[subprocess.Popen[bytes]] = []

    def start_worker() -> "subprocess.Popen[bytes]":
        workers_started.append(_start_task_worker())
        return workers_started[-1]

    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))  # stop the children too
    try:
        _supervise(server, start_worker)
    except KeyboardInterrupt:
        server.wait(timeout=30)
    finally:
        running = [server, *workers_started]
        for process in running:  # all asked to stop first, then awaited
            if process.poll() is None:
                process.terminate()
        for process in running:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nettonoll")
def main() -> None:
    """Nettonoll – miljö- och klimatledning för regioner."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adress att lyssna på.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port att lyssna på.")
@click.option("--no-serve", is_flag=True, help="Förbered allt men starta ingen webbserver.")
def demo(host: str, port: int, no_serve: bool) -> None:
    """Skapa demodatabasen (SQLite under var/), ladda demodata och starta webbservern."""
    os.environ.setdefault("NETTONOLL_ENV", "demo")
    extra_host = host if host not in ("127.0.0.1", "localhost", "0.0.0.0") else ""  # noqa: S104
    if extra_host and "ALLOWED_HOSTS" not in os.environ:
        os.environ["ALLOWED_HOSTS"] = f"localhost,127.0.0.1,[::1],{extra_host}"
    _setup()
    from django.conf import settings

    from nettonoll.demo.loader import DEMO_LOGINS, demo_load

    click.echo(f"Databas: {settings.DATABASES['default']['NAME']}")
    click.echo("Uppdaterar databasen (migreringar) …")
    _prepare_database()
    click.echo("Laddar demodata …")
    summary = demo_load()
    click.echo(
        f"  {summary.organisations} organisationer, {summary.nodes} enheter, "
        f"{summary.users} användare."
    )
    _collect_static()
    url = f"http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/"  # noqa: S104
    click.echo("")
    click.echo(f"Nettonoll demo: {url}")
    click.echo("Alla personer och siffror i demon är påhittade.")
    click.echo(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
    for username, description in DEMO_LOGINS:
        click.echo(f"  {username:<18} {description}")
    if no_serve:
        return
    click.echo("Avsluta med Ctrl+C.")
    _serve(host, port, workers=2)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
def serve(host: str, port: int, workers: int) -> None:
    """Kör en konfigurerad installation (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS)."""
    _setup("production")
    _prepare_database()
    _collect_static()
    click.echo(f"Nettonoll lyssnar på http://{host}:{port}/")
    _serve(host, port, workers)


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Djangos hanteringskommandon, t.ex. `nettonoll manage createsuperuser`."""
    if args[:1] == ("db_worker",):  # a worker takes its tasks from the database, whatever ENV
        os.environ.setdefault("NETTONOLL_TASKS", "database")
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nettonoll manage", *args])


@main.group(name="import")
def import_group() -> None:
    """Importera data från CSV eller XLSX (allt eller inget)."""


@import_group.command(name="org")
@click.option("--organisation", "organisation_code", required=True, help="Organisationens kod.")
@click.option("--name", default=None, help="Namn: skapar organisationen om den inte finns.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_org(organisation_code: str, name: str | None, file: Path) -> None:
    """Importera ett organisationsträd (kolumner code,name,parent_code,level)."""
    _setup()
    _prepare_database()
    from nettonoll.organisations.services import tree_import

    try:
        result = tree_import(
            organisation_code=organisation_code,
            data=file.read_bytes(),
            filename=file.name,
            name=name,
        )
    except Rejected as rejected:
        _refused(file, rejected)
    click.echo(
        f"{result.organisation.name}: {result.created} nya, {result.updated} ändrade, "
        f"{result.unchanged} oförändrade enheter."
    )


def _plan_import(kind: str, organisation_code: str, plan_name: str, file: Path) -> None:
    _setup()
    _prepare_database()
    from nettonoll.plans import imports

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
        _refused(file, rejected)
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
    _setup()
    _prepare_database()
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
        _refused(file, rejected, hint=hint)
    click.echo(
        f"{file.name}: {batch.rows} rader importerade i {batch.aggregates.count()} summor; "
        "klimatbokslutet är omräknat."
    )


@import_group.command(name="county-data")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def import_county_data(directory: Path) -> None:
    """Läs in en ny utgåva av länsvyns data (SMHI:s och SCB:s filer i samma format)."""
    _setup()
    from nettonoll.budgets.services import county_data_import

    try:
        summary = county_data_import(directory=directory)
    except Rejected as rejected:
        _refused(directory, rejected, "inget har ersatts")
    click.echo(
        f"Länsdata inläst: {summary.municipalities} kommuner, {summary.counties} län, "
        f"år {summary.first_year}–{summary.last_year}."
    )


@main.group(name="export")
def export_group() -> None:
    """Exportera data till XLSX eller CSV."""


@export_group.command(name="org")
@click.option("--organisation", "organisation_code", required=True)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_org(organisation_code: str, file: Path) -> None:
    """Exportera ett organisationsträd; formatet följer filändelsen (.xlsx eller .csv)."""
    _setup()
    from nettonoll.common.tabular import write_csv, write_xlsx
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
    _setup()
    from nettonoll.common.tabular import write_csv, write_xlsx
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


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Säkerhetskopiera hela installationen (databas och lagrade filer) till FILE."""
    _setup()
    from nettonoll.common.backup import backup_create

    counts = backup_create(file)
    click.echo(
        f"Säkerhetskopia skriven till {file}: {counts['records']} poster, {counts['files']} filer."
    )


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Fråga inte: ersätt installationens data.")
def restore(file: Path, yes: bool) -> None:
    """Återställ installationen från en säkerhetskopia (ersätter allt nuvarande innehåll)."""
    _setup()
    if not yes and sys.stdin.isatty():
        click.confirm("All nuvarande data ersätts av säkerhetskopian. Fortsätta?", abort=True)
    _prepare_database()
    from nettonoll.common.backup import BackupError, backup_restore

    try:
        counts = backup_restore(file)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Återställt från {file}: {counts['records']} poster, {counts['files']} filer.")


@main.group(name="report")
def report_group() -> None:
    """Ta fram rapporter."""


@report_group.command(name="followup")
@click.option("--organisation", "organisation_code", required=True)
@click.option("--plan", "plan_name", required=True, help="Planens namn, t.ex. 'Miljömål 2023'.")
@click.option("--node", "node_code", required=True, help="Enhetens kod.")
@click.option("--round", "round_name", default=None, help="Omgångens namn; utan: nuläget.")
@click.option(
    "--format", "file_format", type=click.Choice(["json", "html", "pdf", "docx"]), default="json"
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def report_followup(
    organisation_code: str,
    plan_name: str,
    node_code: str,
    round_name: str | None,
    file_format: str,
    out: Path | None,
) -> None:
    """Uppföljningsrapporten (tjänsteskrivelse) för en enhet och en omgång."""
    import json

    _setup()
    from nettonoll.organisations.selectors import node_get
    from nettonoll.plans.selectors import followup_summary, plan_by_name
    from nettonoll.reports.followup import render_docx, render_html, render_pdf, report_context

    plan = plan_by_name(organisation_code, plan_name)
    if plan is None:
        raise click.ClickException(f"Planen '{plan_name}' finns inte i {organisation_code}.")
    node = node_get(organisation_code, node_code)
    if node is None:
        raise click.ClickException(f"Enheten {node_code} finns inte i {organisation_code}.")
    round_ = None
    if round_name:
        round_ = plan.rounds.filter(name=round_name).first()
        if round_ is None:
            raise click.ClickException(f"Omgången '{round_name}' finns inte i planen.")
    data: bytes
    if file_format == "json":
        text = json.dumps(followup_summary(node, plan, round_), ensure_ascii=False, indent=2)
        data = (text + "\n").encode("utf-8")
    else:
        context = report_context(node, plan, round_)
        if file_format == "html":
            data = render_html(context).encode("utf-8")
        elif file_format == "pdf":
            data = render_pdf(context)
        else:
            data = render_docx(context)
    if out is None:
        if file_format in ("pdf", "docx"):
            raise click.ClickException("Ange --out FIL för PDF och DOCX.")
        click.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"Rapporten är skriven till {out}.", err=True)


@main.group(name="klimatbokslut")
def klimatbokslut_group() -> None:
    """Klimatbokslut: utsläpp från verksamhetsdata och emissionsfaktorer."""


@klimatbokslut_group.command(name="compute")
@click.option(
    "--activities",
    "activities_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Verksamhetsdata: org_unit,category,period,quantity,unit (CSV eller XLSX).",
)
@click.option(
    "--factors",
    "factors_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Egna emissionsfaktorer (CSV); utan: standarduppsättningen för Sverige.",
)
@click.option("--gwp-set", type=click.Choice(["AR5", "AR6"]), default="AR5", show_default=True)
@click.option("--format", "file_format", type=click.Choice(["json", "csv"]), default="json")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def klimatbokslut_compute(
    activities_file: Path,
    factors_file: Path | None,
    gwp_set: str,
    file_format: str,
    out: Path | None,
) -> None:
    """Räkna ett klimatbokslut från filer, utan databas. Ogiltig indata: inget resultat, alla
    fel med radnummer."""
    import json

    from nettonoll.calc.factors import FactorTable, default_factors, factors_from_file
    from nettonoll.calc.inventory import klimatbokslut

    def fail(source: Path, problems: list[Problem]) -> NoReturn:
        _refused(source, Rejected(problems), "inget resultat")

    if factors_file is None:
        factors = default_factors()
    else:
        factors, factor_problems = factors_from_file(factors_file)
        if factor_problems:
            fail(
                factors_file,
                [Problem(code, params, line) for line, code, params in factor_problems],
            )
    try:
        results, summary = klimatbokslut(
            activities_file.read_bytes(), FactorTable(factors, gwp_set=gwp_set)
        )
    except Rejected as rejected:
        _refused(activities_file, rejected, "inget resultat")
    if file_format == "json":
        document = {
            "method": "aktivitetsdata × emissionsfaktor, aggregering först (METHODS.md §1)",
            "gwp_set": gwp_set,
            "factor_set": "standard (Sverige)" if factors_file is None else factors_file.name,
            "total_t_co2e": summary.total_t_co2e,
            "by_year": summary.by_year,
            "by_scope": summary.by_scope,
            "by_category": summary.by_category,
            "by_org_unit": summary.by_org_unit,
            "results": results.to_dicts(),
        }
        data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        buffer = io.BytesIO()
        results.write_csv(buffer)
        data = buffer.getvalue()
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"Klimatbokslutet är skrivet till {out}.", err=True)


from nettonoll.cli.budget import budget  # noqa: E402

main.add_command(budget)
