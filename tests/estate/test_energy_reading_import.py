"""Buildings and their monthly energy readings through the registers' framework: a register and
a child table imported all or nothing, updated by key, exported back unchanged (issue 12)."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.estate.energy import building_weights, node_months
from nettonoll.estate.models import Building, BuildingShare, DegreeDayMonth, EnergyReading
from nettonoll.organisations.models import Level, Node
from nettonoll.registers.tables import table_import, table_rows
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db

BUILDINGS = """building_code;name;node_code;municipality;locality;atemp_m2;year_built;ownership
B-1;Hus 1;E1;Provby;Provby;1 000;1975;ägd
B-2;Hus 2;E2;Provby;Provby;500,5;;inhyrd
"""
READINGS = """building_code;month;carrier;kwh;temperature_dependent_share
B-1;2024-01;fjärrvärme;4000;0,75
B-1;2024-01;el;1000;
B-2;2024-01;fjärrvärme;2000;
"""


@pytest.fixture
def root() -> Node:
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    NodeFactory(parent=administration, code="E1")
    NodeFactory(parent=administration, code="E2")
    return root


def load(key: str, root: Node, text: str) -> object:
    return table_import(
        key,
        organisation_code=root.organisation.code,
        data=text.encode("cp1252"),
        filename="fil.csv",
    )


def test_readings_import_by_building_code_and_update_by_month_and_carrier(root: Node) -> None:
    assert load("buildings", root, BUILDINGS).created == 2  # type: ignore[attr-defined]
    assert load("energy-readings", root, READINGS).created == 3  # type: ignore[attr-defined]
    again = load(
        "energy-readings", root, READINGS.replace("B-1;2024-01;el;1000", "B-1;2024-01;el;1100")
    )
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)  # type: ignore[attr-defined]
    mine = EnergyReading.objects.filter(building__organisation=root.organisation)
    assert mine.get(carrier="el").kwh == Decimal("1100.0")
    rows = table_rows("energy-readings", root.organisation)
    assert rows[0] == ["B-1", "2024-01", "el", "1100", ""]


def test_a_bad_readings_file_is_refused_whole_with_line_and_column(root: Node) -> None:
    load("buildings", root, BUILDINGS)
    bad = READINGS + "B-9;2024-13;ånga;-5;2\n"
    with pytest.raises(Rejected) as refused:
        load("energy-readings", root, bad)
    where = {(p.line, p.column) for p in refused.value.problems}
    assert {(5, "building_code"), (5, "month"), (5, "carrier"), (5, "kwh")} <= where
    assert not EnergyReading.objects.filter(building__organisation=root.organisation).exists()


def test_a_refused_reading_names_the_swedish_values_and_plain_bounds(root: Node) -> None:
    """The message lists the carriers a file may use (not the English aliases) and writes the
    largest kWh as digits, not "1E+12"."""
    load("buildings", root, BUILDINGS)
    bad = READINGS + "B-1;2024-02;ånga;1e13;\n"
    with pytest.raises(Rejected) as refused:
        load("energy-readings", root, bad)
    text = "\n".join(p.text() for p in refused.value.problems)
    assert "tillåtna: el, fjärrvärme, fjärrkyla, biobränsle, olja, gas)" in text
    assert "electricity" not in text
    assert "0–1\xa0000\xa0000\xa0000\xa0000" in text and "E+" not in text


def test_biogas_is_read_as_a_biofuel_not_fossil_gas(root: Node) -> None:
    load("buildings", root, BUILDINGS)
    load("energy-readings", root, READINGS + "B-2;2024-02;Biogas;100;\n")
    february = EnergyReading.objects.filter(
        building__organisation=root.organisation, month=datetime.date(2024, 2, 1)
    )
    assert list(february.values_list("carrier", flat=True)) == ["biobränsle"]


def test_a_node_gets_its_units_area_shares_of_normalised_energy(root: Node) -> None:
    load("buildings", root, BUILDINGS)
    load("energy-readings", root, READINGS)
    DegreeDayMonth.objects.create(
        locality="Provby",
        month=datetime.date(2024, 1, 1),
        degree_days=1104,
        normal_degree_days=967,
        base_c=17,
        source="SMHI (fiktiv testserie)",
    )
    e1 = Node.objects.get(organisation=root.organisation, code="E1")
    e2 = Node.objects.get(organisation=root.organisation, code="E2")
    BuildingShare.objects.create(
        building=Building.objects.get(building_code="B-1", organisation=root.organisation),
        node=e2,
        share_pct=25,
    )
    b1 = Building.objects.get(building_code="B-1", organisation=root.organisation)
    assert building_weights(e1) == {b1.pk: 0.75}
    month = datetime.date(2024, 1, 1)
    heating = {m.carrier: m for m in node_months(e1, month, month)}["fjärrvärme"]
    assert heating.kwh == pytest.approx(3000)
    assert heating.normalised_kwh == pytest.approx(0.75 * (1000 + 3000 * 967 / 1104))
    whole = {m.carrier: m for m in node_months(root, month, month)}["fjärrvärme"]
    assert whole.kwh == pytest.approx(6000)


def test_a_building_code_twice_in_a_file_is_refused_naming_the_first_line(root: Node) -> None:
    twice = BUILDINGS + "B-1;Hus 1 igen;E1;Karlstad;Karlstad;10;;ägd\n"
    with pytest.raises(Rejected) as refused:
        load("buildings", root, twice)
    (problem,) = refused.value.problems
    assert (problem.line, problem.column) == (4, "building_code")
    assert "finns redan på rad 2" in problem.message()


def test_an_export_writes_decimal_commas_in_csv_and_numbers_in_xlsx(root: Node) -> None:
    import io

    import openpyxl

    from nettonoll.estate.declarations import BUILDINGS as DECLARED

    load("buildings", root, BUILDINGS)
    rows = table_rows("buildings", root.organisation)
    csv_text = DECLARED.spec.write(rows, "csv").decode("utf-8-sig")
    assert ";500,5;" in csv_text and ";1000;" in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(DECLARED.spec.write(rows, "xlsx"))).active
    assert sheet is not None
    assert [c.value for c in sheet[3]][5] == 500.5
    again = load("buildings", root, csv_text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)  # type: ignore[attr-defined]
