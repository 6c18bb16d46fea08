"""A new-build project whose achieved Miljöbyggnad level is below the required one cannot be
followed up as fulfilled ("uppfyllt"): refused in a file with line and column (and in the form,
by the model's rule)."""

import pytest
from django.core.exceptions import ValidationError

from nettonoll.adaptation.models import NewBuildProject
from nettonoll.calc.problems import Rejected
from nettonoll.organisations.models import Node
from nettonoll.registers.tables import table_import
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db
HEADER = (
    "project_code;name;node_code;building_code;requirement;requirement_text;"
    "planned_completion;completed_on;achieved_level;result;note\n"
)


def test_fulfilled_below_the_required_level_is_refused() -> None:
    root: Node = NodeFactory(code="R")
    text = (
        HEADER
        + "NB-1;Vårdboende;R;;miljöbyggnad silver;;2024-06-30;2024-07-01;miljöbyggnad brons;uppfyllt;\n"
        + "NB-2;Skola;R;;miljöbyggnad silver;;2024-06-30;2024-07-01;miljöbyggnad guld;uppfyllt;\n"
        + "NB-3;Kontor;R;;miljöbyggnad silver;;2024-06-30;2024-07-01;miljöbyggnad brons;delvis;\n"
    )
    with pytest.raises(Rejected) as refused:
        table_import(
            "new-builds",
            organisation_code=root.organisation.code,
            data=text.encode("cp1252"),
            filename="fil.csv",
        )
    assert [(p.line, p.column, p.code) for p in refused.value.problems] == [
        (2, "result", "new_build_fulfilled_below_level")
    ]
    project = NewBuildProject(
        organisation=root.organisation,
        node=root,
        project_code="NB-1",
        name="Vårdboende",
        requirement="miljöbyggnad silver",
        planned_completion="2024-06-30",
        completed_on="2024-07-01",
        achieved_level="miljöbyggnad brons",
        result="uppfyllt",
    )
    with pytest.raises(ValidationError) as invalid:
        project.full_clean(validate_unique=False)
    assert "result" in invalid.value.message_dict
