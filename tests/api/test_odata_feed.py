"""The OData v4 feed over Django's test client: CSDL $metadata, the Emissions rows summing to the
klimatbokslut, $filter/$orderby/$select/$top/$skip/$count against hand-computed answers, keyset
paging, OData errors in Swedish, and who may read (keys and sessions)."""

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

import pytest
from django.test import Client

from nettonoll.calc.categories import category_label
from nettonoll.emissions.summary import klimatbokslut_summary
from nettonoll.organisations.api_keys import (
    create_personal_key,
    create_service_key,
    key_from_raw,
    revoke_key,
)
from nettonoll.organisations.models import Organisation, Role, RoleGrant
from tests.api.odata_data import YEAR_SUMS, FeedData, make_feed_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
EDMX = "{http://docs.oasis-open.org/odata/ns/edmx}"
BASE = "/odata/v4/ODT/"


@pytest.fixture
def feed(demo: None) -> FeedData:
    return make_feed_data()


def get(feed: FeedData, path: str, **headers: Any) -> Any:
    response = Client().get(BASE + path, HTTP_X_API_KEY=feed.key, **headers)
    assert response["OData-Version"] == "4.0"
    return response


def values(feed: FeedData, query: str) -> list[dict[str, Any]]:
    response = get(feed, "Emissions?" + query)
    assert response.status_code == 200, response.content
    return response.json()["value"]  # type: ignore[no-any-return]


def test_metadata_is_csdl_xml_with_keys_types_and_nullability(feed: FeedData) -> None:
    response = get(feed, "$metadata")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own document)
    assert root.tag == f"{EDMX}Edmx" and root.get("Version") == "4.0"
    types = {t.get("Name"): t for t in root.iter(f"{EDM}EntityType")}
    container = next(root.iter(f"{EDM}EntityContainer"))
    sets = {s.get("Name"): s.get("EntityType") for s in container.iter(f"{EDM}EntitySet")}
    assert sets == {
        "Emissions": "Nettonoll.Emission",
        "Nodes": "Nettonoll.Node",
        "Goals": "Nettonoll.Goal",
        "Activities": "Nettonoll.Activity",
        "Indicators": "Nettonoll.Indicator",
        "IndicatorValues": "Nettonoll.IndicatorValue",
        "Metrics": "Nettonoll.Metric",
        "Budget": "Nettonoll.BudgetYear",
    }

    def props(type_name: str) -> dict[str, tuple[str, str]]:
        return {
            p.get("Name", ""): (p.get("Type", ""), p.get("Nullable", ""))
            for p in types[type_name].iter(f"{EDM}Property")
        }

    emission = props("Emission")
    assert emission["year"] == ("Edm.Int32", "false")
    assert emission["t_co2e"] == ("Edm.Double", "false")
    assert emission["scope3_category"] == ("Edm.Int32", "true")
    assert emission["is_preliminary"] == ("Edm.Boolean", "false")
    assert {
        "node_code",
        "node_name",
        "scope",
        "category_code",
        "category_label",
        "factor_set_version",
    } <= set(emission)
    key = types["Emission"].find(f"{EDM}Key/{EDM}PropertyRef")
    assert key is not None and key.get("Name") == "id"
    assert {"metric_key", "node_code", "year", "value", "unit"} <= set(props("Metric"))
    assert set(props("BudgetYear")) == {"year", "pathway_t", "actual_t", "trend_t"}
    budget_key = types["BudgetYear"].find(f"{EDM}Key/{EDM}PropertyRef")
    assert budget_key is not None and budget_key.get("Name") == "year"


def test_service_document_lists_every_set_with_its_context(feed: FeedData) -> None:
    data = get(feed, "").json()
    assert data["@odata.context"] == "http://testserver/odata/v4/ODT/$metadata"
    assert [s["name"] for s in data["value"]][:2] == ["Emissions", "Nodes"]
    assert {s["kind"] for s in data["value"]} == {"EntitySet"}


