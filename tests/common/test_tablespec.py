"""The declarative table spec: typed columns with line and column problems, duplicates, one cycle
check, lengths, and templates and exports from the same spec (real CSV and XLSX files)."""

import datetime
import decimal
import io

import openpyxl
import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.calc.trees import parents_first, shape
from nettonoll.common.tablespec import (
    Boolean,
    Choice,
    Code,
    CodeList,
    Date,
    Decimal,
    Invalid,
    NodeReference,
    TableSpec,
    Text,
    Year,
)

SPEC = TableSpec(
    title="prov",
    columns=(
        Code(name="code", required=True, max_length=5, example="K1"),
        Code(name="parent_code", max_length=5),
        Text(name="name", max_length=10, example="Namn"),
        Choice(name="kind", aliases={"bil": "car", "car": "car", "buss": "bus", "bus": "bus"}),
        Decimal(name="amount", unit="kWh", min=decimal.Decimal(0), max=decimal.Decimal(10000)),
        Date(name="on", min=datetime.date(2000, 1, 1), max=datetime.date(2050, 12, 31)),
        Year(name="year", min=2000, max=2050),
        CodeList(name="tags"),
        Boolean(name="active"),
        NodeReference(name="node"),
    ),
    key=("code",),
    parent="parent_code",
)
HEADER = "code;parent_code;name;kind;amount;on;year;tags;active;node\n"
NODES = {"RS": object()}


def read(text: str) -> list[str]:
    parsed = SPEC.read(text.encode("cp1252"), "f.csv", refs={"node": NODES})
    return [p.text() for p in parsed.problems]


def test_good_values_of_every_kind_are_parsed() -> None:
    text = HEADER + "K1;;Ett;Bil;1 234,5;2024-05-01;2024;a|b|a;ja;RS\nK2;K1;Två;bus;;;;;nej;\n"
    parsed = SPEC.read(text.encode(), "f.csv", refs={"node": NODES})
    assert parsed.problems == []
    first, second = parsed.rows
    assert first["kind"] == "car" and first["amount"] == decimal.Decimal("1234.5")
    assert first["on"] == datetime.date(2024, 5, 1) and first["year"] == 2024
    assert first["tags"] == ["a", "b"] and first["active"] is True
    assert first["node"] is NODES["RS"]
    assert second["amount"] is None and second["active"] is False and second["tags"] == []
    assert parsed.depth == {"K1": 0, "K2": 1}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (";;x;;;;;;;", "rad 2, kolumn code: värde saknas"),
        ("K 1;;;;;;;;;", "rad 2, kolumn code: koden 'K 1' får inte innehålla mellanslag"),
        ("K123456;;;;;;;;;", "rad 2, kolumn code: värdet har 7 tecken (högst 5)"),
        ("K1;;;tåg;;;;;;", "rad 2, kolumn kind: okänt värde 'tåg' (tillåtna: bil, car, buss, bus)"),
        ("K1;;;;1e308;;;;;", "rad 2, kolumn amount: värdet '1e308' kWh ligger utanför 0–10\xa0000"),
        ("K1;;;;tio;;;;;", "rad 2, kolumn amount: värdet 'tio' är inget tal"),
        ("K1;;;;;9999-12-31;;;;", "rad 2, kolumn on: datumet '9999-12-31' ligger utanför"),
        ("K1;;;;;31/12;;;;", "rad 2, kolumn on: datumet '31/12' kan inte läsas"),
        ("K1;;;;;;2099;;;", "rad 2, kolumn year: året '2099' ligger utanför 2000–2050"),
        ("K1;;;;;;;;kanske;", "rad 2, kolumn active: värdet 'kanske' ska vara ja eller nej"),
        ("K1;;;;;;;;;XX", "rad 2, kolumn node: okänd enhet 'XX'"),
        ("K1;NOPE;;;;;;;;", "rad 2, kolumn parent_code: okänd överordnad kod 'NOPE'"),
    ],
)
def test_a_bad_value_is_a_problem_at_its_line_and_column(row: str, expected: str) -> None:
    found = read(HEADER + row + "\n")
    assert any(m.startswith(expected) for m in found), found


