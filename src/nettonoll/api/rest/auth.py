"""Who calls the API: `Authorization: Bearer <key>` (personal or service key) or a logged-in
session (the browsable API). The key's access replaces the user's on the underlying request, so
`access_of(request)` answers for the key everywhere below."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from nettonoll.organisations.access import Access, access_of
from nettonoll.organisations.api_keys import access_for_key, key_from_raw
from nettonoll.organisations.models import ApiKey

SERVICE_READ_ONLY = _("En tjänstenyckel kan bara läsa. Använd en personlig nyckel för att ändra.")


class KeyUser:
    """What `request.user` is for a service key: authenticated, but no person."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_superuser = False
    is_staff = False
    pk = None
    id = None

    def __init__(self, key: ApiKey) -> None:
        self.key = key

    def __str__(self) -> str:
        return f"key:{self.key.prefix}"


class BearerKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer nn_…`: an active key, or 401."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiKey] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        parts = header.split()
        if not parts or parts[0].lower() != self.keyword.lower():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Ange nyckeln så här: Authorization: Bearer <nyckel>.")
            )
        key = key_from_raw(parts[1])
        if key is None:
            raise exceptions.AuthenticationFailed(_("Nyckeln är okänd eller återkallad."))
        access = access_for_key(key)
        django_request: HttpRequest = request._request
        django_request._nettonoll_access = access  # type: ignore[attr-defined]
        user = key.user if key.user is not None else KeyUser(key)
        return user, key

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class SessionWithAccessAuthentication(SessionAuthentication):
    """A logged-in user (the browsable API), with CSRF checked on writes as on the web."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is not None:
            django_request: HttpRequest = request._request
            django_request._nettonoll_access = Access(result[0])  # type: ignore[attr-defined]
        return result


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class KeyOrUserRequired(BasePermission):
    """Someone must be authenticated; a service key may only read."""

    message = _("Logga in eller skicka en API-nyckel: Authorization: Bearer <nyckel>.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method not in SAFE_METHODS and api_access(request).is_service:
            raise exceptions.PermissionDenied(SERVICE_READ_ONLY)
        return True


def api_access(request: Request) -> Access:
    """The caller's access: the key's, or the logged-in user's."""
    return access_of(request._request)


class BearerKeyScheme(OpenApiAuthenticationExtension):
    target_class = BearerKeyAuthentication
    name = "bearerKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Personlig nyckel eller tjänstenyckel (nn_…).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = SessionWithAccessAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
