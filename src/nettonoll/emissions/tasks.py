"""Background work of the klimatbokslut (Django Tasks; the database backend's `db_worker` runs
them, see settings.TASKS): large imports with progress, and recalculation after a factor change."""

from django_tasks import task

from nettonoll.emissions import services
from nettonoll.organisations.models import Organisation


@task()
def activity_import_task(job_id: int) -> str:
    return services.activity_import_job_run(job_id).status


@task()
def inventory_recalculate_task(organisation_id: int) -> int:
    organisation = Organisation.objects.get(pk=organisation_id)
    return services.inventory_recalculate(organisation=organisation)
