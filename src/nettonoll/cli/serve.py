"""`nettonoll demo`, `serve` and `manage`: the web server and the task worker it supervises."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import click
from django.conf import settings
from django.core.management import execute_from_command_line

from nettonoll.cli.shared import collect_static, prepare_database, setup

DEMO_PASSWORD = "nettonoll-demo"  # noqa: S105  # printed on screen; demo data only


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


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adress att lyssna på.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port att lyssna på.")
@click.option("--no-serve", is_flag=True, help="Förbered allt men starta ingen webbserver.")
def demo(host: str, port: int, no_serve: bool) -> None:
    """Skapa demodatabasen (SQLite under var/), ladda demodata och starta webbservern."""
    os.environ.setdefault("NETTONOLL_ENV", "demo")
    extra_host = host if host not in ("127.0.0.1", "localhost", "0.0.0.0") else ""  # noqa: S104
    if extra_host and "ALLOWED_HOSTS" not in os.environ:
        os.environ["ALLOWED_HOSTS"] = f"localhost,127.0.0.1,[::1],{extra_host}"
    setup()
    # after setup(): the demo loader imports models, which need Django configured
    from nettonoll.demo.loader import DEMO_LOGINS, demo_load

    click.echo(f"Databas: {settings.DATABASES['default']['NAME']}")
    click.echo("Uppdaterar databasen (migreringar) …")
    prepare_database()
    click.echo("Laddar demodata …")
    summary = demo_load()
    click.echo(
        f"  {summary.organisations} organisationer, {summary.nodes} enheter, "
        f"{summary.users} användare."
    )
    collect_static()
    url = f"http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/"  # noqa: S104
    click.echo("")
    click.echo(f"Nettonoll demo: {url}")
    click.echo("Alla personer, fordon, registreringsnummer och siffror i demon är påhittade.")
    click.echo(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
    for username, description in DEMO_LOGINS:
        click.echo(f"  {username:<18} {description}")
    if no_serve:
        return
    click.echo("Avsluta med Ctrl+C.")
    _serve(host, port, workers=2)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
def serve(host: str, port: int, workers: int) -> None:
    """Kör en konfigurerad installation (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS)."""
    setup("production")
    prepare_database()
    collect_static()
    click.echo(f"Nettonoll lyssnar på http://{host}:{port}/")
    _serve(host, port, workers)


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Djangos hanteringskommandon, t.ex. `nettonoll manage createsuperuser`."""
    if args[:1] == ("db_worker",):  # a worker takes its tasks from the database, whatever ENV
        os.environ.setdefault("NETTONOLL_TASKS", "database")
    setup()
    execute_from_command_line(["nettonoll manage", *args])
