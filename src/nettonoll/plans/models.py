"""Plan → goal → distribution → activity → follow-up round → entry."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nettonoll.common.records import Versioned, history_register
from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Node, Organisation


class Agenda2030Target(models.Model):
    """One of the 169 targets (delmål) of the 17 global goals; shipped reference data."""

    code = models.CharField(_("kod"), max_length=8, unique=True)
    sdg = models.PositiveSmallIntegerField(_("globalt mål"))
    goal_name = models.CharField(_("målets namn"), max_length=200)
    title = models.CharField(_("delmål"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Agenda 2030-delmål")
        verbose_name_plural = _("Agenda 2030-delmål")
        ordering = ["sdg", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title or self.goal_name}"


class QualityObjective(models.Model):
    """One of Sweden's 16 environmental quality objectives (miljökvalitetsmål)."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("miljökvalitetsmål")
        verbose_name_plural = _("miljökvalitetsmål")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Antagen")
    ARCHIVED = "archived", _("Arkiverad")


class Plan(Versioned):
    """A plan (Miljöplan 2021–2025, Budget 2024) with its own names for the goal levels."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    name = models.CharField(_("namn"), max_length=200)
    period_start_year = models.PositiveSmallIntegerField(_("från år"))
    period_end_year = models.PositiveSmallIntegerField(_("till år"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    adopted_on = models.DateField(_("antagen den"), null=True, blank=True)
    decision_reference = models.CharField(_("diarienummer"), max_length=100, blank=True)
    level_names = models.JSONField(
        _("nivåernas namn"), default=list, help_text=_("Uppifrån och ned, t.ex. Övergripande mål.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["-period_start_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="plan_name_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end_year__gte=models.F("period_start_year")),
                name="plan_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def level_name(self, level: int) -> str:
        names = list(self.level_names or [])
        return names[level] if 0 <= level < len(names) else _("Nivå %(n)d") % {"n": level + 1}


class GoalKind(models.TextChoices):
    BUSINESS = "verksamhetsmal", _("Verksamhetsmål (mäts centralt)")
    ADMINISTRATION = "forvaltningsmal", _("Förvaltningsmål (fördelas)")


class GoalStatus(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Ingen bedömning")
    ON_TRACK = "on_track", _("I fas")
    AT_RISK = "at_risk", _("Risk")
    OFF_TRACK = "off_track", _("Ej i fas")
    ACHIEVED = "achieved", _("Uppnått")


class Goal(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("kod"), max_length=50)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    level = models.PositiveSmallIntegerField(_("nivå"), default=0)
    kind = models.CharField(
        _("typ"), max_length=20, choices=GoalKind.choices, default=GoalKind.ADMINISTRATION
    )
    deadline = models.DateField(_("senast"), null=True, blank=True)
    agenda2030_targets = models.ManyToManyField(
        Agenda2030Target, blank=True, related_name="goals", verbose_name=_("Agenda 2030-delmål")
    )
    quality_objectives = models.ManyToManyField(
        QualityObjective, blank=True, related_name="goals", verbose_name=_("miljökvalitetsmål")
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="goals", verbose_name=_("indikatorer")
    )
    supports_paris_agreement = models.BooleanField(_("bidrar till Parisavtalet"), default=False)
    regional_strategies = models.TextField(_("regionala strategier"), blank=True)
    status_override = models.CharField(
        _("manuell status"), max_length=20, choices=GoalStatus.choices, blank=True
    )
    status_override_reason = models.TextField(_("motivering"), blank=True)
    ended_on = models.DateField(
        _("avslutat"),
        null=True,
        blank=True,
        help_text=_("Ett avslutat mål finns kvar i historiken och rapporterna men fördelas inte."),
    )
    history = HistoricalRecords(m2m_fields=[agenda2030_targets, quality_objectives])

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="goal_code_unique_in_plan")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_distributed(self) -> bool:
        return self.kind == GoalKind.ADMINISTRATION

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None and self.ended_on <= datetime.date.today()


class Assignment(models.Model):
    """A goal has reached a node (fördelning). The root holds every goal of its plan implicitly;
    an assignment below needs one on the parent. A manager may mark a goal not applicable."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="assignments")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="goal_assignments")
    assigned_at = models.DateTimeField(_("fördelad"), default=timezone.now)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    not_applicable_reason = models.TextField(_("ej tillämpligt, motivering"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fördelning")
        verbose_name_plural = _("fördelningar")
        constraints = [models.UniqueConstraint(fields=["goal", "node"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.goal.code} → {self.node.code}"


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "ej_paborjad", _("Ej påbörjad")
    IN_PROGRESS = "pagar", _("Pågår")
    DONE = "genomford", _("Genomförd")
    CANCELLED = "avbruten", _("Avbruten")


EFFECT_UNITS = [
    ("t CO2e/år", "t CO2e/år"),
    ("kg CO2e/år", "kg CO2e/år"),
    ("MWh/år", "MWh/år"),
    ("kWh/år", "kWh/år"),
    ("kg", "kg"),
    ("t", "t"),
    ("st", "st"),
    ("%", "%"),
]


class Activity(models.Model):
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="activities")
    goals = models.ManyToManyField(Goal, related_name="activities", verbose_name=_("mål"))
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    start_on = models.DateField(_("start"), null=True, blank=True)
    end_on = models.DateField(_("slut"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.NOT_STARTED,
    )
    expected_effect_quantity = models.DecimalField(
        _("förväntad effekt"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    expected_effect_unit = models.CharField(
        _("enhet för effekten"), max_length=30, choices=EFFECT_UNITS, blank=True
    )
    cost_sek = models.DecimalField(
        _("kostnad (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    comment = models.TextField(_("kommentar"), blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["node__path", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(start_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="activity_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    CLOSED = "closed", _("Stängd")


class FollowUpRound(models.Model):
    """A follow-up round (Delår augusti 2024, Helår 2024); closing freezes a snapshot."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("namn"), max_length=200)
    deadline = models.DateField(_("sista dag"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_at = models.DateTimeField(_("öppnad"), default=timezone.now)
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)
    snapshot = models.JSONField(_("ögonblicksbild"), null=True, blank=True, editable=False)
    decision_proposal = models.TextField(_("förslag till beslut"), blank=True)
    signatories = models.TextField(
        _("i tjänsten"), blank=True, help_text=_("En befattning eller ett namn per rad.")
    )
    extract_to = models.TextField(
        _("utdrag till"), blank=True, help_text=_("En mottagare per rad.")
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("påminn automatiskt dagar före sista dag"), null=True, blank=True
    )
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="round_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < datetime.date.today()


class FollowUpEntry(models.Model):
    """A unit's report in a round: on one of its activities, or on a goal that reached it."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="entries")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="followup_entries")
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="entries"
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="entries"
    )
    status = models.CharField(_("status"), max_length=20)
    comment = models.TextField(_("kommentar"), blank=True)
    reported_at = models.DateTimeField(_("rapporterad"), default=timezone.now)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppföljningspost")
        verbose_name_plural = _("uppföljningsposter")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(activity__isnull=True) & models.Q(goal__isnull=False))
                | (models.Q(activity__isnull=False) & models.Q(goal__isnull=True)),
                name="entry_is_for_an_activity_or_a_goal",
            ),
            models.UniqueConstraint(
                fields=["round", "activity"],
                condition=models.Q(activity__isnull=False),
                name="entry_unique_per_activity",
            ),
            models.UniqueConstraint(
                fields=["round", "node", "goal"],
                condition=models.Q(goal__isnull=False),
                name="entry_unique_per_goal_and_node",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.activity or self.goal}"


class ReminderSent(models.Model):
    """A scheduled reminder of a round went out for `day` (the deadline less the round's days):
    one row per round and day, so a restarted worker never sends the same reminder twice."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("dag"))
    queued_at = models.DateTimeField(_("skickad"), default=timezone.now)
    recipients = models.JSONField(_("mottagare"), default=list, blank=True)

    class Meta:
        verbose_name = _("schemalagd påminnelse")
        verbose_name_plural = _("schemalagda påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["round", "day"], name="reminder_once_per_round_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.day.isoformat()}"


history_register("plan", Plan, _("plan"), lambda r: r.organisation, lambda r: r.name)
history_register(
    "mal", Goal, _("mål"), lambda r: r.plan.organisation, lambda r: f"{r.code} {r.title}"
)
history_register("aktivitet", Activity, _("aktivitet"), lambda r: r.node, lambda r: r.title)
