"""The API's lists: pages (a default size and a maximum), django-filter filters, figures read
from the capabilities' selectors, rate limits per key (429 with Retry-After), and the OpenAPI
document with a documentation page that needs no internet."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.api.rest.limits import MAX_PAGE_SIZE, PAGE_SIZE, PerCallerReadThrottle
from nettonoll.emissions.summary import klimatbokslut_summary
from nettonoll.organisations.models import Node
from nettonoll.plans.models import Activity

pytestmark = pytest.mark.django_db

Make = Callable[[str], str]
Bearer = Callable[[str], Client]


def test_lists_come_in_pages_of_a_default_size_up_to_a_maximum(
    service_key: Make, bearer: Bearer
) -> None:
    client = bearer(service_key("RJH"))
    total = Node.objects.filter(organisation__code="RJH").count()
    assert total > 3
    first = client.get("/api/v1/organisations/RJH/nodes/?page_size=2").json()
    assert first["count"] == total and len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert {n["code"] for n in second["results"]}.isdisjoint(n["code"] for n in first["results"])
    default = client.get("/api/v1/organisations/RJH/nodes/").json()
    assert len(default["results"]) == min(total, PAGE_SIZE)
    huge = client.get("/api/v1/organisations/RJH/nodes/?page_size=100000").json()
    assert len(huge["results"]) == min(total, MAX_PAGE_SIZE)


def test_filters_narrow_the_lists(service_key: Make, bearer: Bearer) -> None:
    client = bearer(service_key("RJH"))
    kost = client.get("/api/v1/organisations/RJH/activities/?node=RS-SERV-KOST").json()
    expected = Activity.objects.filter(node__organisation__code="RJH", node__code="RS-SERV-KOST")
    assert kost["count"] == expected.count() > 0
    assert {a["node_code"] for a in kost["results"]} == {"RS-SERV-KOST"}
    done = client.get("/api/v1/organisations/RJH/activities/?status=genomford").json()
    assert all(a["status"] == "genomford" for a in done["results"])
    under = client.get("/api/v1/organisations/RJH/nodes/?under=RS-SERV&page_size=500").json()
    assert under["results"] and all(n["code"].startswith("RS-SERV") for n in under["results"])
    wrong = client.get("/api/v1/organisations/RJH/activities/?status=nope")
    assert wrong.status_code == 400 and "status" in wrong.json()


def test_the_klimatbokslut_is_the_summary_the_pages_use(service_key: Make, bearer: Bearer) -> None:
    client = bearer(service_key("RJH"))
    root = Node.objects.get(organisation__code="RJH", depth=1)
    answer = client.get("/api/v1/organisations/RJH/klimatbokslut/").json()
    summary = klimatbokslut_summary(root)
    for key in ("year", "total_t_co2e", "by_year", "by_scope", "by_category", "by_org_unit"):
        assert answer[key] == summary[key], key
    assert answer["total_t_co2e"] > 0
    year = min(int(y) for y in summary["by_year"])
    older = client.get(f"/api/v1/organisations/RJH/klimatbokslut/?year={year}").json()
    assert older["year"] == year and older["total_t_co2e"] == summary["by_year"][str(year)]


def test_too_many_calls_answer_429_with_retry_after(
    service_key: Make, bearer: Bearer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PerCallerReadThrottle, "THROTTLE_RATES", {"api_read": "2/min"})
    client, other = bearer(service_key("RJH")), bearer(service_key("RST"))
    for _ in range(2):
        assert client.get("/api/v1/organisations/").status_code == 200
    refused = client.get("/api/v1/organisations/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert other.get("/api/v1/organisations/").status_code == 200  # counted per key


def test_the_schema_and_its_documentation_page_work_offline(client: Client) -> None:
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/organisations/{org_code}/activities/{id}/" in paths
    assert "bearerKey" in schema.json()["components"]["securitySchemes"]
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200 and "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
    assert "unsafe-inline" not in page.get("Content-Security-Policy", "")
