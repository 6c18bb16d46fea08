"""`db_worker`: django-tasks-db's command with Nettonoll's worker (reconnects after database
errors, heartbeat and lease for jobs). This app comes before django_tasks_db in INSTALLED_APPS,
so `nettonoll manage db_worker` runs this one."""

from typing import Any

from django_tasks_db.management.commands import db_worker

from nettonoll.common.worker import Worker


class Command(db_worker.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        original = db_worker.Worker
        db_worker.Worker = Worker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
