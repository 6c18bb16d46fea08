"""Reuse through the internal marketplace: imported all or nothing, avoided emissions and cost
computed by hand from the shipped factors, and the klimatbokslut untouched (issue 12)."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.calc.reuse import factor_table
from nettonoll.circular import metrics, selectors
from nettonoll.circular.models import ReuseTransfer
from nettonoll.emissions.summary import klimatbokslut_summary
from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.tables import table_rows
from tests.circular.conftest import load

pytestmark = pytest.mark.django_db

REUSE = """reuse_code;item_type;count;from_node_code;to_node_code;transferred_on
AB-1;kontorsstol;10;E1;E2;2024-03-15
AB-2;Bildskärm;2;E2;G;2024-11-30
AB-3;laptop;1;E1;G;2023-06-01
"""


def test_reuse_is_imported_by_code_with_its_giving_and_receiving_units(root: Node) -> None:
    result = load("reuse", root, REUSE)
    assert result.created == 3  # type: ignore[attr-defined]
    chairs = ReuseTransfer.objects.get(organisation=root.organisation, reuse_code="AB-1")
    assert (chairs.node.code, chairs.to_node.code, chairs.count) == ("E1", "E2", 10)
    assert chairs.valid_from == datetime.date(2024, 3, 15)
    assert (
        ReuseTransfer.objects.get(organisation=root.organisation, reuse_code="AB-3").item_type
        == "bärbar dator"
    )
    again = load("reuse", root, REUSE.replace("kontorsstol;10", "kontorsstol;12"))
    assert (again.updated, again.unchanged) == (1, 2)  # type: ignore[attr-defined]
    rows = table_rows("reuse", root.organisation)
    assert rows[0] == ["AB-1", "kontorsstol", 12, "E1", "E2", "2024-03-15"]


def test_avoided_emissions_and_cost_by_hand_per_node_and_year(root: Node) -> None:
    load("reuse", root, REUSE)
    table = factor_table()
    chair, screen = table.factors["kontorsstol"], table.factors["bildskärm"]
    # chair 2026.1: 72 × 1 − 5 − 2 = 65 kg; screen: 520 × 1 − 0 − 0 = 520 kg
    assert chair.avoided_kg_per_item == 65
    assert screen.avoided_kg_per_item == 520
    years = selectors.reuse_by_year(root)
    assert sorted(years) == [2023, 2024]
    year = years[2024]
    assert year.items == 12
    assert year.avoided_t_co2e == Decimal("1.690")  # (10 × 65 + 2 × 520) / 1000
    assert year.avoided_cost_sek == Decimal(10 * 5000 + 2 * 2500)
    assert year.version == table.version
    # the giving unit's subtree only: E2 gave the screens
    e2 = Node.objects.get(organisation=root.organisation, code="E2")
    assert metrics.reuse_items(e2) == {2024: 2.0}
    assert (
        metrics.reuse_avoided_t_co2e(Node.objects.get(organisation=root.organisation, code="G"))
        == {}
    )  # gave nothing
    units = selectors.reuse_by_unit(root, 2024)
    assert [(u.node.code, u.avoided.items) for u in units] == [("E1", 10), ("E2", 2)]


def test_a_bad_reuse_file_is_refused_whole_with_line_and_column(root: Node) -> None:
    bad = REUSE + "AB-4;pall;1,5;X9;E2;2024-02-30\nAB-1;kontorsstol;0;E1;E2;2024-01-01\n"
    with pytest.raises(Rejected) as refused:
        load("reuse", root, bad)
    where = {(p.line, p.column) for p in refused.value.problems}
    assert {(5, "item_type"), (5, "from_node_code"), (5, "transferred_on")} <= where
    assert (6, "reuse_code") in where or (6, "count") in where
    assert ReuseTransfer.objects.filter(organisation=root.organisation).count() == 0


def test_a_count_must_be_whole(root: Node) -> None:
    with pytest.raises(Rejected) as refused:
        load("reuse", root, REUSE.replace("kontorsstol;10", "kontorsstol;1,5"))
    assert [(p.code, p.line, p.column) for p in refused.value.problems] == [
        ("value_not_whole", 2, "count")
    ]


def test_a_transfer_to_a_unit_ended_before_it_is_refused(root: Node) -> None:
    Node.objects.filter(organisation=root.organisation, code="G").update(
        valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2024, 1, 1)
    )
    with pytest.raises(Rejected) as refused:
        load("reuse", root, REUSE)
    assert {(p.code, p.line, p.column) for p in refused.value.problems} == {
        ("circular_to_node_ended", 3, "to_node_code")
    }


def test_avoided_emissions_never_enter_the_klimatbokslut(demo: None) -> None:
    """The klimatbokslut's totals of an organisation and year are the same before and after
    reuse is imported: avoided emissions are reported beside it, never subtracted."""
    organisation = Organisation.objects.get(code="RJH")
    top = Node.objects.get_root_nodes().get(organisation=organisation)
    before = {year: klimatbokslut_summary(top, year) for year in (2022, 2023, 2024)}
    units = list(Node.objects.filter(organisation=organisation, depth=2)[:2])
    rows = "\n".join(
        f"KB-{n};bildskärm;500;{units[0].code};{units[1].code};{year}-05-01"
        for n, year in enumerate((2022, 2023, 2024))
    )
    load(
        "reuse",
        top,
        "reuse_code;item_type;count;from_node_code;to_node_code;transferred_on\n" + rows,
    )
    assert metrics.reuse_avoided_t_co2e(top)[2023] >= 260  # 500 × 520 kg, beside it
    after = {year: klimatbokslut_summary(top, year) for year in (2022, 2023, 2024)}
    assert after == before
    assert before[2023]["year"] == 2023