def test_emissions_sum_per_year_to_the_klimatbokslut_with_swedish_labels(feed: FeedData) -> None:
    rows = values(feed, "")
    per_year: dict[int, float] = defaultdict(float)
    for row in rows:
        per_year[row["year"]] += row["t_co2e"]
    assert dict(per_year) == YEAR_SUMS
    summary = klimatbokslut_summary(feed.root)
    assert {int(y): t for y, t in summary["by_year"].items()} == YEAR_SUMS
    diesel = next(r for r in rows if r["category_code"] == "fuel.diesel")
    assert diesel["category_label"] == category_label("fuel.diesel") != "fuel.diesel"
    reported = [r for r in rows if r["is_reported"]]
    assert {(r["year"], r["node_code"], r["t_co2e"]) for r in reported} == {
        (2020, "ODT", 100.0),
        (2020, "ODT", 50.0),
    }
    assert all(r["id"] < 0 for r in reported)
    assert {r["year"] for r in rows if r["is_preliminary"]} == {2023}
    assert {r["id"] for r in rows if not r["is_reported"]} == set(feed.result_ids)


@pytest.mark.parametrize(
    ("filter_", "expected_t"),
    [
        ("year eq 2022", [10.0, 2.5]),
        ("scope ne 1 and year ge 2022", [2.5, 7.0, 1.25]),
        ("scope3_category eq null", [10.0, 7.0, 100.0, 50.0]),
        ("not (t_co2e lt 7) or node_code eq 'ODT-A'", [10.0, 2.5, 7.0, 100.0, 50.0]),
        ("(year eq 2020 or year eq 2023) and scope eq 3", [50.0, 1.25]),
        ("is_preliminary eq true", [7.0, 1.25]),
        ("category_code eq null", [100.0]),
        ("scope3_category gt 3", [1.25]),
        ("category_label eq 'Diesel (med låginblandning)'", [10.0, 2.5]),
        ("factor_set_version eq 1 and t_co2e le 2.5", [2.5, 1.25]),
    ],
)
def test_filter_gives_the_hand_computed_rows(
    feed: FeedData, filter_: str, expected_t: list[float]
) -> None:
    assert sorted(r["t_co2e"] for r in values(feed, "$filter=" + filter_)) == sorted(expected_t)
    counted = get(feed, "Emissions/$count?$filter=" + filter_)
    assert counted["Content-Type"].startswith("text/plain")
    assert int(counted.content) == len(expected_t)


def test_orderby_top_skip_and_select(feed: FeedData) -> None:
    ordered = values(feed, "$orderby=t_co2e desc&$top=2&$skip=1")
    assert [r["t_co2e"] for r in ordered] == [50.0, 10.0]
    by_year = values(feed, "$orderby=year desc,scope3_category,t_co2e&$select=year,t_co2e")
    assert [(r["year"], r["t_co2e"]) for r in by_year] == [
        (2023, 7.0), (2023, 1.25), (2022, 10.0), (2022, 2.5), (2020, 50.0), (2020, 100.0)
    ]  # fmt: skip
    assert set(by_year[0]) == {"year", "t_co2e"}
    response = get(feed, "Emissions?$select=year,t_co2e&$count=true")
    assert response.json()["@odata.context"].endswith("/$metadata#Emissions(year,t_co2e)")
    assert response.json()["@odata.count"] == 6


def walk(feed: FeedData, url: str, page_size: int) -> tuple[list[dict[str, Any]], int]:
    rows: list[dict[str, Any]] = []
    pages = 0
    while url:
        response = Client().get(
            url, HTTP_X_API_KEY=feed.key, HTTP_PREFER=f"odata.maxpagesize={page_size}"
        )
        data = response.json()
        assert len(data["value"]) <= page_size
        assert response["Preference-Applied"] == f"odata.maxpagesize={page_size}"
        rows += data["value"]
        pages += 1
        url = data.get("@odata.nextLink", "").replace("http://testserver", "")
        assert "$skip=" not in url  # keyset tokens, never offsets
    return rows, pages


def test_server_driven_paging_follows_keyset_tokens_in_every_order(feed: FeedData) -> None:
    everything = values(feed, "")
    rows, pages = walk(feed, BASE + "Emissions", 2)
    assert rows == everything and pages == 3
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    rows, _pages = walk(feed, BASE + "Emissions?$orderby=scope3_category desc,t_co2e", 4)
    assert [(r["scope3_category"], r["t_co2e"]) for r in rows] == [
        (6, 1.25), (3, 2.5), (None, 7.0), (None, 10.0), (None, 50.0), (None, 100.0)
    ]  # fmt: skip
    rows, _pages = walk(feed, BASE + "Emissions?$top=3&$filter=year ne 2020", 2)
    assert [r["t_co2e"] for r in rows] == [10.0, 2.5, 7.0]


