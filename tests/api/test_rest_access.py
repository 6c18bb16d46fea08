"""Who may call the REST API and what they see: bearer keys (personal, service), revoked and
unknown keys, anonymous callers, and the web's rule on every object (invisible → 404, a role too
weak → 403, a service key never writes)."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.organisations.api_keys import key_from_raw, revoke_key
from nettonoll.plans.models import Activity, Plan

pytestmark = pytest.mark.django_db

Make = Callable[[str], str]
Bearer = Callable[[str], Client]


def test_anonymous_gets_401_with_a_bearer_challenge(demo: None) -> None:
    response = Client().get("/api/v1/organisations/RJH/nodes/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_unknown_or_revoked_key_gets_401(personal_key: Make, bearer: Bearer) -> None:
    raw = personal_key("reader")
    assert bearer(raw).get("/api/v1/organisations/").status_code == 200
    key = key_from_raw(raw)
    assert key is not None
    revoke_key(key)
    response = bearer(raw).get("/api/v1/organisations/")
    assert response.status_code == 401
    assert "återkallad" in response.json()["detail"]
    assert bearer("nn_" + "x" * 43).get("/api/v1/organisations/").status_code == 401


def test_a_personal_key_sees_what_its_user_sees(personal_key: Make, bearer: Bearer) -> None:
    contributor = bearer(personal_key("contributor"))
    codes = [
        n["code"] for n in contributor.get("/api/v1/organisations/RJH/nodes/").json()["results"]
    ]
    assert codes and all(c.startswith("RS-SERV-KOST") for c in codes)
    assert contributor.get("/api/v1/organisations/RJH/nodes/RS/").status_code == 404
    reader = bearer(personal_key("reader"))
    all_codes = [
        n["code"]
        for n in reader.get("/api/v1/organisations/RJH/nodes/?page_size=500").json()["results"]
    ]
    assert "RS" in all_codes and "RS-SERV-KOST" in all_codes


def test_an_outsider_gets_404_for_another_organisation(personal_key: Make, bearer: Bearer) -> None:
    outsider = bearer(personal_key("outsider"))
    plan = Plan.objects.get(organisation__code="RJH", name="Miljömål 2023")
    for path in (
        "/api/v1/organisations/RJH/",
        "/api/v1/organisations/RJH/nodes/",
        f"/api/v1/organisations/RJH/plans/{plan.pk}/goals/",
        "/api/v1/organisations/RJH/klimatbokslut/",
        "/api/v1/organisations/RJH/registers/vehicles/",
    ):
        assert outsider.get(path).status_code == 404, path
    orgs = [o["code"] for o in outsider.get("/api/v1/organisations/").json()["results"]]
    assert "RJH" not in orgs


def test_a_service_key_reads_its_organisation_and_writes_nothing(
    service_key: Make, bearer: Bearer
) -> None:
    client = bearer(service_key("RJH"))
    assert client.get("/api/v1/organisations/RJH/nodes/").status_code == 200
    assert client.get("/api/v1/organisations/RST/").status_code == 404
    activity = Activity.objects.get(title__startswith="Minskat svinn")
    path = f"/api/v1/organisations/RJH/activities/{activity.pk}/"
    response = client.patch(path, {"title": "x", "version": 1}, content_type="application/json")
    assert response.status_code == 403
    assert "tjänstenyckel" in response.json()["detail"]
    assert (
        client.post(
            "/api/v1/organisations/RJH/activities/", {}, content_type="application/json"
        ).status_code
        == 403
    )


def test_a_reader_cannot_write_an_activity(personal_key: Make, bearer: Bearer) -> None:
    reader = bearer(personal_key("reader"))
    activity = Activity.objects.get(title__startswith="Minskat svinn")
    path = f"/api/v1/organisations/RJH/activities/{activity.pk}/"
    assert reader.get(path).status_code == 200
    response = reader.patch(
        path, {"title": "Nytt", "version": activity.version}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "medarbetare" in response.json()["detail"]


def test_a_logged_in_session_reads_the_api(client_as: Callable[[str], Client]) -> None:
    response = client_as("manager").get("/api/v1/organisations/RJH/activities/")
    assert response.status_code == 200
    nodes = {a["node_code"] for a in response.json()["results"]}
    assert nodes and all(code.startswith("RS-SERV") for code in nodes)
