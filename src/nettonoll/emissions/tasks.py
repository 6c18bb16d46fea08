"""Background work of the klimatbokslut, as job kinds of `common.jobs` (the worker runs them, see
settings.TASKS): large imports with progress, and recalculation after a factor change. Imported
by the app's `ready()`; it depends on the services, never the other way round."""

from nettonoll.common import jobs
from nettonoll.common.models import Job
from nettonoll.emissions import services
from nettonoll.emissions.models import ImportBatch, ImportJob
from nettonoll.organisations.models import Organisation


@jobs.handler(ImportJob.KIND)
def activity_import(job: Job, progress: jobs.Progress) -> ImportBatch:
    return services.activity_import_job_run(job, progress)


@jobs.handler(services.RECALCULATE)
def inventory_recalculate(job: Job, progress: jobs.Progress) -> None:
    organisation = jobs.job_subject(job, Organisation)
    progress(1, "recalculating")
    services.inventory_recalculate(organisation=organisation)
