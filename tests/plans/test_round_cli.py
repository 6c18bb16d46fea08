"""`nettonoll round open|close` by the plan's and round's names as the web shows them, and
`nettonoll report followup --round` reading a closed round's frozen state."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nettonoll.cli import main
from nettonoll.organisations.models import Node
from nettonoll.plans import services
from nettonoll.plans.models import FollowUpRound, Goal, RoundStatus

pytestmark = pytest.mark.django_db

PLAN = ["--organisation", "RJH", "--plan", "Miljömål 2023"]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_a_round_is_closed_and_a_new_one_opened_by_name(demo: None) -> None:
    code, output = invoke("round", "close", *PLAN, "--name", "Helår 2023")
    assert code == 0, output
    assert "Omgången 'Helår 2023' är stängd och fryst" in output
    closed = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Helår 2023")
    assert closed.status == RoundStatus.CLOSED and closed.snapshot["report"]["version"] == 2
    code, output = invoke(
        "round", "open", *PLAN, "--name", "Delår april 2024", "--deadline", "2024-04-30"
    )
    assert code == 0, output
    opened = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Delår april 2024")
    assert opened.is_open and opened.deadline.isoformat() == "2024-04-30"


def test_clear_errors_for_unknown_names_and_rounds_already_open_or_closed(demo: None) -> None:
    code, output = invoke("round", "close", *PLAN, "--name", "Delår augusti 2023")
    assert code == 1 and "Omgången 'Delår augusti 2023' är redan stängd." in output
    code, output = invoke("round", "close", *PLAN, "--name", "Okänd")
    assert code == 1 and "Omgången 'Okänd' finns inte i planen 'Miljömål 2023'." in output
    assert "'Delår augusti 2023'" in output  # the rounds there are
    code, output = invoke(
        "round", "open", "--organisation", "RJH", "--plan", "Miljöplan", "--name", "X"
    )
    assert code == 1 and "Planen 'Miljöplan' finns inte i RJH. Planer: 'Miljömål 2023'" in output
    code, output = invoke("round", "open", *PLAN, "--name", "Helår 2023")
    assert code == 1 and "finns redan i planen 'Miljömål 2023' och är öppen" in output
    code, output = invoke("round", "open", *PLAN, "--name", "Helår 2024")
    assert code == 1 and "Det finns redan en öppen uppföljningsomgång" in output
    code, output = invoke("round", "open", "--organisation", "XX", "--plan", "P", "--name", "R")
    assert code == 1 and "Organisationen XX finns inte." in output


def test_report_followup_with_a_closed_round_shows_the_frozen_state(
    demo: None, tmp_path: Path
) -> None:
    kost = Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")
    m4 = Goal.objects.get(plan__name="Miljömål 2023", code="M4")
    services.activity_create(node=kost, goals=[m4], title="Ny meny", status="pagar")
    args = ["report", "followup", *PLAN, "--node", "RS"]
    code, output = invoke(*args, "--round", "Delår augusti 2023")
    assert code == 0, output
    frozen = json.loads(output)
    assert frozen["activities_total"] == 10 and frozen["activities_by_goal"]["M4"] == 2
    closed_at = FollowUpRound.objects.get(name="Delår augusti 2023").closed_at
    assert closed_at is not None and frozen["frozen_at"] == closed_at.isoformat()
    code, output = invoke(*args)
    assert json.loads(output)["activities_total"] == 11
    assert json.loads(output)["frozen_at"] is None
    html = tmp_path / "r.html"
    code, output = invoke(
        *args, "--round", "Delår augusti 2023", "--format", "html", "--out", str(html)
    )
    assert code == 0, output
    assert "Ny meny" not in html.read_text() and "frystes" in html.read_text()
