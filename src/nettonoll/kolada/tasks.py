"""Background work of Kolada, as job kinds of `common.jobs`: a fetch for one organisation, and
the periodic check that queues the fetches that are due. Imported by the app's `ready()`."""

from django.conf import settings

from nettonoll.common import jobs
from nettonoll.common.models import Job
from nettonoll.kolada import services
from nettonoll.kolada.client import KoladaError
from nettonoll.organisations.models import Organisation


@jobs.handler(services.FETCH)
def fetch(job: Job, progress: jobs.Progress) -> None:
    """Fetch the organisation's KPIs; a failure is kept on its selections (shown on the page)
    and refuses the job."""
    organisation = jobs.job_subject(job, Organisation)
    progress(1, "fetching")
    try:
        services.kolada_fetch(organisation=organisation)
    except KoladaError as error:
        raise jobs.JobRefused([]) from error


@jobs.periodic("kolada.fetch_due")
def fetch_due() -> None:
    """Queue the fetches that are due; the demo never reaches the internet."""
    if getattr(settings, "IS_DEMO", False):
        return
    services.kolada_fetch_due()
