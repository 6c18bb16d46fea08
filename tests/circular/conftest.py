import pytest

from nettonoll.organisations.models import Level, Node
from tests.factories import NodeFactory


@pytest.fixture
def root() -> Node:
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    NodeFactory(parent=administration, code="E1")
    NodeFactory(parent=administration, code="E2")
    NodeFactory(parent=root, code="G", level=Level.ADMINISTRATION)
    return root


def load(key: str, root: Node, text: str) -> object:
    from nettonoll.registers.tables import table_import

    return table_import(
        key, organisation_code=root.organisation.code, data=text.encode("cp1252"), filename="f.csv"
    )
