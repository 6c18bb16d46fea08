"""The tree import is built in bulk: linear in the size of the tree, a valid materialised path
(siblings sorted by code, depths and child counts right), history for every node."""

import pytest

from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.services import tree_import

pytestmark = pytest.mark.django_db


def _csv(children: int, *extra: str) -> bytes:
    lines = ["code,name,parent_code,level", "R,Region,,region"]
    lines += [f"U{i:05d},Enhet {i},R,enhet" for i in range(children)]
    return ("\n".join([*lines, *extra]) + "\n").encode()


def _assert_valid_tree(code: str) -> None:
    problems = Node.find_problems()
    assert all(not found for found in problems), problems
    root = Node.objects.get(organisation__code=code, depth=1)
    for node in Node.objects.filter(organisation__code=code):
        children = list(Node.objects.get_children(node))
        assert node.numchild == len(children), node
        assert [c.code for c in children] == sorted(c.code for c in children)
        assert node.path.startswith(root.path)


def test_five_thousand_children_under_one_root_are_imported_with_few_statements(
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    # one row a statement would be over 10 000; SQLite takes ~90 rows a statement
    with django_assert_max_num_queries(500):
        result = tree_import(organisation_code="BIG", data=_csv(5000), filename="t.csv", name="B")
    assert (result.created, result.updated, result.unchanged) == (5001, 0, 0)
    root = Node.objects.get(organisation__code="BIG", code="R")
    assert root.numchild == 5000
    assert Node.history.filter(organisation__code="BIG").count() == 5001  # type: ignore[attr-defined]
    _assert_valid_tree("BIG")


def test_reimport_inserts_moves_and_shifts_siblings_keeping_a_valid_tree_and_history() -> None:
    tree_import(organisation_code="OTHER", data=_csv(3), filename="o.csv", name="Annan")
    other_paths = list(Node.objects.filter(organisation__code="OTHER").values_list("path"))
    tree_import(
        organisation_code="RT", data=_csv(20, "A,Avd,R,avdelning"), filename="t.csv", name="T"
    )
    moved = Node.objects.get(organisation__code="RT", code="U00007")
    history_before = moved.history.count()  # type: ignore[attr-defined]
    again = _csv(20, "A,Avdelningen,R,avdelning", "A0,Först,R,enhet").replace(
        b"U00007,Enhet 7,R,enhet", b"U00007,Enhet 7,A,enhet"
    )
    result = tree_import(organisation_code="RT", data=again, filename="t.csv")
    assert (result.created, result.updated, result.unchanged) == (1, 2, 20)
    moved.refresh_from_db()
    assert Node.objects.get_parent(moved).code == "A"
    assert moved.history.count() == history_before + 1  # type: ignore[attr-defined]
    assert Node.objects.get(organisation__code="RT", code="A").name == "Avdelningen"
    first = Node.objects.get_children(Node.objects.get(organisation__code="RT", code="R"))[0]
    assert first.code == "A"
    _assert_valid_tree("RT")
    assert list(Node.objects.filter(organisation__code="OTHER").values_list("path")) == (
        other_paths
    )
    assert Organisation.objects.count() >= 2
