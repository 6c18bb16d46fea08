"""Background jobs: a registry of job kinds, queueing on commit, running with progress and a
lease, and recovering jobs whose worker died.

An app declares a kind in its `tasks` module (imported by its AppConfig.ready):

    @jobs.handler("emissions.recalculate")
    def recalculate(job: Job, progress: Progress) -> models.Model | None: ...

and queues it from a service with `jobs.job_queue(kind=..., ...)`. The task row is written only
after the caller's transaction commits, so the worker never sees a job before its data; the
dependency points one way (app services → common.jobs; app tasks → app services)."""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import InterfaceError, OperationalError, models, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from nettonoll.common.models import Job

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=models.Model)
Progress = Callable[[int, str], None]  # (per cent done, step code)
Handler = Callable[[Job, Progress], models.Model | None]
# Step codes every kind may end in; the pages show them with their own texts.
STEP_DONE, STEP_REFUSED, STEP_ERROR, STEP_ABANDONED = "done", "refused", "error", "abandoned"


class JobRefused(Exception):
    """A handler's verdict that the job's input is refused: the problems are kept on the job."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class JobKind:
    key: str
    run: Handler


KINDS: dict[str, JobKind] = {}
# Work the worker looks for regularly (every heartbeat), such as scheduled reminders: each
# function decides itself whether anything is due and must be safe to call again.
PERIODIC: dict[str, Callable[[], object]] = {}
worker_name = f"{socket.gethostname()}:{os.getpid()}"  # the worker command sets its own id


def handler(key: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of kind `key`."""

    def register(function: Handler) -> Handler:
        KINDS[key] = JobKind(key, function)
        return function

    return register


def periodic(key: str) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Register a function the task worker calls on every heartbeat (`periodic_run`)."""

    def register(function: Callable[[], object]) -> Callable[[], object]:
        PERIODIC[key] = function
        return function

    return register


def periodic_run() -> list[str]:
    """Call every registered periodic function; one that fails is logged and the others still
    run. Returns the keys that failed."""
    failed = []
    for key, function in PERIODIC.items():
        try:
            function()
        except Exception:
            logger.exception("periodic work %s failed; trying again next heartbeat", key)
            failed.append(key)
    return failed


@task()
def job_run_task(job_id: int) -> str:
    return job_run(job_id).status


def _enqueue(job_id: int) -> None:
    result = job_run_task.enqueue(job_id)
    Job.objects.filter(pk=job_id, status=Job.QUEUED).update(task_id=str(result.id)[:64])


def _enqueue_on_commit(job_id: int) -> None:
    """After the commit; if writing the task row fails then, the request still succeeds and the
    job waits for `jobs_recover` to queue it again."""
    transaction.on_commit(lambda: _enqueue(job_id), robust=True)


def job_queue(
    *,
    kind: str,
    title: str = "",
    subject: models.Model | None = None,
    params: dict[str, Any] | None = None,
    upload: UploadedFile | None = None,
    attachment: UploadedFile | None = None,
    file_prefix: str = "",
    by: models.Model | None = None,
) -> Job:
    """Keep the job (and its files) and queue it for the worker once the transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(kind=kind, title=title[:255], params=params or {})
    job.created_by_id = getattr(by, "pk", None)
    if subject is not None:
        job.subject_type = ContentType.objects.get_for_model(subject)
        job.subject_id = subject.pk
    if upload is not None:
        job.upload.save(f"{file_prefix}{upload.name}", upload, save=False)
    if attachment is not None:
        job.attachment.save(f"{file_prefix}{attachment.name}", attachment, save=False)
    job.save()
    _enqueue_on_commit(job.pk)
    return job


def job_subject(job: Job, model: type[M]) -> M:
    """The object the job works on (an organisation, a plan)."""
    return model._default_manager.get(pk=job.subject_id or 0)


def jobs_of(subject: models.Model) -> models.QuerySet[Job]:
    return Job.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )


def _files_delete(job: Job) -> None:
    for field in (job.upload, job.attachment):
        if field:
            field.delete(save=False)


def _finish(job: Job, status: str, step: str, problems: list[dict[str, Any]]) -> None:
    job.status, job.step, job.problems = status, step, problems
    job.progress_pct, job.finished_at = 100, timezone.now()
    _files_delete(job)
    job.save()


def job_run(job_id: int) -> Job:
    """Run a queued job (the worker's side): claim it, call its kind's handler with a progress
    callback that also renews the lease, and keep the outcome. A database error leaves the job
    to the lease (queued again or failed by `jobs_recover`); any other error fails it."""
    job = Job.objects.get(pk=job_id)
    claimed = Job.objects.filter(pk=job_id, status=Job.QUEUED).update(
        status=Job.RUNNING,
        attempts=F("attempts") + 1,
        worker=worker_name[:100],
        heartbeat_at=timezone.now(),
    )
    if not claimed:  # finished, or running under another worker
        return job
    job.refresh_from_db()

    def progress(pct: int, step: str) -> None:
        Job.objects.filter(pk=job.pk).update(
            progress_pct=pct, step=step, heartbeat_at=timezone.now()
        )

    try:
        result = KINDS[job.kind].run(job, progress)
    except JobRefused as refused:
        _finish(job, Job.FAILED, STEP_REFUSED, refused.problems)
    except (OperationalError, InterfaceError):
        raise
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.FAILED, STEP_ERROR, [])
        raise
    else:
        if result is not None:
            job.result_type = ContentType.objects.get_for_model(result)
            job.result_id = result.pk
        _finish(job, Job.DONE, STEP_DONE, [])
    return job


def jobs_heartbeat(worker: str) -> int:
    """Renew the lease of the jobs `worker` is running."""
    return Job.objects.filter(status=Job.RUNNING, worker=worker[:100]).update(
        heartbeat_at=timezone.now()
    )


def jobs_recover(now: Any = None) -> int:
    """Jobs whose lease expired: a running one lost its worker and is queued again, or failed
    after `NETTONOLL_JOB_MAX_ATTEMPTS` runs (its files deleted); a queued one whose task row
    was lost (the worker died after taking it) is queued again. Returns how many were touched."""
    now = now or timezone.now()
    deadline = now - timedelta(seconds=settings.NETTONOLL_JOB_LEASE_SECONDS)
    touched = 0
    for job in Job.objects.filter(status=Job.RUNNING, heartbeat_at__lt=deadline):
        stale = Job.objects.filter(pk=job.pk, status=Job.RUNNING, heartbeat_at=job.heartbeat_at)
        if job.attempts < settings.NETTONOLL_JOB_MAX_ATTEMPTS:
            if stale.update(status=Job.QUEUED, heartbeat_at=now, worker=""):
                logger.warning("job %s lost its worker; queued again", job.pk)
                _enqueue_on_commit(job.pk)
                touched += 1
        elif stale.update(status=Job.FAILED, step=STEP_ABANDONED, finished_at=now):
            logger.warning("job %s lost its worker %s times; failed", job.pk, job.attempts)
            _files_delete(job)
            Job.objects.filter(pk=job.pk).update(upload="", attachment="")
            touched += 1
    for job in Job.objects.filter(status=Job.QUEUED, heartbeat_at__lt=deadline):
        waiting = bool(job.task_id) and (
            DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.READY).exists()
        )
        if not waiting and Job.objects.filter(
            pk=job.pk, status=Job.QUEUED, heartbeat_at=job.heartbeat_at
        ).update(heartbeat_at=now):
            _enqueue_on_commit(job.pk)
            touched += 1
    return touched
