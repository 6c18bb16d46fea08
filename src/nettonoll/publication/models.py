"""What an organisation has published. Nothing is public by default: a row here publishes one
kind of content (a plan, the indicators, the klimatbokslut, the carbon budget) for one year or,
without a year, for every year; for one plan or indicator or, without one, for all of them.
Publishing and unpublishing are audited: each row keeps its history with who did it (decision 0017).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Organisation
from nettonoll.plans.models import Plan


class PublishedWhat(models.TextChoices):
    PLAN = "plan", _("Plan och mål")
    INDICATORS = "indicators", _("Indikatorer")
    KLIMATBOKSLUT = "klimatbokslut", _("Klimatbokslut")
    BUDGET = "budget", _("Koldioxidbudget")


class Publication(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="publications"
    )
    what = models.CharField(_("innehåll"), max_length=20, choices=PublishedWhat.choices)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)  # None: every year
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("publicerad"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publicering")
        verbose_name_plural = _("publiceringar")
        ordering = ["organisation", "what", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "what", "year", "plan", "indicator"],
                name="publication_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        year = self.year if self.year is not None else _("alla år")
        return f"{self.organisation.code} {self.get_what_display()} {year}"
