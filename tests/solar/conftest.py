"""A small world for the solar tests: a region with an administration and two units, two
buildings (one shared between the units) and the import helper."""

from collections.abc import Callable

import pytest

from nettonoll.common.tablespec import ImportResult
from nettonoll.organisations.models import Level, Node
from nettonoll.registers.tables import table_import
from tests.factories import NodeFactory

BUILDINGS = """building_code;name;node_code;municipality;locality;atemp_m2;year_built;ownership
B-1;Hus 1;E1;Karlstad;Karlstad;1 000;1975;ägd
B-2;Hus 2;E2;Karlstad;Karlstad;500;;inhyrd
"""
SOLAR = """installation_code;building_code;kwp;in_service_from
SOL-1;B-1;100;2023-05-01
SOL-2;B-2;40,5;2024-03-01
"""


@pytest.fixture
def root() -> Node:
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    NodeFactory(parent=administration, code="E1")
    NodeFactory(parent=administration, code="E2")
    return root


@pytest.fixture
def load(root: Node) -> Callable[[str, str], ImportResult]:
    def run(key: str, text: str) -> ImportResult:
        return table_import(
            key,
            organisation_code=root.organisation.code,
            data=text.encode("cp1252"),
            filename="fil.csv",
        )

    return run
