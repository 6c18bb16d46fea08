"""Open data answers only what the organisation has published: an unknown organisation, a
table not published, and every format of it, are 404 for everyone, before and after publishing
and unpublishing (nettonoll.publication.services); the county's municipal emissions are public
figures for everyone; a logged-in visitor gets the same bytes."""

import json
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Organisation
from nettonoll.publication.services import publish, unpublish
from tests.publication.opendata_helpers import COUNTY, TABLES, every_url, listing_urls, table_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def jamtland(demo: None) -> Organisation:
    return Organisation.objects.get(code="RJH")


def statuses(urls: list[str]) -> dict[str, int]:
    client = Client()
    return {url: client.get(url).status_code for url in urls}


def test_nothing_published_is_404_for_every_url_and_format(jamtland: Organisation) -> None:
    assert set(statuses(every_url("RJH")).values()) == {404}
    assert set(statuses(listing_urls("RJH") + table_urls("RJH", COUNTY)).values()) == {200}
    listed = json.loads(Client().get("/offentlig/RJH/data/datapackage.json").content)
    assert [r["name"] for r in listed["resources"]] == [COUNTY]


def test_without_a_county_and_nothing_published_there_is_nothing(jamtland: Organisation) -> None:
    jamtland.county_code = ""
    jamtland.save()
    urls = listing_urls("RJH") + every_url("RJH") + table_urls("RJH", COUNTY)
    assert set(statuses(urls).values()) == {404}


def test_an_unknown_organisation_is_404(demo: None) -> None:
    urls = listing_urls("NOPE") + every_url("NOPE") + table_urls("NOPE", COUNTY)
    assert set(statuses(urls).values()) == {404}


def test_an_unknown_table_or_format_is_404(demo: None) -> None:
    base = "/offentlig/RV/data/"
    answers = statuses(
        [f"{base}okand.csv", f"{base}klimatbokslut.xlsx", f"{base}klimatbokslut-utf8.parquet"]
    )
    assert set(answers.values()) == {404}


def test_publishing_opens_that_table_in_every_format_and_unpublishing_closes_it(
    jamtland: Organisation,
) -> None:
    publish(jamtland, "klimatbokslut")
    answers = statuses(every_url("RJH"))
    opened = set(table_urls("RJH", "klimatbokslut"))
    assert {u for u, s in answers.items() if s == 200} == opened
    assert {s for u, s in answers.items() if u not in opened} == {404}

    publish(jamtland, "indicators")
    publish(jamtland, "plan")
    publish(jamtland, "budget")
    assert set(statuses(every_url("RJH")).values()) == {200}

    for what in ("klimatbokslut", "indicators", "plan"):
        unpublish(jamtland, what)
    answers = statuses(every_url("RJH"))
    assert {u for u, s in answers.items() if s == 200} == set(table_urls("RJH", "budget"))
    unpublish(jamtland, "budget")
    assert set(statuses(every_url("RJH")).values()) == {404}


def test_one_published_year_gives_that_years_rows_only(jamtland: Organisation) -> None:
    publish(jamtland, "klimatbokslut", year=2022)
    text = Client().get("/offentlig/RJH/data/klimatbokslut-utf8.csv").content.decode()
    years = {line.split(",")[0] for line in text.splitlines()[1:]}
    assert years == {"2022"}
    unpublish(jamtland, "klimatbokslut", year=2022)
    assert Client().get("/offentlig/RJH/data/klimatbokslut-utf8.csv").status_code == 404


def test_one_published_indicator_gives_that_indicators_rows_only(jamtland: Organisation) -> None:
    indicator = Indicator.objects.filter(organisation=jamtland).order_by("name")[0]
    publish(jamtland, "indicators", indicator=indicator)
    text = Client().get("/offentlig/RJH/data/indikatorer-utf8.csv").content.decode()
    names = {line.split(",")[0] for line in text.splitlines()[1:]}
    assert names == {indicator.name}


@pytest.mark.parametrize("role", ["administrator", "strategist", "reader", "outsider"])
def test_a_logged_in_visitor_gets_what_anyone_gets(
    client_as: Callable[[str], Client], role: str
) -> None:
    urls = listing_urls("RV") + every_url("RV") + table_urls("RV", COUNTY) + every_url("RJH")
    for url in urls:
        anonymous, logged_in = client_as("anonymous").get(url), client_as(role).get(url)
        assert logged_in.status_code == anonymous.status_code, url
        if anonymous.status_code == 200 and not url.endswith("/"):
            assert logged_in.content == anonymous.content, url


def test_downloads_name_their_file_and_may_be_cached_publicly(demo: None) -> None:
    client = Client()
    expected = {
        "klimatbokslut.csv": "text/csv; charset=utf-8",
        "klimatbokslut-utf8.csv": "text/csv; charset=utf-8",
        "klimatbokslut.parquet": "application/vnd.apache.parquet",
        "datapackage.json": "application/json; charset=utf-8",
    }
    for name, content_type in expected.items():
        response = client.get(f"/offentlig/RV/data/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert (
            f'filename="{"" if name == "datapackage.json" else "rv-"}{name}"'
            in (response["Content-Disposition"])
        )
        assert "public" in response["Cache-Control"]
        assert "max-age=" in response["Cache-Control"]
    index = client.get("/offentlig/RV/data/")
    assert "public" in index["Cache-Control"]


def test_every_table_is_covered() -> None:
    from nettonoll.publication.opendata import TABLES as DECLARED

    assert tuple(t.name for t in DECLARED) == (*TABLES, COUNTY)
