"""Middleware: 503 when the database is unreachable; Swedish first, English when chosen."""

import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views import defaults

UNAVAILABLE_PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8">
<title>Tillfälligt otillgänglig – Nettonoll</title></head>
<body><main><h1>Nettonoll är tillfälligt otillgänglig</h1>
<p>Databasen svarar inte just nu. Inget av det du sparat har gått förlorat.
Försök igen om en stund.</p>
<p lang="en">Nettonoll is temporarily unavailable: the database does not answer.
Nothing you saved is lost. Please try again shortly.</p></main></body></html>"""


def _unavailable() -> HttpResponse:
    for connection in connections.all():
        connection.close_if_unusable_or_obsolete()
    response = HttpResponse(UNAVAILABLE_PAGE, status=503)
    response["Retry-After"] = "30"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database error raised outside the view (a middleware saving the session,
    a connection or statement timeout while the response is made) is a 503 too."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return _unavailable()
    return defaults.server_error(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            return _unavailable()
        return None


class SwedishFirstLocaleMiddleware:
    """Swedish unless the user chose English with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Swedish public-sector
    service answers in Swedish first, whatever language the browser was installed in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