def test_python_computed_sets_page_too(feed: FeedData) -> None:
    budget = get(feed, "Budget").json()["value"]
    assert [b["actual_t"] for b in budget if b["actual_t"] is not None][:2] == [150.0, 12.5]
    nodes, _pages = walk(feed, BASE + "Nodes?$orderby=code desc&$select=code,parent_code", 2)
    assert nodes == [
        {"code": "ODT-B", "parent_code": "ODT"},
        {"code": "ODT-A", "parent_code": "ODT"},
        {"code": "ODT", "parent_code": None},
    ]
    metrics, _pages = walk(feed, BASE + "Metrics?$filter=metric_key eq 'klimatbokslut.total'", 2)
    total = {(m["node_code"], m["year"]): m["value"] for m in metrics}
    assert total[("ODT", 2020)] == 150.0 and total[("ODT-B", 2023)] == 8.25


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("Emissions?$filter=colour eq 1", 400, "Egenskapen ”colour” finns inte"),
        ("Emissions?$filter=year eq 'x'", 400, "passar inte egenskapen ”year”"),
        ("Emissions?$orderby=year up", 400, "går inte att tolka"),
        ("Emissions?$select=year,colour", 400, "”colour” finns inte"),
        ("Emissions?$expand=node", 400, "$expand stöds inte"),
        ("Emissions?$top=-1", 400, "heltal"),
        ("Emissions?$skiptoken=garbage", 400, "$skiptoken är ogiltig"),
        ("Utsläpp", 404, "Mängden ”Utsläpp” finns inte"),
    ],
)
def test_errors_are_odata_json_in_swedish(
    feed: FeedData, query: str, status: int, says: str
) -> None:
    response = get(feed, query)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == str(status) and says in error["message"]


def test_keys_in_every_form_power_bi_sends_and_their_refusals(feed: FeedData) -> None:
    client = Client()
    assert client.get(BASE + "Emissions?api_key=" + feed.key).status_code == 200
    assert client.get(BASE, HTTP_AUTHORIZATION="Bearer " + feed.key).status_code == 200
    anonymous = client.get(BASE + "Emissions")
    assert anonymous.status_code == 401 and "WWW-Authenticate" in anonymous
    assert "API-nyckel" in anonymous.json()["error"]["message"]
    assert client.get(BASE + "$metadata").status_code == 401  # $metadata needs the key too
    assert client.get(BASE, HTTP_X_API_KEY="nn_not-a-key").status_code == 401
    _other, other_raw = create_service_key(Organisation.objects.get(code="RJH"), "Annan")
    assert client.get(BASE + "Emissions", HTTP_X_API_KEY=other_raw).status_code == 404
    assert client.get(BASE + "$metadata", HTTP_X_API_KEY=other_raw).status_code == 404
    key = key_from_raw(feed.key)
    assert key is not None and revoke_key(key)
    revoked = client.get(BASE + "Emissions", HTTP_X_API_KEY=feed.key)
    assert revoked.status_code == 401 and "återkallad" in revoked.json()["error"]["message"]


def test_a_personal_key_reads_its_users_subtree_only(feed: FeedData) -> None:
    user = UserFactory()
    RoleGrant.objects.create(user=user, node=feed.a, role=Role.READER)
    _key, raw = create_personal_key(user, "Min BI")
    client = Client()
    rows = client.get(BASE + "Emissions", HTTP_X_API_KEY=raw).json()["value"]
    assert {r["node_code"] for r in rows} == {"ODT-A"}  # no reported totals: they are the root's
    assert sorted(r["t_co2e"] for r in rows) == [2.5, 10.0]
    nodes = client.get(BASE + "Nodes", HTTP_X_API_KEY=raw).json()["value"]
    assert [n["code"] for n in nodes] == ["ODT-A"]
    assert client.get(BASE + "Budget", HTTP_X_API_KEY=raw).json()["value"] == []
    stranger = UserFactory()
    _key, stranger_raw = create_personal_key(stranger, "BI")
    assert client.get(BASE, HTTP_X_API_KEY=stranger_raw).status_code == 404


def test_a_logged_in_session_reads_what_its_pages_show(client_as: Any) -> None:
    assert client_as("manager").get("/odata/v4/RJH/Emissions?$top=1").status_code == 200
    assert client_as("outsider").get("/odata/v4/RJH/Emissions").status_code == 404
    assert client_as("anonymous").get("/odata/v4/RJH/Emissions").status_code == 401
