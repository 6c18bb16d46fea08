"""The user: a person who logs in. Roles live on the organisation tree (organisations.RoleGrant)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    title = models.CharField(_("titel"), max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
