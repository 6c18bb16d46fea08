"""Background work of plans, as job kinds of `common.jobs`: reminder e-mails, sent by the worker
after the request's transaction commits, and the scheduled reminders the worker looks for on
every heartbeat. Imported by the app's `ready()`."""

from django.core.mail import send_mass_mail

from nettonoll.common import jobs
from nettonoll.common.models import Job
from nettonoll.plans import services


@jobs.handler(services.REMINDERS)
def reminders(job: Job, progress: jobs.Progress) -> None:
    """Send the reminders `services.reminders_send` wrote: (subject, body, sender, addresses)."""
    messages = [
        (str(subject), str(body), sender, list(addresses))
        for subject, body, sender, addresses in job.params["messages"]
    ]
    progress(1, "sending")
    send_mass_mail(messages, fail_silently=False)


@jobs.periodic("plans.reminders_due")
def scheduled_reminders() -> None:
    """Queue the scheduled reminders that are due today (once per round and day)."""
    services.reminders_due()
