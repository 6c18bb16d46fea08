"""After a reorganisation the drill-down still lists the imported rows behind each figure: the
files keep the old unit codes, the figures belong to the successor."""

from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client

from nettonoll.emissions import selectors
from nettonoll.organisations.models import Node
from nettonoll.organisations.services import nodes_merge

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def raw_lines(code: str, category: str, year: int) -> list[list[object]]:
    rows = selectors.drill_down(node(code), year, category)
    return [[raw["line"] for raw in row.raw] for row in rows]


def test_a_merged_units_drill_down_lists_the_rows_imported_under_the_old_codes(
    client_as: ClientAs,
) -> None:
    before = raw_lines("RS-SERV-FAST", "district_heating.ostersund", 2024)
    assert before and all(before)
    kitchen = raw_lines("RS-SERV-KOST", "food.beef", 2024)
    assert kitchen and all(kitchen)
    nodes_merge(
        nodes=[node("RS-SERV-FAST"), node("RS-SERV-KOST")],
        code="RS-SERV-FK",
        name="Fastighet och kost",
    )
    assert raw_lines("RS-SERV-FK", "district_heating.ostersund", 2024) == before
    assert raw_lines("RS-SERV-FK", "food.beef", 2024) == kitchen
    url = "/org/RJH/klimatbokslut/drill/?node=RS-SERV-FK&year=2024&category=food.beef"
    page = unescape(client_as("strategist").get(url).content.decode())
    assert "demo-2024" in page  # the rows' references
