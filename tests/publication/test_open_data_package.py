"""datapackage.json lists exactly the published tables, every column with its type, description
and unit, and every path in it (the CSV, the Swedish CSV, the Parquet file) resolves to the
table it describes."""

import json
from urllib.parse import urljoin

import pytest
from django.test import Client

from nettonoll.organisations.models import Organisation
from nettonoll.publication.opendata import TABLES_BY_NAME
from nettonoll.publication.services import publish, unpublish
from tests.publication.opendata_helpers import read_excel_csv, read_parquet, read_utf8_csv

pytestmark = pytest.mark.django_db
URL = "/offentlig/RJH/data/datapackage.json"


def package() -> dict:
    response = Client().get(URL)
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def jamtland(demo: None) -> Organisation:
    return Organisation.objects.get(code="RJH")


def test_only_published_tables_are_listed(jamtland: Organisation) -> None:
    publish(jamtland, "klimatbokslut")
    assert [r["name"] for r in package()["resources"]] == ["klimatbokslut", "kommuner"]
    publish(jamtland, "budget")
    publish(jamtland, "plan")
    names = ["klimatbokslut", "mal", "budget", "kommuner"]
    assert [r["name"] for r in package()["resources"]] == names
    unpublish(jamtland, "klimatbokslut")
    assert [r["name"] for r in package()["resources"]] == names[1:]


def test_the_package_describes_every_column_with_its_unit(jamtland: Organisation) -> None:
    for what in ("klimatbokslut", "indicators", "plan", "budget"):
        publish(jamtland, what)
    described = package()
    assert described["profile"] == "tabular-data-package"
    assert described["licenses"][0]["name"] == "CC0-1.0"
    assert described["name"] == "nettonoll-rjh"
    assert len(described["resources"]) == 5
    for resource in described["resources"]:
        definition = TABLES_BY_NAME[resource["name"]]
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == definition.headers
        assert all(f["type"] in {"integer", "number", "string", "boolean"} for f in fields)
        assert all(f["description"] for f in fields)
        for field, column in zip(fields, definition.columns, strict=True):
            assert field.get("unit", "") == column.unit
            if column.unit:
                assert column.unit in field["description"]
    units = {
        f["name"]: f.get("unit")
        for r in described["resources"]
        for f in r["schema"]["fields"]
        if f["name"].endswith("_t") or f["name"] == "t_co2e"
    }
    assert set(units.values()) == {"t CO2e"}


def test_every_path_resolves_to_its_table(jamtland: Organisation) -> None:
    for what in ("klimatbokslut", "indicators", "plan", "budget"):
        publish(jamtland, what)
    client = Client()
    for resource in package()["resources"]:
        headers = [f["name"] for f in resource["schema"]["fields"]]
        main = client.get(urljoin(URL, resource["path"]))
        assert main.status_code == 200
        rows = read_utf8_csv(main.content)
        assert len(rows) == resource["rows"]
        assert list(rows[0]) == headers
        excel, parquet_file = resource["alternates"]
        assert excel["dialect"]["delimiter"] == ";"
        excel_rows = read_excel_csv(client.get(urljoin(URL, excel["path"])).content)
        assert [list(r) for r in excel_rows[:1]] == [headers]
        assert len(excel_rows) == resource["rows"]
        frame = read_parquet(client.get(urljoin(URL, parquet_file["path"])).content)
        assert frame.columns == headers
        assert frame.height == resource["rows"]
