"""The board report reads like the Jämtland Härjedalen follow-up, in HTML, PDF, DOCX and JSON."""

import io
import json
import subprocess
from pathlib import Path

import pytest
from docx import Document

from nettonoll.organisations.models import Node
from nettonoll.plans.models import FollowUpRound, Plan
from nettonoll.reports.followup import report_context
from nettonoll.reports.render import render_docx, render_pdf
from tests.commandline import NETTONOLL, nettonoll_env

pytestmark = pytest.mark.django_db


def rs() -> Node:
    return Node.objects.get(organisation__code="RJH", code="RS")


def test_the_sentences_match_the_seed_report(demo: None) -> None:
    text = " ".join(report_context(rs(), Plan.objects.get(name="Miljömål 2023"), None)["sentences"])
    assert (
        "Alla avdelningar har fått tre eller fyra miljömål nerfördelade, av fyra möjliga." in text
    )
    assert "Endast en avdelning (Regionservice) har fördelat mål till enhetsnivå." in text
    assert (
        "Fyra avdelningar av nio har minst en aktivitet inlagd, och totalt tio aktiviteter" in text
    )


def test_pdf_and_docx_hold_the_report(demo: None) -> None:
    context = report_context(rs(), Plan.objects.get(name="Miljömål 2023"), None)
    pdf = render_pdf(context)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    document = Document(io.BytesIO(render_docx(context)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Uppföljning av aktiviteter kopplade till miljömål" in text
    assert "Minskat svinn i matproduktionen" in text
    assert "Förslag till beslut" in text


def test_the_strategist_edits_the_decision_proposal(client_as) -> None:  # type: ignore[no-untyped-def]
    plan = Plan.objects.get(name="Miljömål 2023")
    round_ = FollowUpRound.objects.get(plan=plan, name="Helår 2023")
    url = f"/org/RJH/plans/{plan.pk}/node/RS/report/"
    response = client_as("strategist").post(
        url, {"round": round_.pk, "decision_proposal": "Godkänns med tillägg."}
    )
    assert response.status_code == 302
    assert (
        "Godkänns med tillägg."
        in client_as("reader").get(f"{url}?round={round_.pk}").content.decode()
    )
    assert (
        client_as("reader").post(url, {"round": round_.pk, "decision_proposal": "x"}).status_code
        == 403
    )


def test_report_followup_json_from_the_command_line(demo_data_dir: Path) -> None:
    """Against a copy of the demo database as `nettonoll demo --no-serve` built it."""
    tmp_path = demo_data_dir
    env = nettonoll_env(tmp_path)
    nettonoll = NETTONOLL
    result = subprocess.run(
        [
            nettonoll,
            "report",
            "followup",
            "--organisation",
            "RJH",
            "--plan",
            "Miljömål 2023",
            "--node",
            "RS",
            "--format",
            "json",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(result.stdout)
    assert data["node"] == "RS"
    assert data["goals_total"] == 4
    assert data["children"] == 9
    assert data["children_by_goals_received"] == {"3": 5, "4": 4}
    assert data["children_distributed_further"] == 1
    assert data["children_with_activities"] == 4
    assert data["activities_total"] == 10
    assert data["activities_by_goal"] == {"M1": 3, "M2": 3, "M3": 3, "M4": 2}
    docx = tmp_path / "r.docx"
    subprocess.run(
        [
            nettonoll,
            "report",
            "followup",
            "--organisation",
            "RJH",
            "--plan",
            "Miljömål 2023",
            "--node",
            "RS",
            "--round",
            "Delår augusti 2023",
            "--format",
            "docx",
            "--out",
            str(docx),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    assert "Delår augusti 2023" in "\n".join(p.text for p in Document(str(docx)).paragraphs)


def test_a_goal_with_many_activities_names_fifteen_and_points_to_the_list(demo: None) -> None:
    from nettonoll.plans import services
    from nettonoll.plans.models import Goal

    m4 = Goal.objects.get(plan__name="Miljömål 2023", code="M4")
    kost = Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")
    for number in range(20):
        services.activity_create(node=kost, goals=[m4], title=f"Meny {number}", status="pagar")
    context = report_context(rs(), Plan.objects.get(name="Miljömål 2023"), None)
    item = next(i for i in context["goals"] if i["code"] == "M4")
    assert (len(item["activities"]), item["activities_total"], item["activities_more"]) == (
        15,
        22,
        7,
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(render_docx(context))).paragraphs)
    assert "Ytterligare 7 aktiviteter finns i aktivitetslistan (export till Excel)." in text
