"""Background jobs survive faults: a job whose worker died is run again or failed with a
message and its upload deleted; the worker survives database errors; the worker is restarted
when it exits; `nettonoll manage db_worker` works without NETTONOLL_ENV; a database that
accepts but never answers fails the connection within seconds."""

import datetime
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import override
from django_tasks_db.models import DBTaskResult

from nettonoll.cli import serve
from nettonoll.common import jobs
from nettonoll.common.models import Job
from nettonoll.emissions.models import ImportJob
from nettonoll.emissions.services import activity_import_queue
from nettonoll.emissions.views import IMPORT_STEPS
from nettonoll.organisations.models import Organisation
from nettonoll.settings import database_config

CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], None]]]]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
GOOD = "org_unit;category;period;quantity;unit\nRS-SERV-FORD;fuel.diesel;2026-01;1 000;l\n"


def run_worker() -> None:
    """The real `db_worker` in batch mode, inside the test's transaction (see
    tests/emissions/test_background_work.py for why closing old connections is off)."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def queued(demo: None, django_capture_on_commit_callbacks: CaptureOnCommit) -> Iterator[ImportJob]:
    with override_settings(TASKS=DATABASE_TASKS), django_capture_on_commit_callbacks(execute=True):
        job = activity_import_queue(
            organisation=Organisation.objects.get(code="RJH"),
            upload=SimpleUploadedFile("stor.csv", GOOD.encode()),
        )
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    yield job


def _killed_while_running(job: Job, attempts: int, minutes_ago: int) -> None:
    """What a worker killed in the middle of the job leaves behind."""
    Job.objects.filter(pk=job.pk).update(
        status=Job.RUNNING,
        attempts=attempts,
        worker="gone:1",
        progress_pct=40,
        step="checking",
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_run_again_by_the_next_worker(
    queued: ImportJob, settings: object, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    settings.NETTONOLL_JOB_LEASE_SECONDS = 60  # type: ignore[attr-defined]
    with override_settings(TASKS=DATABASE_TASKS):
        DBTaskResult.objects.update(status="RUNNING")  # taken by a worker, which was killed
        _killed_while_running(queued, attempts=1, minutes_ago=5)
        with django_capture_on_commit_callbacks(execute=True):
            assert jobs.jobs_recover() == 1
        run_worker()
    job = ImportJob.objects.get(pk=queued.pk)
    assert (job.status, job.attempts, job.step) == (Job.DONE, 2, "done")
    assert job.batch is not None and job.batch.rows == 1
    assert not job.upload


@pytest.mark.django_db
def test_a_job_whose_lease_has_not_run_out_is_left_to_its_worker(
    queued: ImportJob, settings: object
) -> None:
    settings.NETTONOLL_JOB_LEASE_SECONDS = 600  # type: ignore[attr-defined]
    _killed_while_running(queued, attempts=1, minutes_ago=5)
    assert jobs.jobs_recover() == 0
    assert Job.objects.get(pk=queued.pk).status == Job.RUNNING


@pytest.mark.django_db
def test_a_job_that_lost_its_worker_too_often_fails_with_a_message_and_its_upload_is_deleted(
    queued: ImportJob, settings: object, client_as: Callable[[str], Client]
) -> None:
    settings.NETTONOLL_JOB_LEASE_SECONDS = 60  # type: ignore[attr-defined]
    settings.NETTONOLL_JOB_MAX_ATTEMPTS = 3  # type: ignore[attr-defined]
    stored = Path(queued.upload.path)
    assert stored.exists()
    _killed_while_running(queued, attempts=3, minutes_ago=5)
    assert jobs.jobs_recover() == 1
    job = ImportJob.objects.get(pk=queued.pk)
    assert (job.status, job.step, job.batch) == (Job.FAILED, "abandoned", None)
    assert not job.upload and not stored.exists()
    page = client_as("strategist").get(f"/org/RJH/klimatbokslut/import/{job.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "hx-trigger" not in text
    assert "bakgrundsarbetet stannade innan importen blev klar" in text
    with override("en"):
        assert "stopped" in str(IMPORT_STEPS["abandoned"])


@pytest.mark.django_db
def test_a_queued_job_whose_task_was_lost_is_queued_again(
    queued: ImportJob, settings: object, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    settings.NETTONOLL_JOB_LEASE_SECONDS = 60  # type: ignore[attr-defined]
    DBTaskResult.objects.all().delete()  # the task row is gone; the job still waits
    Job.objects.filter(pk=queued.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    with override_settings(TASKS=DATABASE_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            assert jobs.jobs_recover() == 1
        run_worker()
    assert ImportJob.objects.get(pk=queued.pk).status == Job.DONE


@pytest.mark.django_db
def test_the_worker_survives_a_database_error_and_runs_the_job_after_it(
    queued: ImportJob,
) -> None:
    ready = DBTaskResult.objects.ready
    calls = {"n": 0}

    def flaky() -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return ready()

    with (
        override_settings(TASKS=DATABASE_TASKS),
        mock.patch.object(DBTaskResult.objects, "ready", flaky),
        mock.patch("nettonoll.common.worker.Worker.pause_seconds", 0.01),
        mock.patch("nettonoll.common.worker.connections") as closed,
    ):
        run_worker()
    assert calls["n"] >= 2
    assert closed.all.called  # the broken connections were closed before trying again
    assert ImportJob.objects.get(pk=queued.pk).status == Job.DONE


def test_the_task_worker_is_restarted_when_it_exits() -> None:
    started: list[subprocess.Popen[bytes]] = []

    def start_worker() -> subprocess.Popen[bytes]:
        process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"])
        started.append(process)
        return process

    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(2)"])
    worker = serve._supervise(server, start_worker, poll_seconds=0.05, restart_pause=0.05)
    assert server.returncode == 0
    assert len(started) >= 3  # exited at once, restarted each time
    worker.wait()


def test_db_worker_runs_as_the_readme_says_without_nettonoll_env(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NETTONOLL_ENV", "NETTONOLL_TASKS", "DATABASE_URL")
    }
    env["NETTONOLL_DATA_DIR"] = str(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    command = [sys.executable, "-c", "from nettonoll.cli import main; main()", "manage"]
    migrate = subprocess.run(
        [*command, "migrate", "django_tasks_database", "-v0"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr.decode()
    worker = subprocess.run(
        [*command, "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr.decode()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A 'PostgreSQL server' that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for peer in accepted:
        peer.close()
    listener.close()


def test_a_database_that_accepts_but_never_answers_fails_within_the_timeout(
    silent_server: int, django_db_blocker: Any
) -> None:
    from django.db.backends.postgresql.base import DatabaseWrapper

    config = database_config(f"postgres://nettonoll@127.0.0.1:{silent_server}/nettonoll")
    config.setdefault("TIME_ZONE", None)
    config.setdefault("AUTOCOMMIT", True)
    config.setdefault("ATOMIC_REQUESTS", False)
    wrapper = DatabaseWrapper(config, alias="silent")
    started = time.monotonic()
    with django_db_blocker.unblock(), pytest.raises(OperationalError):
        wrapper.ensure_connection()
    assert time.monotonic() - started < 10


def test_the_database_settings_carry_connect_and_statement_timeouts() -> None:
    postgres = database_config("postgres://nettonoll@db.example/nettonoll")
    options = postgres["OPTIONS"]
    assert isinstance(options, dict)
    assert 0 < options["connect_timeout"] <= 10
    assert "statement_timeout=" in options["options"]
    sqlite = database_config("sqlite:////tmp/x.sqlite3")
    assert isinstance(sqlite["OPTIONS"], dict) and 0 < sqlite["OPTIONS"]["timeout"] <= 10
