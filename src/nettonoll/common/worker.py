"""The task worker that survives the database: django-tasks-db's `db_worker` loop, restarted
after a database error (SQLite busy or its file briefly gone, PostgreSQL refusing connections)
with its connections closed and a growing pause, plus a heartbeat thread that renews the lease
of the job it runs, recovers jobs whose worker died (`jobs.jobs_recover`) and runs the periodic work
apps registered (`jobs.periodic`, e.g. scheduled reminders)."""

import logging
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands import db_worker

from nettonoll.common import jobs

logger = logging.getLogger(__name__)
MAX_PAUSE_SECONDS = 30.0


class Worker(db_worker.Worker):
    pause_seconds = 1.0

    def run(self) -> None:
        jobs.worker_name = self.worker_id
        heartbeat = None if self.batch else _Heartbeat(self.worker_id)
        if heartbeat is not None:
            heartbeat.start()
        pause = self.pause_seconds
        try:
            while self.running:
                try:
                    super().run()
                    return  # batch done, or the maximum number of tasks run
                except (OperationalError, InterfaceError) as error:
                    logger.warning(
                        "database error in the task worker, reconnecting in %.0f s: %s",
                        pause,
                        error,
                    )
                    for connection in connections.all():
                        connection.close()
                    time.sleep(pause)
                    pause = min(pause * 2, MAX_PAUSE_SECONDS)
                    self.startup_delay = False
        finally:
            if heartbeat is not None:
                heartbeat.stop()


class _Heartbeat(threading.Thread):
    """Every NETTONOLL_JOB_HEARTBEAT_SECONDS: renew this worker's leases, recover dead ones, run
    the periodic work.
    Database errors are logged and tried again next time: the lease is long enough."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="nettonoll-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                close_old_connections()
                jobs.jobs_heartbeat(self.worker_id)
                jobs.jobs_recover()
                jobs.periodic_run()
            except Exception:
                logger.warning("job heartbeat failed; trying again", exc_info=True)
                connections.close_all()
            self.stopped.wait(settings.NETTONOLL_JOB_HEARTBEAT_SECONDS)
        connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
