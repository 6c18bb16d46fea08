"""Solar installations and their production through the registers' framework: the node comes
from the building, an export is read back unchanged, a bad file is refused whole with line and
column (an export above the production among them)."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.common.tablespec import ImportResult
from nettonoll.organisations.models import Node
from nettonoll.registers.tables import table_rows
from nettonoll.solar.models import SolarInstallation, SolarProduction
from tests.solar.conftest import BUILDINGS, SOLAR

pytestmark = pytest.mark.django_db

Load = Callable[[str, str], ImportResult]
PRODUCTION = """installation_code;month;produced_kwh;exported_kwh
SOL-1;2024-06;12 000;3 000
SOL-1;2024-07;11 000,5;2 000
SOL-2;2024-06;4000;0
"""


def test_an_installation_gets_its_buildings_node(root: Node, load: Load) -> None:
    load("buildings", BUILDINGS)
    result = load("solar", SOLAR)
    assert (result.created, result.updated) == (2, 0)
    one = SolarInstallation.objects.get(installation_code="SOL-1")
    assert (one.node.code, one.building.building_code, one.kwp) == ("E1", "B-1", Decimal(100))
    assert one.history.count() == 1
    rows = table_rows("solar", root.organisation)
    assert rows == [
        ["SOL-1", "B-1", "100", "2023-05-01", ""],
        ["SOL-2", "B-2", "40.5", "2024-03-01", ""],
    ]


def test_production_is_imported_by_installation_and_month_and_updated(
    root: Node, load: Load
) -> None:
    load("buildings", BUILDINGS)
    load("solar", SOLAR)
    assert load("solar-production", PRODUCTION).created == 3
    again = load(
        "solar-production", PRODUCTION.replace("SOL-2;2024-06;4000;0", "SOL-2;2024-06;4000;500")
    )
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)
    row = SolarProduction.objects.get(installation__installation_code="SOL-2")
    assert row.exported_kwh == Decimal(500)
    assert row.history.count() == 2
    assert table_rows("solar-production", root.organisation)[1] == [
        "SOL-1",
        "2024-07",
        "11000.5",
        "2000",
    ]


def test_export_above_production_is_refused_with_line_and_column(root: Node, load: Load) -> None:
    load("buildings", BUILDINGS)
    load("solar", SOLAR)
    bad = PRODUCTION + "SOL-2;2024-07;100;150\nSOL-9;2024-13;x;1\n"
    with pytest.raises(Rejected) as refused:
        load("solar-production", bad)
    where = {(p.line, p.column, p.code) for p in refused.value.problems}
    assert (5, "exported_kwh", "solar_exported_above_produced") in where
    assert {(6, "installation_code"), (6, "month"), (6, "produced_kwh")} <= {
        (line, column) for line, column, _code in where
    }
    assert not SolarProduction.objects.filter(installation__organisation=root.organisation).exists()


def test_an_unknown_building_is_refused(root: Node, load: Load) -> None:
    load("buildings", BUILDINGS)
    with pytest.raises(Rejected) as refused:
        load("solar", SOLAR + "SOL-3;B-9;10;2024-01-01\n")
    assert [(p.line, p.column) for p in refused.value.problems] == [(4, "building_code")]
    assert not SolarInstallation.objects.filter(organisation=root.organisation).exists()