def test_bounds_of_a_number_are_written_in_swedish_not_as_exponents() -> None:
    column = Decimal(name="km", unit="km", min=decimal.Decimal(0), max=decimal.Decimal("1e12"))
    with pytest.raises(Invalid) as refused:
        column.parse("-3", None)
    assert refused.value.params["last"] == "1\xa0000\xa0000\xa0000\xa0000"
    with pytest.raises(Invalid) as refused:
        Decimal(name="s", max=decimal.Decimal("0.5")).parse("2", None)
    assert refused.value.params["last"] == "0,5"


def test_repeated_keys_and_cycles_are_found_once_each() -> None:
    text = HEADER + "A;B;;;;;;;;\nB;A;;;;;;;;\nA;;;;;;;;;\nS;S;;;;;;;;\n"
    found = read(text)
    assert "rad 4, kolumn code: samma rad finns redan på rad 2" in found
    assert "rad 2, kolumn parent_code: cykel: A → B → A" in found
    assert "rad 3, kolumn parent_code: cykel: B → A → B" in found
    assert "rad 5, kolumn parent_code: cykel: S → S" in found
    assert len(found) == 4


def test_rejecting_an_empty_file_names_it() -> None:
    with pytest.raises(Rejected, match="inga rader"):
        SPEC.read(HEADER.encode(), "f.csv").reject()


def test_tree_shape_and_order_are_linear_and_parents_first() -> None:
    parent_of = {"c": "b", "b": "a", "a": "", "x": "y", "y": "x", "z": "x", "u": "nope"}
    tree = shape(parent_of)
    assert tree.depth == {"a": 0, "b": 1, "c": 2}
    assert set(tree.cycles) == {"x", "y"} and tree.unknown == {"u"}
    assert parents_first(["c", "b", "a"], parent_of) == ["a", "b", "c"]
    chain = {f"n{i}": f"n{i - 1}" if i else "" for i in range(100_000)}
    assert shape(chain).depth["n99999"] == 99_999


def test_the_template_and_the_export_come_from_the_spec() -> None:
    template = openpyxl.load_workbook(io.BytesIO(SPEC.template("xlsx")))
    assert template.active is not None
    rows = list(template.active.values)
    assert rows[0] == SPEC.headers
    assert rows[1][:3] == ("K1", None, "Namn")
    exported = SPEC.write([("=1+1", "", "@x", "-3", "", "", "", "", "", "")], "csv")
    text = exported.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(SPEC.headers)
    assert text.splitlines()[1].startswith("'=1+1;;'@x;'-3;")
    again = SPEC.read(SPEC.template("csv"), "mall.csv")
    assert [row["code"] for row in again.rows] == ["K1"]


def test_the_import_pages_offer_empty_templates_from_the_same_spec(client_as) -> None:  # type: ignore[no-untyped-def]
    import io

    import openpyxl

    from nettonoll.plans.models import Plan

    client = client_as("strategist")
    tree = client.get("/org/RJH/import/")
    assert "?mall=organisation&amp;format=xlsx" in tree.content.decode()
    csv = client.get("/org/RJH/import/?mall=organisation&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode("utf-8-sig").splitlines()[0].replace(";", ",") == (
        "code,name,parent_code,level"
    )
    plan = Plan.objects.get(organisation__code="RJH", name="Miljömål 2023")
    xlsx = client.get(f"/org/RJH/plans/{plan.pk}/import/?mall=activities&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == ["node_code", "title", "goal_codes", "status", "comment"]
    assert client.get("/org/RJH/import/?mall=okand").status_code == 404
    assert client.get("/org/RJH/import/?mall=organisation&format=pdf").status_code == 404
    assert client_as("reader").get("/org/RJH/import/?mall=organisation").status_code == 403
