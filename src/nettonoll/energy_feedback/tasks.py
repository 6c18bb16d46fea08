"""Background work of the energy feedback, as job kinds of `common.jobs`: the monthly e-mails
(sent by the worker after the transaction that wrote the month commits), and the check for
e-mails due that the worker runs on every heartbeat. Imported by the app's `ready()`."""

from django.conf import settings
from django.core.mail import send_mass_mail

from nettonoll.common import jobs
from nettonoll.common.models import Job
from nettonoll.energy_feedback import services


@jobs.handler(services.MONTHLY_MAIL)
def monthly_mail(job: Job, progress: jobs.Progress) -> None:
    """Send the e-mails `services.feedback_mails_due` wrote: (subject, body, sender, addresses)."""
    messages = [
        (str(subject), str(body), sender, list(addresses))
        for subject, body, sender, addresses in job.params["messages"]
    ]
    progress(1, "sending")
    send_mass_mail(messages, fail_silently=False)


@jobs.periodic("energy_feedback.monthly_mail_due")
def monthly_mail_due() -> None:
    """Queue the monthly e-mails that are due (once per subscription and month); the demo sends
    none."""
    if getattr(settings, "IS_DEMO", False):
        return
    services.feedback_mails_due()
