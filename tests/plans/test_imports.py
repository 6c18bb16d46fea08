"""Bulk imports of plans, distributions and activities: atomic, line-numbered Swedish errors."""

import io

import openpyxl
import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.plans.imports import (
    activities_import,
    activity_rows,
    distributions_import,
    plan_import,
    plan_rows,
)
from nettonoll.plans.models import Activity, Assignment, Goal, Plan

pytestmark = pytest.mark.django_db

PLAN = """code;title;parent_code;level;kind;deadline
A;Vi minimerar vårt klimatavtryck;;Övergripande mål;förvaltningsmål;
A1;Resor och transporter;A;Målområde;förvaltningsmål;
A1.1;Fossilfria resor;A1;Mål 2025;förvaltningsmål;2025
V;Utsläpp från tjänsteresor;;Övergripande mål;verksamhetsmål;2025-12-31
"""


def run_plan(text: str, plan: str = "Ny plan") -> object:
    return plan_import(
        organisation_code="RV", plan_name=plan, data=text.encode("cp1252"), filename="p.csv"
    )


def messages(caught: pytest.ExceptionInfo[Rejected]) -> list[str]:
    return [p.text() for p in caught.value.problems]


def test_a_new_plan_is_created_with_the_levels_the_file_uses(demo: None) -> None:
    run_plan(PLAN)
    plan = Plan.objects.get(organisation__code="RV", name="Ny plan")
    assert plan.level_names == ["Övergripande mål", "Målområde", "Mål 2025"]
    assert plan.goals.get(code="A1.1").parent.code == "A1"  # type: ignore[union-attr]
    assert plan.goals.get(code="V").kind == "verksamhetsmal"
    assert plan.period_end_year == 2025


def test_bad_plan_lines_are_all_listed_and_nothing_is_stored(demo: None) -> None:
    bad = (
        PLAN
        + "B;;X;Målområde;förvaltningsmål;\nC;Cirkel;C2;Målområde;foo;31/12\nC2;Cirkel 2;C;Målområde;;\n"
    )
    with pytest.raises(Rejected) as caught:
        run_plan(bad)
    found = messages(caught)
    assert "rad 6, kolumn title: titeln saknas" in found
    assert "rad 6, kolumn parent_code: okänd överordnad kod 'X'" in found
    assert any(m.startswith("rad 7, kolumn kind: okänd typ 'foo'") for m in found)
    assert any(
        m.startswith("rad 7, kolumn deadline: datumet '31/12' kan inte läsas") for m in found
    )
    assert "rad 7, kolumn parent_code: cykel i målträdet: C → C2 → C" in found
    assert not Plan.objects.filter(name="Ny plan").exists()


def test_levels_must_match_an_existing_plans_level_names(demo: None) -> None:
    text = "code,title,parent_code,level,kind,deadline\nA9,Nytt,A,Övergripande mål,,\n"
    with pytest.raises(Rejected) as caught:
        run_plan(text, plan="Miljöplan 2021–2025")
    assert messages(caught) == [
        "rad 2, kolumn level: nivån 'Övergripande mål' stämmer inte med platsen i målträdet "
        "(väntad nivå: Målområde)"
    ]


def test_distributions_need_the_parent_to_hold_the_goal_or_get_it_in_the_same_file(
    demo: None,
) -> None:
    text = "goal_code,node_code\nA1,HSV-CSK-KOST\nA1,RLF-FAST\nA1,RLF\nB1,NOPE\n"
    with pytest.raises(Rejected) as caught:
        distributions_import(
            organisation_code="RV",
            plan_name="Miljöplan 2021–2025",
            data=text.encode(),
            filename="d.csv",
        )
    found = messages(caught)
    assert (
        "rad 2, kolumn node_code: 'A1' har inte nått 'HSV-CSK', som ligger över 'HSV-CSK-KOST'"
        in found
    )
    assert "rad 5, kolumn node_code: okänd enhet 'NOPE'" in found
    assert not Assignment.objects.filter(goal__plan__name="Miljöplan 2021–2025").exists()
    good = "goal_code,node_code\nA1,RLF-FAST\nA1,RLF\n"
    result = distributions_import(
        organisation_code="RV",
        plan_name="Miljöplan 2021–2025",
        data=good.encode(),
        filename="d.csv",
    )
    assert result.created == 2  # type: ignore[attr-defined]


def test_activities_import_checks_that_goals_reach_the_unit_and_is_repeatable(demo: None) -> None:
    text = (
        "node_code;title;goal_codes;status;comment\n"
        "RS-SERV-KOST;Lokala råvaror;M4|M3;pågår;Upphandlat\n"
        "RS-SERV-KOST;Cykelbud;M1;ej påbörjad;\n"
        "RS-SERV-FORD;Eldrivna truckar;M1;klar;\n"
    )
    with pytest.raises(Rejected) as caught:
        activities_import(
            organisation_code="RJH", plan_name="Miljömål 2023", data=text.encode(), filename="a.csv"
        )
    found = messages(caught)
    assert "rad 3, kolumn goal_codes: målet 'M1' har inte nått 'RS-SERV-KOST'" in found
    assert any(m.startswith("rad 4, kolumn status: okänd status 'klar'") for m in found)
    assert not Activity.objects.filter(title="Lokala råvaror").exists()
    good = "node_code;title;goal_codes;status;comment\nRS-SERV-KOST;Lokala råvaror;M4|M3;pågår;Upphandlat\n"
    first = activities_import(
        organisation_code="RJH", plan_name="Miljömål 2023", data=good.encode(), filename="a.csv"
    )
    again = activities_import(
        organisation_code="RJH", plan_name="Miljömål 2023", data=good.encode(), filename="a.csv"
    )
    assert (first.created, again.created, again.unchanged) == (1, 0, 1)  # type: ignore[attr-defined]


def test_exports_can_be_imported_again_unchanged(demo: None) -> None:
    plan = Plan.objects.get(name="Miljömål 2023")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["node_code", "title", "goal_codes", "status", "comment"])
    for row in activity_rows(plan):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = activities_import(
        organisation_code="RJH",
        plan_name="Miljömål 2023",
        data=buffer.getvalue(),
        filename="a.xlsx",
    )
    assert (result.created, result.updated, result.unchanged) == (0, 0, 10)  # type: ignore[attr-defined]
    text = "code;title;parent_code;level;kind;deadline\n" + "\n".join(
        ";".join(map(str, r)) for r in plan_rows(plan)
    )
    again = plan_import(
        organisation_code="RJH", plan_name="Miljömål 2023", data=text.encode(), filename="p.csv"
    )
    assert again.unchanged == Goal.objects.filter(plan=plan).count()  # type: ignore[attr-defined]


def test_web_import_lists_the_problems_and_stores_nothing(client_as) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = Plan.objects.get(name="Miljömål 2023")
    data = "goal_code;node_code\nM4;RS-RU-X\n".encode("cp1252")
    response = client_as("strategist").post(
        f"/org/RJH/plans/{plan.pk}/import/",
        {"kind": "distributions", "file": SimpleUploadedFile("f.csv", data)},
    )
    assert response.status_code == 400
    assert "rad 2, kolumn node_code: okänd enhet &#x27;RS-RU-X&#x27;" in response.content.decode()
    export = client_as("reader").get(f"/org/RJH/plans/{plan.pk}/export/distributions.xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.values)  # type: ignore[union-attr]
    assert rows[0] == ("goal_code", "node_code") and len(rows) > 30
