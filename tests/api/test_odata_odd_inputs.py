"""Odd query options never crash the OData feed: digits that are not ASCII, numbers too large for
the database, skiptokens with values of the wrong type, filters nested too deep, other methods.
Each answers an OData JSON error in Swedish with the OData-Version header. Also: the nodes' level
has its Swedish name beside the code."""

import base64
import json
from typing import Any

import pytest
from django.test import Client

from tests.api.odata_data import FeedData, make_feed_data

pytestmark = pytest.mark.django_db
BASE = "/odata/v4/ODT/"


@pytest.fixture
def feed(demo: None) -> FeedData:
    return make_feed_data()


def _token(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "query",
    [
        "Emissions?$top=²",
        "Emissions?$skip=١٢",
        "Emissions?$filter=year eq 99999999999999999999999",
        "Emissions?$filter=t_co2e gt 1e999",
        "Emissions?$filter=year eq ١٢",
        "Emissions?$filter=" + "not " * 2000 + "is_preliminary",
        "Emissions?$filter=" + "(" * 2000 + "year eq 1" + ")" * 2000,
        "Emissions?$skiptoken=" + _token(["x"]),
        "Emissions?$skiptoken=" + _token([{"a": 1}]),
        "Emissions?$skiptoken=" + _token([99999999999999999999999]),
        "Emissions?$orderby=year&$skiptoken=" + _token(["x", 1]),
        "Budget?$skiptoken=" + _token(["x"]),
        "Nodes?$orderby=valid_from&$skiptoken=" + _token([5, 1]),
    ],
)
def test_odd_query_options_answer_400_in_odata_form(feed: FeedData, query: str) -> None:
    response = Client().get(BASE + query, HTTP_X_API_KEY=feed.key)
    assert response.status_code == 400, response.content
    assert response["OData-Version"] == "4.0"
    assert response.json()["error"]["code"] == "400"


def test_a_skip_beyond_the_database_range_gives_an_empty_page(feed: FeedData) -> None:
    response = Client().get(
        BASE + "Emissions?$skip=99999999999999999999999&$top=99999999999999999999999",
        HTTP_X_API_KEY=feed.key,
    )
    assert response.status_code == 200
    assert response.json()["value"] == []


def test_an_odd_page_size_preference_is_ignored(feed: FeedData) -> None:
    response = Client().get(
        BASE + "Emissions", HTTP_X_API_KEY=feed.key, HTTP_PREFER="odata.maxpagesize=²"
    )
    assert response.status_code == 200
    assert "Preference-Applied" not in response


def test_a_write_method_answers_405_with_the_odata_header(feed: FeedData) -> None:
    response = Client().post(BASE + "Emissions", HTTP_X_API_KEY=feed.key)
    assert response.status_code == 405
    assert response["OData-Version"] == "4.0"
    assert "kan bara läsas" in response.json()["error"]["message"]


def test_nodes_carry_the_levels_swedish_name_beside_its_code(feed: FeedData) -> None:
    response = Client().get(
        BASE + "Nodes?$filter=level_label eq 'Region'&$select=code,level,level_label",
        HTTP_X_API_KEY=feed.key,
    )
    assert response.status_code == 200, response.content
    assert response.json()["value"] == [{"code": "ODT", "level": "region", "level_label": "Region"}]
