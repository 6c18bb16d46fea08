"""An independent OData v4 client (python-odata 0.8.1, not our code) reads the feed over real HTTP:
it reflects the entity types from $metadata, walks every entity set through @odata.nextLink with a
small page size, and the emissions it sums per year equal the klimatbokslut's figures; $count
equals the rows walked.

python-odata sends no `Prefer: odata.maxpagesize` and reads only a few Edm types (Edm.Double and
Edm.Date come back as they are in the JSON), so the page size is set by the server setting here
and numbers are read with float()."""

from collections import defaultdict
from typing import Any

import pytest
import requests
from odata import ODataService

from nettonoll.api.odata.schema import ENTITY_TYPES
from nettonoll.emissions.summary import klimatbokslut_summary
from tests.api.odata_data import YEAR_SUMS, FeedData, make_feed_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def feed(demo: None, settings: Any) -> FeedData:
    settings.NETTONOLL_ODATA_PAGE_SIZE = 2
    return make_feed_data()


def test_an_independent_client_walks_every_set_and_sums_the_klimatbokslut(
    live_server: Any, feed: FeedData
) -> None:
    url = f"{live_server.url}/odata/v4/ODT/"
    session = requests.Session()
    session.headers["X-API-Key"] = feed.key
    pages: list[str] = []
    session.hooks["response"].append(lambda r, *a, **k: pages.append(r.url))
    service = ODataService(url, reflect_entities=True, session=session, quiet_progress=True)
    assert set(service.entities) == set(ENTITY_TYPES)
    walked: dict[str, list[Any]] = {}
    for entity in ENTITY_TYPES.values():
        reflected = service.entities[entity.set_name]
        walked[entity.set_name] = list(service.query(reflected))
        counted = session.get(url + entity.set_name + "/$count")
        assert counted.status_code == 200
        assert int(counted.text) == len(walked[entity.set_name]), entity.set_name
    assert sum("skiptoken" in p for p in pages) >= 3  # the client followed nextLink pages
    per_year: dict[int, float] = defaultdict(float)
    for row in walked["Emissions"]:
        per_year[int(row.year)] += float(row.t_co2e)
    summary = klimatbokslut_summary(feed.root)
    assert dict(per_year) == {int(y): t for y, t in summary["by_year"].items()} == YEAR_SUMS
    assert len(walked["Emissions"]) == 6 and len(walked["Nodes"]) == 3
    assert {row.category_label for row in walked["Emissions"]} >= {"Diesel (med låginblandning)"}


def test_the_client_is_refused_without_a_key(live_server: Any, feed: FeedData) -> None:
    response = requests.get(f"{live_server.url}/odata/v4/ODT/Emissions", timeout=30)
    assert response.status_code == 401
    assert response.headers["OData-Version"] == "4.0"
    assert "API-nyckel" in response.json()["error"]["message"]
