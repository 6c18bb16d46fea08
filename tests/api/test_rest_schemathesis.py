"""The OpenAPI document tells the truth: schemathesis (pinned 4.32.5) calls every operation of
/api/v1/schema/ against the WSGI application, with a service key and with a writer's personal
key, on made-up and on real ids, and finds no server error and no answer outside the schema."""

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nettonoll.api.rest.limits import PerCallerReadThrottle, PerCallerWriteThrottle
from nettonoll.indicators.models import Indicator
from nettonoll.plans.models import Activity, Plan
from nettonoll.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Calls through the WSGI application would close the database connection at the end of
    each request (and with it the test's transaction); Django's test client does the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _real_ids() -> dict[str, Any]:
    plan = Plan.objects.get(organisation__code="RJH", name="Miljömål 2023")
    return {
        "org_code": "RJH",
        "plan_id": plan.pk,
        "round_id": plan.rounds.get(name="Helår 2023").pk,
        "goal_id": plan.goals.get(code="M1").pk,
        "id": Activity.objects.get(title__startswith="Minskat svinn").pk,
        "indicator_id": Indicator.objects.filter(organisation__code="RJH").first().pk,  # type: ignore[union-attr]
        "node_code": "RS-SERV-KOST",
        "metric_key": "klimatbokslut.total",
    }


def _run_everything(raw_key: str, monkeypatch: pytest.MonkeyPatch, only: str = "") -> int:
    """Every operation (whose path contains `only`), each with bounded examples: the number
    of calls made; a failed check raises."""
    monkeypatch.setattr(PerCallerReadThrottle, "THROTTLE_RATES", {"api_read": None})
    monkeypatch.setattr(PerCallerWriteThrottle, "THROTTLE_RATES", {"api_write": None})
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    real = _real_ids()
    headers = {"Authorization": f"Bearer {raw_key}"}
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if only not in operation.path:
            continue

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(), use_real=st.booleans())
        def check(case: Any, use_real: bool) -> None:
            nonlocal calls
            if use_real and case.path_parameters:
                for name in case.path_parameters:
                    if name in real:
                        case.path_parameters[name] = real[name]
            response = case.call(headers=headers)
            calls += 1
            case.validate_response(response, checks=CHECKS, headers=headers)

        check()
    return calls


@pytest.fixture
def writer_key(personal_key: Callable[[str], str]) -> str:
    return personal_key("contributor")


def test_schemathesis_finds_nothing_with_a_service_key(
    service_key: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started = time.process_time()
    calls = _run_everything(service_key("RJH"), monkeypatch)
    assert calls > 100
    assert time.process_time() - started < 90  # CPU seconds: the run is bounded


def test_schemathesis_finds_nothing_with_a_writers_personal_key(
    writer_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = time.process_time()
    calls = _run_everything(writer_key, monkeypatch)
    assert calls > 100
    assert time.process_time() - started < 90  # CPU seconds: the run is bounded


def test_schemathesis_would_see_an_answer_outside_the_schema(
    service_key: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run above can fail: a klimatbokslut whose total is text is caught."""
    from nettonoll.api.rest import views_figures

    monkeypatch.setattr(
        views_figures, "klimatbokslut_summary", lambda node, year: {"total_t_co2e": "many"}
    )
    with pytest.raises(FailureGroup, match="distinct failures"):
        _run_everything(service_key("RJH"), monkeypatch, only="/klimatbokslut/")
