"""The new-build projects register as a declaration (`registers.declare`)."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from nettonoll.adaptation import specs
from nettonoll.adaptation.models import (
    ClimateRisk,
    FollowUpResult,
    NewBuildProject,
    Requirement,
)
from nettonoll.calc import adaptation
from nettonoll.calc.problems import Problem, register
from nettonoll.common.tablespec import Line
from nettonoll.estate.models import Building
from nettonoll.registers.children import ChildTable
from nettonoll.registers.declarations import Register, date_cell, yes_no_cell

PROBLEMS = register(
    {
        "new_build_other_without_text": gettext_noop(
            "skriv kravet i requirement_text när miljökravet är annat"
        ),
        "new_build_result_before_completion": gettext_noop(
            "uppföljningen görs när projektet är färdigt: fyll i completed_on"
        ),
        "new_build_fulfilled_below_level": gettext_noop(
            "uppnådd nivå %(achieved)s är lägre än kravet %(required)s: result kan inte vara "
            "uppfyllt"
        ),
    }
)


def new_build_row(p: NewBuildProject) -> list[object]:
    return [
        p.project_code,
        p.name,
        p.node.code,
        p.building.building_code if p.building is not None else "",
        p.requirement,
        p.requirement_text,
        date_cell(p.planned_completion),
        date_cell(p.completed_on),
        p.achieved_level,
        p.result,
        p.note,
    ]


def building_references(organisation: Any) -> Mapping[str, Mapping[str, Any]]:
    buildings = Building.objects.filter(organisation=organisation)
    return {"building_code": {b.building_code: b for b in buildings}}


def new_build_checks(row: Line, fields: Mapping[str, Any]) -> Iterator[Problem]:
    if row["requirement"] == Requirement.OTHER and not (row["requirement_text"] or "").strip():
        yield Problem("new_build_other_without_text", {}, row.line, "requirement_text")
    if row["result"] and row["completed_on"] is None:
        yield Problem("new_build_result_before_completion", {}, row.line, "completed_on")
    required, achieved = row["requirement"], row["achieved_level"]
    below = adaptation.level_met(required or "", achieved or "") is False
    if row["result"] == FollowUpResult.MET and below:
        params = {"achieved": achieved, "required": required}
        yield Problem("new_build_fulfilled_below_level", params, row.line, "result")


def _projects(n: int) -> str:
    return ngettext("%(n)d nybyggnadsprojekt", "%(n)d nybyggnadsprojekt", n) % {"n": n}


NEW_BUILDS = Register(
    key="new-builds",
    slug="nybyggnadsprojekt",
    model=NewBuildProject,
    label=_("nybyggnadsprojekt"),
    label_plural=_("Nybyggnadsprojekt"),
    code_field="project_code",
    spec=specs.NEW_BUILDS,
    row=new_build_row,
    list_fields=(
        "project_code",
        "name",
        "node",
        "requirement",
        "planned_completion",
        "completed_on",
        "result",
    ),
    filters=("requirement", "result"),
    form_fields=(
        "project_code",
        "name",
        "node",
        "building",
        "requirement",
        "requirement_text",
        "planned_completion",
        "completed_on",
        "achieved_level",
        "result",
        "note",
    ),
    new_label=_("Nytt nybyggnadsprojekt"),
    word=_("nybyggnadsprojekt"),
    count_label=_projects,
    checks=new_build_checks,
    references=building_references,
    field_of={"building_code": "building"},
    list_on_day=False,
    endable=False,
    overview="adaptation:new_builds",
)


def risk_row(r: ClimateRisk) -> list[object]:
    return [
        r.building.building_code,
        r.hazard,
        r.likelihood,
        r.consequence,
        yes_no_cell(r.vulnerable_use),
        r.note,
    ]


# A building's climate risks in a file (the measures are chosen on the building's page)
CLIMATE_RISKS = ChildTable(
    key="climate-risks",
    slug="klimatrisker",
    model=ClimateRisk,
    label_plural=_("Klimatrisker"),
    word=_("klimatrisker"),
    parent="buildings",
    parent_column="building_code",
    parent_field="building",
    spec=specs.CLIMATE_RISKS,
    row=risk_row,
)
