"""The one background job model: every piece of work that runs in the task worker (an import, a
recalculation, reminder e-mails) is a `Job` of a registered kind (see `jobs.py`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Queued on commit, run by the worker, watched by a lease: the worker running a job touches
    `heartbeat_at`; a job whose heartbeat is older than the lease lost its worker and is queued
    again (at most `NETTONOLL_JOB_MAX_ATTEMPTS` runs) or failed, its files deleted."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [
        (QUEUED, _("i kö")),
        (RUNNING, _("pågår")),
        (DONE, _("klar")),
        (FAILED, _("avvisad")),
    ]

    kind = models.CharField(_("slag"), max_length=50)
    title = models.CharField(_("titel"), max_length=255, blank=True)
    params = models.JSONField(_("parametrar"), default=dict, blank=True)
    upload = models.FileField(_("uppladdad fil"), upload_to="uploads/%Y/", blank=True)
    attachment = models.FileField(_("bifogad fil"), upload_to="uploads/%Y/", blank=True)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=QUEUED)
    progress_pct = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    step = models.CharField(_("steg"), max_length=30, blank=True)
    problems = models.JSONField(_("problem"), default=list, blank=True)
    result_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result_id = models.PositiveBigIntegerField(null=True, blank=True)
    result = GenericForeignKey("result_type", "result_id")
    result_url = models.CharField(_("länk till resultatet"), max_length=500, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(_("arbetare"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    heartbeat_at = models.DateTimeField(_("senaste livstecken"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("jobb i bakgrunden")
        verbose_name_plural = _("jobb i bakgrunden")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "status"]),
            models.Index(fields=["status", "heartbeat_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.title} ({self.status}, {self.progress_pct} %)"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)
