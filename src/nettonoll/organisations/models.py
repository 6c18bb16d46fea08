"""Organisations, their tree of nodes (region → förvaltning → avdelning → enhet), role grants and
reorganisations with an old → new mapping."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from nettonoll.common.records import Versioned, history_register


class Level(models.TextChoices):
    REGION = "region", _("Region")
    ADMINISTRATION = "administration", _("Förvaltning")
    DEPARTMENT = "department", _("Avdelning")
    UNIT = "unit", _("Enhet")


LEVEL_RANK = {Level.REGION: 0, Level.ADMINISTRATION: 1, Level.DEPARTMENT: 2, Level.UNIT: 3}


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administratör")
    STRATEGIST = "strategist", _("Miljöstrateg")
    MANAGER = "manager", _("Chef")
    CONTRIBUTOR = "contributor", _("Medarbetare")
    READER = "reader", _("Läsare")


ROLE_RANK = {
    Role.READER: 1,
    Role.CONTRIBUTOR: 2,
    Role.MANAGER: 3,
    Role.STRATEGIST: 4,
    Role.ADMINISTRATOR: 5,
}


class Organisation(models.Model):  # type: ignore[django-manager-missing]
    """A region (or municipality) with its own tree; an installation holds several."""

    code = models.CharField(_("kod"), max_length=50, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    county_code = models.CharField(
        _("län"),
        max_length=2,
        blank=True,
        help_text=_("SCB:s länskod där organisationen verkar, t.ex. 23 för Jämtlands län"),
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Node(MP_Node):
    """A node of an organisation's tree. Ended nodes stay, with `valid_to`, for history."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="nodes", verbose_name=_("organisation")
    )
    code = models.CharField(_("kod"), max_length=50)
    name = models.CharField(_("namn"), max_length=200)
    level = models.CharField(_("nivå"), max_length=20, choices=Level.choices)
    valid_from = models.DateField(_("giltig från"), default=datetime.date.today)
    valid_to = models.DateField(_("giltig till"), null=True, blank=True)
    history = HistoricalRecords()

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("organisationsenhet")
        verbose_name_plural = _("organisationsenheter")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="node_code_unique_in_org"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="node_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_active(self) -> bool:
        return self.valid_to is None or self.valid_to > datetime.date.today()

    @property
    def level_rank(self) -> int:
        return LEVEL_RANK[Level(self.level)]


class RoleGrant(Versioned):
    """A role for a user on a node, valid for the node's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("användare"),
    )
    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("nod")
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("tilldelad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        constraints = [
            models.UniqueConstraint(fields=["user", "node", "role"], name="role_grant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.node}"


class Headcount(Versioned):
    """Employees of a node in a year (annual average, full-time equivalents where the HR system
    gives them): the denominator of per-employee figures."""

    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, related_name="headcounts", verbose_name=_("nod")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    employees = models.PositiveIntegerField(_("anställda"))
    source = models.CharField(_("källa"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antal anställda")
        verbose_name_plural = _("antal anställda")
        ordering = ["node__path", "year"]
        constraints = [models.UniqueConstraint(fields=["node", "year"], name="headcount_unique")]

    def __str__(self) -> str:
        return f"{self.node} {self.year}: {self.employees}"


class ReorganisationKind(models.TextChoices):
    CREATE = "create", _("Ny enhet")
    MOVE = "move", _("Flytt")
    MERGE = "merge", _("Sammanslagning")
    SPLIT = "split", _("Delning")
    RENAME = "rename", _("Namnbyte")
    END = "end", _("Avveckling")
    IMPORT = "import", _("Import")


class Reorganisation(models.Model):
    """One structural change of a tree, with the old → new mapping in NodeMapping."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reorganisations"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=ReorganisationKind.choices)
    effective_on = models.DateField(_("gäller från"))
    description = models.TextField(_("beskrivning"))
    created_at = models.DateTimeField(_("registrerad"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # what followed the mapping: {"moved": {new code: {carrier: n}}, "kept": ["…", …]}
    carried = models.JSONField(_("flyttat"), default=dict, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("omorganisation")
        verbose_name_plural = _("omorganisationer")
        ordering = ["-effective_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on}: {self.description}"


class NodeMapping(models.Model):
    """Old node → new node: goals, activities and figures of `old` now belong to `new`."""

    reorganisation = models.ForeignKey(
        Reorganisation, on_delete=models.CASCADE, related_name="mappings"
    )
    old_node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="successor_mappings")
    new_node = models.ForeignKey(
        Node, on_delete=models.CASCADE, related_name="predecessor_mappings"
    )

    class Meta:
        verbose_name = _("koppling gammal → ny")
        verbose_name_plural = _("kopplingar gammal → ny")
        constraints = [
            models.UniqueConstraint(
                fields=["reorganisation", "old_node", "new_node"], name="node_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_node} → {self.new_node}"


history_register("roll", RoleGrant, _("roll"), lambda r: r.node)
history_register(
    "anstallda",
    Headcount,
    _("antal anställda"),
    lambda r: r.node,
    lambda r: f"{r.node.name} {r.year}",
)


class ApiKeyKind(models.TextChoices):
    PERSONAL = "personal", _("Personlig nyckel")
    SERVICE = "service", _("Tjänstenyckel")


class ApiKey(models.Model):
    """A key for the API and the OData feed, stored as a SHA-256 hash (a key is 256 random bits,
    so a slow password hash adds nothing) and shown once when created. A personal key acts as its
    user with the user's roles; a service key reads one organisation, nothing else (decision 0017).
    """

    kind = models.CharField(_("typ"), max_length=10, choices=ApiKeyKind.choices)
    name = models.CharField(_("namn"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_keys",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="api_keys"
    )
    prefix = models.CharField(_("början av nyckeln"), max_length=12)
    key_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_on = models.DateField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_on"])

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="personal", user__isnull=False, organisation__isnull=True)
                    | models.Q(kind="service", user__isnull=True, organisation__isnull=False)
                ),
                name="api_key_personal_or_service",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
