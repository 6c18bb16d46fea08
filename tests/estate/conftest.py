"""An organisation of the estate tests' own: a root R, an administration F with units E1, E2,
buildings B-1 (E1, 1 000 m²) and B-2 (E2, 500,5 m²) in Testby."""

import pytest

from nettonoll.organisations.models import Level, Node
from nettonoll.registers.tables import table_import
from tests.factories import NodeFactory

BUILDINGS = """building_code;name;node_code;municipality;locality;atemp_m2;year_built;ownership
B-1;Hus 1;E1;Testby;Testby;1 000;1975;ägd
B-2;Hus 2;E2;Testby;Testby;500,5;;inhyrd
"""


@pytest.fixture
def root(db: None) -> Node:
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    NodeFactory(parent=administration, code="E1")
    NodeFactory(parent=administration, code="E2")
    return root


@pytest.fixture
def buildings(root: Node) -> Node:
    table_import(
        "buildings",
        organisation_code=root.organisation.code,
        data=BUILDINGS.encode("cp1252"),
        filename="byggnader.csv",
    )
    return root
