"""Writes through the API go through the web's services: the same validation and Swedish
messages (400), the same refusal of a stale `version` (409 with what was saved), the same
roles; and a personal key's writes are recorded for its user."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.indicators.models import Indicator, IndicatorValue
from nettonoll.plans.models import Activity, FollowUpEntry, Plan

pytestmark = pytest.mark.django_db

Make = Callable[[str], str]
Bearer = Callable[[str], Client]
JSON = "application/json"


def _activity() -> Activity:
    return Activity.objects.get(title__startswith="Minskat svinn")


def test_a_contributor_creates_an_activity_on_their_unit(
    personal_key: Make, bearer: Bearer
) -> None:
    client = bearer(personal_key("contributor"))
    goal = _activity().goals.first()
    assert goal is not None
    body = {"node_code": "RS-SERV-KOST", "goal_ids": [goal.pk], "title": "Vegetariska måndagar"}
    response = client.post("/api/v1/organisations/RJH/activities/", body, content_type=JSON)
    assert response.status_code == 201, response.json()
    created = Activity.objects.get(pk=response.json()["id"])
    assert created.title == "Vegetariska måndagar" and created.created_by is not None
    assert created.created_by.username == "medarbetare"
    elsewhere = body | {"node_code": "RS-SERV-FORD"}
    refused = client.post("/api/v1/organisations/RJH/activities/", elsewhere, content_type=JSON)
    assert refused.status_code == 404  # the contributor cannot see the vehicle unit


def test_the_services_rules_answer_400_in_swedish(personal_key: Make, bearer: Bearer) -> None:
    client = bearer(personal_key("contributor"))
    activity = _activity()
    path = f"/api/v1/organisations/RJH/activities/{activity.pk}/"
    body = {"start_on": "2025-05-01", "end_on": "2025-01-01", "version": activity.version}
    response = client.patch(path, body, content_type=JSON)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Slutdatum kan inte ligga före startdatum."]}
    effect = {"expected_effect_quantity": 5, "version": activity.version}
    response = client.patch(path, effect, content_type=JSON)
    assert response.json()["non_field_errors"] == ["Ange enheten för den förväntade effekten."]
    missing = client.patch(path, {"title": "x"}, content_type=JSON)
    assert missing.status_code == 400 and "version" in missing.json()


def test_a_stale_version_answers_409_with_what_was_saved(
    personal_key: Make, bearer: Bearer
) -> None:
    client = bearer(personal_key("contributor"))
    activity = _activity()
    path = f"/api/v1/organisations/RJH/activities/{activity.pk}/"
    seen = client.get(path).json()["version"]
    first = client.patch(path, {"status": "pagar", "version": seen}, content_type=JSON)
    assert first.status_code == 200 and first.json()["version"] == seen + 1
    second = client.patch(path, {"title": "Min ändring", "version": seen}, content_type=JSON)
    assert second.status_code == 409
    assert "Någon annan har sparat aktiviteten" in second.json()["detail"]
    assert second.json()["current"]["status"] == "pagar"
    assert Activity.objects.get(pk=activity.pk).title == activity.title


def test_follow_up_entries_are_reported_once_per_version(
    personal_key: Make, bearer: Bearer
) -> None:
    client = bearer(personal_key("contributor"))
    plan = Plan.objects.get(organisation__code="RJH", name="Miljömål 2023")
    round_ = plan.rounds.filter(status="open").first() or plan.rounds.first()
    assert round_ is not None
    round_.status = "open"
    round_.save()
    activity = _activity()
    FollowUpEntry.objects.filter(round=round_, activity=activity).delete()
    path = f"/api/v1/organisations/RJH/plans/{plan.pk}/rounds/{round_.pk}/entries/"
    body = {
        "node_code": "RS-SERV-KOST",
        "activity_id": activity.pk,
        "status": "genomford",
        "comment": "Klart.",
    }
    first = client.post(path, body, content_type=JSON)
    assert first.status_code == 201, first.json()
    assert first.json()["version"] == 1
    again = client.post(path, body, content_type=JSON)  # still claims there was no report
    assert again.status_code == 409
    assert again.json()["current"]["comment"] == "Klart."
    assert client.post(path, body | {"version": 1}, content_type=JSON).status_code == 201
    reader = bearer(personal_key("reader"))
    assert reader.post(path, body | {"version": 2}, content_type=JSON).status_code == 403
    round_.status = "closed"
    round_.save()
    closed = client.post(path, body | {"version": 2}, content_type=JSON)
    assert closed.status_code == 403


def test_a_manager_enters_an_indicator_value_and_a_stale_one_is_refused(
    personal_key: Make, bearer: Bearer
) -> None:
    indicator = Indicator.objects.filter(organisation__code="RJH", metric_key="").first()
    assert indicator is not None
    IndicatorValue.objects.filter(indicator=indicator, year=2031).delete()
    path = f"/api/v1/organisations/RJH/indicators/{indicator.pk}/values/"
    body = {"node_code": "RS-SERV", "year": 2031, "value": 12.5, "version": 0}
    contributor = bearer(personal_key("contributor"))
    assert contributor.post(path, body, content_type=JSON).status_code == 404
    reader = bearer(personal_key("reader"))
    assert reader.post(path, body, content_type=JSON).status_code == 403
    manager = bearer(personal_key("manager"))
    created = manager.post(path, body, content_type=JSON)
    assert created.status_code == 201, created.json()
    assert created.json()["value"] == 12.5
    stale = manager.post(path, body | {"value": 13}, content_type=JSON)
    assert stale.status_code == 409
    assert stale.json()["current"]["value"] == 12.5
    corrected = manager.post(path, body | {"value": 13, "version": 1}, content_type=JSON)
    assert corrected.status_code == 201 and corrected.json()["version"] == 2
    bad_year = manager.post(path, body | {"year": 1800}, content_type=JSON)
    assert bad_year.status_code == 400 and "year" in bad_year.json()
