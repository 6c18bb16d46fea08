"""A plain 503 when the database is unreachable; Swedish formats; security headers."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import formats, translation

from nettonoll.common.middleware import DatabaseUnavailableMiddleware


@pytest.mark.django_db
def test_an_unreachable_database_gives_a_plain_503_page() -> None:
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/")
    response = middleware.process_exception(request, OperationalError("connection refused"))
    assert response is not None and response.status_code == 503
    assert "tillfälligt otillgänglig" in response.content.decode()
    assert middleware.process_exception(request, ValueError("other")) is None


@pytest.mark.django_db
def test_a_database_error_outside_the_view_gives_the_503_page_too() -> None:
    """A timeout while a middleware saves the session is not a 500 with a traceback page."""
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=OperationalError("canceling statement due to statement timeout"),
    ):
        response = Client(raise_request_exception=False).get("/accounts/login/")
    assert response.status_code == 503
    assert "tillfälligt otillgänglig" in response.content.decode()
    assert response["Retry-After"] == "30"


def test_numbers_and_dates_in_swedish_format() -> None:
    with translation.override("sv"):
        assert formats.number_format(1234.5, 1, use_l10n=True, force_grouping=True) == "1\xa0234,5"
        assert formats.date_format(datetime.date(2024, 8, 31), "SHORT_DATE_FORMAT") == "2024-08-31"


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_and_no_framing() -> None:
    response = Client().get("/accounts/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Language"] == "sv"
