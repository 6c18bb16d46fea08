"""Procurements and their requirements through the registers' framework: a register and a child
table imported all or nothing (bad files refused whole with line and column), updated by key,
exported back unchanged; the rules of a follow-up (issue 12)."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.common.tablespec import ImportResult
from nettonoll.organisations.models import Level, Node
from nettonoll.procurement.models import Procurement, Requirement
from nettonoll.registers.tables import table_import, table_rows
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db

PROCUREMENTS = """procurement_code;title;node_code;value_sek;decided_on;contract_from;contract_to
RS 2024-0123;Kontorsmöbler;E1;2 500 000;2024-03-15;2024-05-01;2028-04-30
RS  2024-0200 ;Städtjänster;E2;1 000 000,00;2024-06-01;2024-09-01;
"""
REQUIREMENTS = """procurement_code;requirement_code;criterion_id;area;level;placement;follow_up_planned_on;followed_up_on;result
RS 2024-0123;K1;10140:1;cirkularitet;avancerad;teknisk specifikation;2025-05-01;2025-04-20;uppfyllt
RS 2024-0123;K2;;Climate;Advanced;award;2025-05-01;;
RS 2024-0200;K1;;social;bas;kontraktsvillkor;2025-01-01;2025-02-01;Partly
"""


@pytest.fixture
def root() -> Node:
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    NodeFactory(parent=administration, code="E1")
    NodeFactory(parent=administration, code="E2")
    return root


def load(key: str, root: Node, text: str, encoding: str = "cp1252") -> ImportResult:
    return table_import(
        key,
        organisation_code=root.organisation.code,
        data=text.encode(encoding),
        filename="fil.csv",
    )


def test_procurements_with_spaces_in_the_diarienummer_import_and_export_back(root: Node) -> None:
    assert load("procurements", root, PROCUREMENTS).created == 2
    stored = Procurement.objects.get(procurement_code="RS 2024-0200")  # spaces normalised
    assert stored.value_sek == Decimal(1_000_000)
    assert (stored.valid_from, stored.valid_to) == (datetime.date(2024, 9, 1), None)
    assert stored.history.count() == 1
    rows = table_rows("procurements", root.organisation)
    assert rows[0] == [
        "RS 2024-0123",
        "Kontorsmöbler",
        "E1",
        "2500000",
        "2024-03-15",
        "2024-05-01",
        "2028-04-30",
    ]
    again = load("procurements", root, PROCUREMENTS.replace("Städtjänster", "Städning"))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)


def test_requirements_import_by_diarienummer_with_english_aliases_and_update_by_key(
    root: Node,
) -> None:
    load("procurements", root, PROCUREMENTS)
    assert load("procurement-requirements", root, REQUIREMENTS, "utf-8").created == 3
    k2 = Requirement.objects.get(
        procurement__procurement_code="RS 2024-0123", requirement_code="K2"
    )
    assert (k2.area, k2.level, k2.placement, k2.result) == (
        "klimat",
        "avancerad",
        "tilldelning",
        "",
    )
    partly = Requirement.objects.get(procurement__procurement_code="RS 2024-0200")
    assert partly.result == "delvis"
    followed = REQUIREMENTS.replace("2025-05-01;;", "2025-05-01;2025-05-02;ej uppfyllt")
    again = load("procurement-requirements", root, followed, "utf-8")
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)
    k2.refresh_from_db()
    assert (k2.result, k2.version) == ("ej uppfyllt", 2)
    assert k2.history.count() == 2  # created, then followed up
    rows = table_rows("procurement-requirements", root.organisation)
    assert rows[1][:9] == [
        "RS 2024-0123",
        "K2",
        "",
        "klimat",
        "avancerad",
        "tilldelning",
        "2025-05-01",
        "2025-05-02",
        "ej uppfyllt",
    ]


def test_a_bad_procurements_file_is_refused_whole_with_line_and_column(root: Node) -> None:
    bad = PROCUREMENTS + (
        "RS 2024-0123;Igen;E1;5;2024-01-01;2024-01-01;\n"
        "RS 2024-9;;NOPE;-5;2024-02-30;2024-05-01;2024-04-30\n"
    )
    with pytest.raises(Rejected) as refused:
        load("procurements", root, bad)
    where = {(p.line, p.column) for p in refused.value.problems}
    assert {
        (4, "procurement_code"),
        (5, "title"),
        (5, "node_code"),
        (5, "value_sek"),
        (5, "decided_on"),
    } <= where
    assert not Procurement.objects.filter(organisation=root.organisation).exists()
    ended = PROCUREMENTS.replace("2028-04-30", "2023-04-30")
    with pytest.raises(Rejected) as refused:
        load("procurements", root, ended)
    assert [(p.code, p.line, p.column) for p in refused.value.problems] == [
        ("procurement_contract_to_before_from", 2, "contract_to")
    ]


def test_a_bad_requirements_file_is_refused_whole_with_line_and_column(root: Node) -> None:
    load("procurements", root, PROCUREMENTS)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    bad = REQUIREMENTS + (
        "RS 1999-1;K1;;miljö;toppen;överallt;2025-13-01;;\n"
        f"RS 2024-0200;K2;;social;;;;{tomorrow};uppfyllt\n"
        "RS 2024-0200;K3;;annat;;;;;uppfyllt\n"
        "RS 2024-0123;K1;;klimat;;;;;\n"
    )
    with pytest.raises(Rejected) as refused:
        load("procurement-requirements", root, bad, "utf-8")
    found = {(p.code, p.line, p.column) for p in refused.value.problems}
    assert {
        ("reference_unknown", 5, "procurement_code"),
        ("choice_unknown", 5, "area"),
        ("choice_unknown", 5, "level"),
        ("choice_unknown", 5, "placement"),
        ("date_invalid", 5, "follow_up_planned_on"),
        ("requirement_followed_up_in_future", 6, "followed_up_on"),
        ("requirement_result_without_date", 7, "result"),
        ("key_repeated", 8, "procurement_code"),
    } <= found
    assert not Requirement.objects.filter(procurement__organisation=root.organisation).exists()
