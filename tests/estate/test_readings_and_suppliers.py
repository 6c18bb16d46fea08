"""Energy readings in every form a region has them (issue 12): Swedish Excel CSV, UTF-8, XLSX,
and an energy supplier's export through the organisation's column template (MWh, `jan-24`, a
fixed carrier); a month that has not begun is refused; a bad file is refused whole with its line
and (for a supplier's file) the supplier's column."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.common.tabular import write_xlsx
from nettonoll.estate.models import EnergyReading, SupplierTemplate
from nettonoll.estate.suppliers import supplier_import, supplier_template_save
from nettonoll.organisations.models import Node
from nettonoll.registers.tables import table_import

pytestmark = pytest.mark.django_db

HEADER = ["building_code", "month", "carrier", "kwh", "temperature_dependent_share"]


def readings(root: Node, data: bytes, filename: str = "avl.csv") -> object:
    return table_import(
        "energy-readings", organisation_code=root.organisation.code, data=data, filename=filename
    )


def test_utf8_with_commas_and_xlsx_read_the_same(buildings: Node) -> None:
    utf8 = "building_code,month,carrier,kwh,temperature_dependent_share\nB-1,2024-01,Fjärrvärme,4000.5,0.75\n"
    assert readings(buildings, utf8.encode("utf-8")).created == 1  # type: ignore[attr-defined]
    xlsx = write_xlsx(HEADER, [["B-2", "2024-01", "el", "1200", ""]], title="Avläsningar")
    assert readings(buildings, xlsx, "avl.xlsx").created == 1  # type: ignore[attr-defined]
    stored = EnergyReading.objects.filter(building__organisation=buildings.organisation)
    assert {(r.building.building_code, r.carrier, r.kwh) for r in stored} == {
        ("B-1", "fjärrvärme", Decimal("4000.5")),
        ("B-2", "el", Decimal("1200.0")),
    }


def test_a_month_that_has_not_begun_is_refused_but_one_outside_the_care_period_is_fine(
    buildings: Node,
) -> None:
    coming = (datetime.date.today().replace(day=28) + datetime.timedelta(days=5)).strftime("%Y-%m")
    text = (
        f"{';'.join(HEADER)}\nB-1;1990-01;el;100;\nB-1;{coming};el;100;\nB-1;2024-01;el;100;1,5\n"
    )
    with pytest.raises(Rejected) as refused:
        readings(buildings, text.encode("cp1252"))
    problems = {(p.line, p.column, p.code) for p in refused.value.problems}
    assert problems == {
        (3, "month", "energy_month_in_future"),
        (4, "temperature_dependent_share", "decimal_out_of_range"),
    }
    assert "har inte börjat än" in str(refused.value)
    assert not EnergyReading.objects.filter(building__organisation=buildings.organisation).exists()


@pytest.fixture
def template(buildings: Node) -> SupplierTemplate:
    return supplier_template_save(
        organisation=buildings.organisation,
        values={
            "name": "fjarrvarme",
            "title": "Fjärrvärmebolaget",
            "building_column": "Anläggning",
            "month_column": "Period",
            "kwh_column": "Förbrukning MWh",
            "unit": "MWh",
            "carrier": "fjärrvärme",
            "version": 0,
        },
    )


SUPPLIER = "Kundnr;Anläggning;Period;Förbrukning MWh\n77;B-1;jan-24;4,0\n77;B-2;2024-02-15;1,25\n"


def supplied(root: Node, text: str) -> object:
    return supplier_import(
        organisation_code=root.organisation.code,
        template_name="fjarrvarme",
        data=text.encode("cp1252"),
        filename="export.csv",
    )


def test_a_suppliers_export_through_a_template(template: SupplierTemplate, buildings: Node) -> None:
    assert supplied(buildings, SUPPLIER).created == 2  # type: ignore[attr-defined]
    stored = {
        (r.building.building_code, r.month, r.carrier): r.kwh
        for r in EnergyReading.objects.filter(building__organisation=buildings.organisation)
    }
    assert stored == {
        ("B-1", datetime.date(2024, 1, 1), "fjärrvärme"): Decimal("4000.0"),
        ("B-2", datetime.date(2024, 2, 1), "fjärrvärme"): Decimal("1250.0"),
    }


def test_a_bad_suppliers_file_names_its_own_lines_and_columns(
    template: SupplierTemplate, buildings: Node
) -> None:
    bad = SUPPLIER + ";;;\n77;B-9;13-24;mycket\n"
    with pytest.raises(Rejected) as refused:
        supplied(buildings, bad)
    where = {(p.line, p.column) for p in refused.value.problems}
    # the supplier's headers as the template writes them, not lower-cased
    assert where == {(5, "Anläggning"), (5, "Period"), (5, "Förbrukning MWh")}
    assert not EnergyReading.objects.filter(building__organisation=buildings.organisation).exists()


def test_a_file_without_the_templates_columns_is_refused(
    template: SupplierTemplate, buildings: Node
) -> None:
    with pytest.raises(Rejected) as refused:
        supplied(buildings, "Anläggning;Månad;kWh\nB-1;2024-01;5\n")
    (problem,) = refused.value.problems
    assert problem.text() == (
        "rad 1: kolumner saknas: Period, Förbrukning MWh "
        "(rubrikraden ska innehålla Anläggning, Period, Förbrukning MWh)"
    )


def test_a_bad_buildings_file_is_refused_whole_with_line_and_column(root: Node) -> None:
    text = (
        "building_code;name;node_code;municipality;locality;atemp_m2;year_built;ownership;"
        "in_service_from;in_service_to\n"
        "B-1;Hus;E1;;;0;2200;ägd;2020-01-01;2019-01-01\nB-2;Hus;X9;;;-5;1980;hyrd;;\n"
    )
    with pytest.raises(Rejected) as refused:
        table_import(
            "buildings",
            organisation_code=root.organisation.code,
            data=text.encode(),
            filename="b.csv",
        )
    assert {(p.line, p.column) for p in refused.value.problems} == {
        (2, "in_service_to"),
        (2, "year_built"),
        (3, "node_code"),
        (3, "atemp_m2"),
    }


def test_a_template_code_with_a_space_is_refused_in_plain_swedish() -> None:
    from nettonoll.estate.forms import SupplierTemplateForm

    form = SupplierTemplateForm(data={"name": "Vatten Fall"})
    assert not form.is_valid()
    (message,) = form.errors["name"]
    assert "mellanslag" in message and "slug" not in message
