"""A 403 is logged as one line, without a traceback."""

import logging
import sys
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client

from nettonoll.common.logging import OneLineForRefusals

pytestmark = pytest.mark.django_db


def test_a_refused_request_is_one_log_line(
    client_as: Callable[[str], Client], caplog: pytest.LogCaptureFixture
) -> None:
    # the installation's console handler carries the filter; the test's capture uses the same one
    assert "one_line_refusals" in settings.LOGGING["handlers"]["console"]["filters"]
    caplog.handler.addFilter(OneLineForRefusals())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_as("reader").get("/org/RJH/plans/new/")
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), sys.exc_info())
    record.status_code = 500
    assert OneLineForRefusals().filter(record)
    assert record.exc_info is not None
