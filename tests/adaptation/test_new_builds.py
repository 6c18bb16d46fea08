"""New-build projects: a register imported all or nothing (a requirement `annat` needs its text;
a follow-up result needs the completion day; an unknown building is refused), exported back
unchanged, and the node's page showing requirement against outcome with overdue follow-ups."""

import datetime

import pytest
from django.test import Client

from nettonoll.adaptation.models import NewBuildProject
from nettonoll.calc.problems import Rejected
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Level, Node, Role
from nettonoll.registers.tables import table_import, table_rows
from tests.factories import NodeFactory, UserFactory

pytestmark = pytest.mark.django_db
NEXT_YEAR = datetime.date.today().year + 1
PROJECTS = f"""project_code;name;node_code;building_code;requirement;requirement_text;planned_completion;completed_on;achieved_level;result;note
NB-1;Nytt vårdboende;E1;B-1;Miljöbyggnad Silver;;2024-06-30;2024-09-01;guld;uppfyllt;
NB-2;Ny skola;E2;;nollco2;;2025-01-31;2025-03-01;;;
NB-3;Ny förskola;E2;;annat;Passivhus (FEBY);{NEXT_YEAR}-06-30;;;;
NB-4;Tillbyggnad;E1;;miljöbyggnad guld;;2025-05-01;2025-05-10;silver;delvis;Energikravet nåddes inte
"""


@pytest.fixture
def root() -> Node:
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    e1 = NodeFactory(parent=administration, code="E1", name="Vården")
    NodeFactory(parent=administration, code="E2", name="Skolan")
    Building.objects.create(
        organisation=root.organisation, node=e1, building_code="B-1", name="Hus 1",
        atemp_m2=1000, ownership="ägd",
    )  # fmt: skip
    return root


def load(root: Node, text: str) -> object:
    return table_import(
        "new-builds",
        organisation_code=root.organisation.code,
        data=text.encode("cp1252"),
        filename="projekt.csv",
    )


def test_projects_import_and_export_back(root: Node) -> None:
    assert load(root, PROJECTS).created == 4  # type: ignore[attr-defined]
    one = NewBuildProject.objects.get(project_code="NB-1")
    assert (one.requirement, one.achieved_level, one.building.building_code) == (
        "miljöbyggnad silver",
        "miljöbyggnad guld",
        "B-1",
    )
    rows = table_rows("new-builds", root.organisation)
    assert rows[0][:10] == [
        "NB-1", "Nytt vårdboende", "E1", "B-1", "miljöbyggnad silver", "", "2024-06-30",
        "2024-09-01", "miljöbyggnad guld", "uppfyllt",
    ]  # fmt: skip
    assert rows[1][3] == ""  # no building


def test_a_bad_file_is_refused_whole_with_line_and_column(root: Node) -> None:
    bad = PROJECTS + (
        "NB-5;X;E1;B-9;annat;;2025-01-01;;;;\n"
        "NB-6;Y;E1;;brons;;2025-01-01;;;uppfyllt;\n"
        "NB-7;Z;E1;;platina;;2025-01-01;;;;\n"
    )
    with pytest.raises(Rejected) as refused:
        load(root, bad)
    where = {(p.line, p.column) for p in refused.value.problems}
    assert {(6, "building_code"), (6, "requirement_text"), (7, "completed_on"),
            (8, "requirement")} <= where  # fmt: skip
    assert not NewBuildProject.objects.filter(organisation=root.organisation).exists()


def test_the_page_shows_requirement_against_outcome_and_overdue_follow_ups(root: Node) -> None:
    load(root, PROJECTS)
    client = Client()
    client.force_login(UserFactory(roles=[(root, Role.READER)]))
    page = client.get(f"/org/{root.organisation.code}/nybyggnad/")
    assert page.status_code == 200
    text = page.content.decode()
    overdue = text.split("Försenade uppföljningar")[1].split("Krav mot utfall")[0]
    assert "NB-2 Ny skola" in overdue and "färdigt 2025-03-01, ingen uppföljning" in overdue
    assert "NB-1" not in overdue and "NB-3" not in overdue and "NB-4" not in overdue
    table = text.split("Krav mot utfall")[1]
    nb1 = table.split("NB-1")[1].split("</tr>")[0]
    assert "Miljöbyggnad Guld" in nb1 and "når kravet" in nb1 and "Uppfyllt" in nb1
    nb4 = table.split("NB-4")[1].split("</tr>")[0]
    assert "under kravet" in nb4 and "Delvis" in nb4
    assert "Annat: Passivhus (FEBY)" in table
    unit = client.get(f"/org/{root.organisation.code}/nybyggnad/?node=E1").content.decode()
    assert "NB-2" not in unit
