"""Importing an organisation tree: atomic, every problem listed in Swedish with its line number."""

import io

import openpyxl
import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.organisations.models import Node, Organisation, Reorganisation
from nettonoll.organisations.selectors import export_rows
from nettonoll.organisations.services import tree_import

pytestmark = pytest.mark.django_db

GOOD = """code,name,parent_code,level
R,Region Test,,region
F,Förvaltningen,R,förvaltning
A,Avdelningen,F,department
E1,Enhet ett,A,enhet
E2,Enhet två,A,unit
"""


def _import(text: str, name: str | None = "Region Test", encoding: str = "utf-8") -> object:
    return tree_import(
        organisation_code="RT", data=text.encode(encoding), filename="träd.csv", name=name
    )


def test_a_good_file_creates_the_organisation_and_its_tree() -> None:
    result = _import(GOOD)
    assert result.created == 5  # type: ignore[attr-defined]
    organisation = Organisation.objects.get(code="RT")
    assert organisation.name == "Region Test"
    e1 = Node.objects.get(organisation=organisation, code="E1")
    assert [n.code for n in Node.objects.get_ancestors(e1)] == ["R", "F", "A"]
    assert e1.level == "unit"


def test_semicolon_separated_windows_1252_as_swedish_excel_writes_it() -> None:
    _import(GOOD.replace(",", ";"), encoding="cp1252")
    assert Node.objects.get(organisation__code="RT", code="F").name == "Förvaltningen"


def test_xlsx_with_the_same_columns() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in GOOD.strip().splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    tree_import(
        organisation_code="RT", data=buffer.getvalue(), filename="t.xlsx", name="Region Test"
    )
    assert Node.objects.filter(organisation__code="RT").count() == 5


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ("X,Okänd förälder,NOPE,enhet", "rad 7, kolumn parent_code: okänd överordnad kod 'NOPE'"),
        ("E1,Dubblett,A,enhet", "rad 7, kolumn code: koden 'E1' finns redan på rad 5"),
        ("X,Fel nivå,A,sektion", "rad 7, kolumn level: okänd nivå 'sektion'"),
        (
            "X,Fel ordning,E1,avdelning",
            "rad 7, kolumn level: en avdelning kan inte ligga under en enhet",
        ),
        (
            "X,Andra region,,region",
            "rad 7, kolumn parent_code: organisationen kan bara ha en region",
        ),
    ],
)
def test_one_bad_line_stores_nothing_not_even_the_organisation(
    bad_line: str, expected: str
) -> None:
    with pytest.raises(Rejected) as caught:
        _import(GOOD + bad_line + "\n")
    assert any(p.text().startswith(expected) for p in caught.value.problems), caught.value.problems
    assert not Organisation.objects.filter(code="RT").exists()
    assert not Node.objects.filter(organisation__code="RT").exists()


def test_a_cycle_is_reported_with_its_chain() -> None:
    text = GOOD + "C1,Cykel ett,C2,enhet\nC2,Cykel två,C1,enhet\n"
    with pytest.raises(Rejected) as caught:
        _import(text)
    messages = [p.text() for p in caught.value.problems]
    assert "rad 7, kolumn parent_code: cykel i trädet: C1 → C2 → C1" in messages
    assert "rad 8, kolumn parent_code: cykel i trädet: C2 → C1 → C2" in messages
    assert not Organisation.objects.filter(code="RT").exists()


def test_every_problem_is_listed_not_only_the_first() -> None:
    text = GOOD + "X,,NOPE,enhet\nY,Y,A,foo\n"
    with pytest.raises(Rejected) as caught:
        _import(text)
    lines = [(p.line, p.column) for p in caught.value.problems]
    assert (7, "name") in lines
    assert (7, "parent_code") in lines
    assert (8, "level") in lines


def test_an_unknown_organisation_without_a_name_is_refused() -> None:
    with pytest.raises(Rejected, match="Ange ett namn"):
        _import(GOOD, name=None)


def test_reimporting_updates_renames_and_moves_but_keeps_unchanged_nodes() -> None:
    _import(GOOD)
    changed = GOOD.replace("E2,Enhet två,A,unit", "E2,Enhet 2,F,unit")
    result = _import(changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 4)  # type: ignore[attr-defined]
    e2 = Node.objects.get(organisation__code="RT", code="E2")
    assert e2.name == "Enhet 2"
    assert Node.objects.get_parent(e2).code == "F"
    assert e2.history.count() >= 2
    assert Reorganisation.objects.filter(organisation__code="RT", kind="import").count() == 2


def test_export_then_import_gives_the_same_tree() -> None:
    _import(GOOD)
    rows = list(export_rows(Organisation.objects.get(code="RT")))
    assert rows[0] == ("R", "Region Test", "", "region")
    text = "code,name,parent_code,level\n" + "\n".join(",".join(r) for r in rows) + "\n"
    result = _import(text)
    assert (result.created, result.updated) == (0, 0)  # type: ignore[attr-defined]
