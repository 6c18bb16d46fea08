"""Reorganisations keep history and an old → new mapping that later data follows.

The tests work on a small tree of their own (factories), not on the demo data."""

import datetime

import pytest

from nettonoll.organisations.models import Level, Node, NodeMapping
from nettonoll.organisations.selectors import current_successors, node_children
from nettonoll.organisations.services import (
    ReorganisationError,
    SplitPart,
    node_create,
    node_move,
    node_rename,
    node_split,
    nodes_merge,
)
from tests.factories import NodeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date.today()
ORGANISATION = "TST"
DEPARTMENTS = ["RS-STAB", "RS-EKO", "RS-HR", "RS-KTR", "RS-KOM", "RS-RU"]


@pytest.fixture
def tree() -> None:
    """TST (region) → RS (administration) → RS-SERV "Regionservice" with three units, and six
    more departments; RS-EKO has a unit of its own."""
    region = NodeFactory(
        organisation=OrganisationFactory(code=ORGANISATION), code=ORGANISATION, level=Level.REGION
    )
    rs = NodeFactory(parent=region, code="RS", level=Level.ADMINISTRATION)
    serv = NodeFactory(parent=rs, code="RS-SERV", name="Regionservice", level=Level.DEPARTMENT)
    NodeFactory(parent=serv, code="RS-SERV-KOST", name="Kost och restaurang", level=Level.UNIT)
    for code in ["RS-SERV-LOK", "RS-SERV-FAST"]:
        NodeFactory(parent=serv, code=code, level=Level.UNIT)
    for code in DEPARTMENTS:
        NodeFactory(parent=rs, code=code, level=Level.DEPARTMENT)
    NodeFactory(parent=node("RS-EKO"), code="RS-EKO-LON", level=Level.UNIT)


def node(code: str) -> Node:
    return Node.objects.get(organisation__code=ORGANISATION, code=code)


def test_rename_keeps_the_old_name_in_history(tree: None) -> None:
    node_rename(node=node("RS-SERV-KOST"), name="Kost och måltid", effective_on=DAY)
    renamed = node("RS-SERV-KOST")
    assert renamed.name == "Kost och måltid"
    assert [h.name for h in renamed.history.order_by("history_date")][:2] == [
        "Kost och restaurang",
        "Kost och måltid",
    ]


def test_move_changes_the_parent_and_refuses_a_move_below_itself(tree: None) -> None:
    node_move(node=node("RS-SERV-FAST"), new_parent=node("RS-STAB"), effective_on=DAY)
    assert Node.objects.get_parent(node("RS-SERV-FAST")).code == "RS-STAB"
    with pytest.raises(ReorganisationError, match="under sig själv"):
        node_move(node=node("RS"), new_parent=node("RS-STAB"))
    with pytest.raises(ReorganisationError, match="kan inte ligga under"):
        node_move(node=node("RS-STAB"), new_parent=node("RS-SERV"))


def test_merge_ends_the_sources_moves_their_children_and_maps_old_to_new(tree: None) -> None:
    merged = nodes_merge(
        nodes=[node("RS-EKO"), node("RS-HR")],
        code="RS-EKHR",
        name="Ekonomi och HR",
        effective_on=DAY,
    )
    assert not node("RS-EKO").is_active and not node("RS-HR").is_active
    assert merged.is_active and Node.objects.get_parent(merged).code == "RS"
    assert {m.old_node.code for m in NodeMapping.objects.filter(new_node=merged)} == {
        "RS-EKO",
        "RS-HR",
    }
    assert current_successors(node("RS-EKO")) == [merged]
    assert Node.objects.get_parent(node("RS-EKO-LON")) == merged
    assert "RS-EKO" not in {n.code for n in node_children(node("RS"))}


def test_merge_into_one_of_the_merged_nodes_keeps_that_node(tree: None) -> None:
    merged = nodes_merge(
        nodes=[node("RS-SERV"), node("RS-KTR")],
        code="RS-SERV",
        name="Regionservice",
        effective_on=DAY,
    )
    assert merged.code == "RS-SERV" and merged.is_active
    assert current_successors(node("RS-KTR")) == [merged]


def test_split_creates_the_parts_and_hands_children_over(tree: None) -> None:
    parts = node_split(
        node=node("RS-SERV"),
        parts=[SplitPart("RS-SERV-A", "Service A"), SplitPart("RS-SERV-B", "Service B")],
        children_to={"RS-SERV-LOK": "RS-SERV-B"},
        effective_on=DAY,
    )
    assert [p.code for p in parts] == ["RS-SERV-A", "RS-SERV-B"]
    assert Node.objects.get_parent(node("RS-SERV-LOK")).code == "RS-SERV-B"
    assert Node.objects.get_parent(node("RS-SERV-KOST")).code == "RS-SERV-A"
    assert node("RS-SERV").valid_to == DAY
    assert [n.code for n in current_successors(node("RS-SERV"))] == ["RS-SERV-A", "RS-SERV-B"]


def test_successors_follow_a_chain_of_reorganisations(tree: None) -> None:
    first = nodes_merge(
        nodes=[node("RS-EKO"), node("RS-HR")], code="M1", name="M1", effective_on=DAY
    )
    second = nodes_merge(nodes=[first, node("RS-KOM")], code="M2", name="M2", effective_on=DAY)
    assert current_successors(node("RS-EKO")) == [second]


def test_a_child_of_a_lower_level_cannot_be_created_above(tree: None) -> None:
    with pytest.raises(ReorganisationError):
        node_create(parent=node("RS-SERV-KOST"), code="Y", name="Y", level="department")
    created = node_create(parent=node("RS-SERV"), code="RS-SERV-NY", name="Ny", level="unit")
    assert Node.objects.get_parent(created).code == "RS-SERV"
