"""API keys: created (shown once), revoked, and turned back into an access on each request.

A personal key acts as its user, with the user's role grants (`Access(user)`); a service key reads
one organisation's whole tree and writes nothing (`ServiceAccess`). Keys are `nn_` + 43 URL-safe
characters (256 random bits) and stored only as a SHA-256 hash (decision 0017)."""

import hashlib
import secrets

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.organisations.access import NOT_VISIBLE, Access
from nettonoll.organisations.models import (
    ROLE_RANK,
    ApiKey,
    ApiKeyKind,
    Node,
    Organisation,
    Role,
)

KEY_PREFIX = "nn_"


class ApiKeyError(ValueError):
    """A key that cannot be created or revoked, with a Swedish message."""


class ServiceAccess(Access):
    """What a service key may do: read every node of its organisation, nothing else."""

    def __init__(self, organisation: Organisation) -> None:
        super().__init__(None)
        self.key_organisation = organisation

    @property
    def is_service(self) -> bool:
        return True

    def rank(self, node: Node) -> int:
        if node.organisation_id == self.key_organisation.pk:
            return ROLE_RANK[Role.READER]
        return 0

    def organisation(self, org_code: str) -> Organisation:
        if org_code != self.key_organisation.code:
            raise Http404(_(NOT_VISIBLE))
        return self.key_organisation

    def home_node(self) -> Node | None:
        return None


def _hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def _new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def create_service_key(
    organisation: Organisation, name: str, by: User | None = None
) -> tuple[ApiKey, str]:
    """A new read-only service key for the organisation; the raw key is returned once."""
    name = name.strip()
    if not name:
        raise ApiKeyError(_("Ge nyckeln ett namn, till exempel vad den används till."))
    if ApiKey.objects.filter(
        organisation=organisation, name=name, revoked_at__isnull=True
    ).exists():
        raise ApiKeyError(
            _("Det finns redan en giltig tjänstenyckel med namnet ”%(name)s”.") % {"name": name}
        )
    raw = _new_key()
    key = ApiKey.objects.create(
        kind=ApiKeyKind.SERVICE,
        name=name,
        organisation=organisation,
        prefix=raw[: len(KEY_PREFIX) + 6],
        key_sha256=_hash(raw),
        created_by=by,
    )
    return key, raw


@transaction.atomic
def create_personal_key(user: User, name: str) -> tuple[ApiKey, str]:
    """A new personal key acting as the user; the raw key is returned once."""
    name = name.strip()
    if not name:
        raise ApiKeyError(_("Ge nyckeln ett namn, till exempel vad den används till."))
    if ApiKey.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        raise ApiKeyError(
            _("Du har redan en giltig nyckel med namnet ”%(name)s”.") % {"name": name}
        )
    raw = _new_key()
    key = ApiKey.objects.create(
        kind=ApiKeyKind.PERSONAL,
        name=name,
        user=user,
        prefix=raw[: len(KEY_PREFIX) + 6],
        key_sha256=_hash(raw),
        created_by=user,
    )
    return key, raw


def revoke_key(key: ApiKey) -> bool:
    """Revoke the key from now on (False: it was already revoked)."""
    return bool(
        ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    )


def key_from_raw(raw_key: str) -> ApiKey | None:
    """The active key a request presents (None: unknown, malformed or revoked)."""
    raw_key = raw_key.strip()
    if not raw_key.startswith(KEY_PREFIX) or len(raw_key) > 100:
        return None
    key = (
        ApiKey.objects.select_related("user", "organisation")
        .filter(key_sha256=_hash(raw_key), revoked_at__isnull=True)
        .first()
    )
    if key is None or (key.user is not None and not key.user.is_active):
        return None
    today = timezone.localdate()
    if key.last_used_on != today:  # one write a day at most, not one per request
        ApiKey.objects.filter(pk=key.pk).update(last_used_on=today)
        key.last_used_on = today
    return key


def access_for_key(key: ApiKey) -> Access:
    """A personal key acts as its user; a service key reads one organisation."""
    if key.kind == ApiKeyKind.SERVICE and key.organisation is not None:
        return ServiceAccess(key.organisation)
    return Access(key.user)


def keys_of_user(user: User) -> list[ApiKey]:
    return list(ApiKey.objects.filter(user=user).order_by("-created_at"))


def service_keys_of(organisation: Organisation) -> list[ApiKey]:
    return list(ApiKey.objects.filter(organisation=organisation).order_by("-created_at"))
