"""The new-build projects' table spec (`nettonoll import|export register new-builds`)."""

from nettonoll.adaptation.models import (
    Consequence,
    FollowUpResult,
    Hazard,
    Likelihood,
    NewBuildProject,
    Requirement,
)
from nettonoll.common.tablespec import (
    Boolean,
    Choice,
    Code,
    Date,
    NodeReference,
    Reference,
    TableSpec,
    Text,
    max_length,
)
from nettonoll.registers.specs import aliases

REQUIREMENTS = aliases(
    Requirement,
    {
        "brons": "miljöbyggnad brons",
        "silver": "miljöbyggnad silver",
        "guld": "miljöbyggnad guld",
        "mb brons": "miljöbyggnad brons",
        "mb silver": "miljöbyggnad silver",
        "mb guld": "miljöbyggnad guld",
        "miljobyggnad brons": "miljöbyggnad brons",
        "miljobyggnad silver": "miljöbyggnad silver",
        "miljobyggnad guld": "miljöbyggnad guld",
        "bronze": "miljöbyggnad brons",
        "gold": "miljöbyggnad guld",
        "noll co2": "nollco2",
        "other": "annat",
    },
)
RESULTS = aliases(
    FollowUpResult,
    {"met": "uppfyllt", "partly": "delvis", "not met": "ej uppfyllt", "ej uppfyllt": "ej uppfyllt"},
)

NEW_BUILDS = TableSpec(
    title="Nybyggnadsprojekt",
    columns=(
        Code(
            name="project_code",
            required=True,
            max_length=max_length(NewBuildProject, "project_code"),
            example="NB-1",
        ),
        Text(
            name="name",
            required=True,
            max_length=max_length(NewBuildProject, "name"),
            example="Nytt vårdboende",
        ),
        NodeReference(name="node_code", required=True, example="1010"),
        Reference(name="building_code", example="B-101"),
        Choice(
            name="requirement", required=True, aliases=REQUIREMENTS, example="miljöbyggnad silver"
        ),
        Text(
            name="requirement_text",
            max_length=max_length(NewBuildProject, "requirement_text"),
        ),
        Date(name="planned_completion", required=True, example="2027-06-30"),
        Date(name="completed_on"),
        Choice(name="achieved_level", aliases=REQUIREMENTS, default=""),
        Choice(name="result", aliases=RESULTS, default=""),
        Text(name="note", max_length=2000),
    ),
    key=("project_code",),
)

HAZARDS = aliases(
    Hazard,
    {
        "oversvamning": "översvämning",
        "varmebolja": "värmebölja",
        "ras": "ras/skred",
        "skred": "ras/skred",
        "ras och skred": "ras/skred",
        "cloudburst": "skyfall",
        "flooding": "översvämning",
        "heatwave": "värmebölja",
        "landslide": "ras/skred",
    },
)

CLIMATE_RISKS = TableSpec(
    title="Klimatrisker",
    columns=(
        Reference(name="building_code", required=True, example="B-101"),
        Choice(name="hazard", required=True, aliases=HAZARDS, example="värmebölja"),
        Choice(name="likelihood", required=True, aliases=aliases(Likelihood), example="3"),
        Choice(name="consequence", required=True, aliases=aliases(Consequence), example="2"),
        Boolean(name="vulnerable_use", example="ja"),
        Text(name="note", max_length=2000),
    ),
    key=("building_code", "hazard"),
)
