"""Pagination and rate limits of the API.

Pages: `?page=N&page_size=M` (50 by default, at most 500). Rate limits per key (a personal or
service key counts on its own) or per logged-in user: `NETTONOLL_API_RATE` (default 1200/min)
for reads, `NETTONOLL_API_WRITE_RATE` (default 120/min) for writes; over the limit: 429 with
`Retry-After` (seconds)."""

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from nettonoll.organisations.models import ApiKey

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class Pages(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


def _caller(request: Request) -> str | None:
    if isinstance(request.auth, ApiKey):
        return f"key-{request.auth.pk}"
    if request.user is not None and request.user.is_authenticated and request.user.pk:
        return f"user-{request.user.pk}"
    return None


class PerCallerReadThrottle(SimpleRateThrottle):
    """Reads per key or user (anonymous calls are refused before they count)."""

    scope = "api_read"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        caller = _caller(request)
        if caller is None or request.method not in ("GET", "HEAD", "OPTIONS"):
            return None
        return self.cache_format % {"scope": self.scope, "ident": caller}


class PerCallerWriteThrottle(SimpleRateThrottle):
    """Writes per key or user."""

    scope = "api_write"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        caller = _caller(request)
        if caller is None or request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        return self.cache_format % {"scope": self.scope, "ident": caller}
