"""A closed round's board report is built from the state frozen when the round closed: later
activities, overrides, renames and reports do not move a single byte of it."""

import io

import pytest
from docx import Document

from nettonoll.organisations.models import Node
from nettonoll.organisations.services import node_rename
from nettonoll.plans import services
from nettonoll.plans.models import Activity, FollowUpRound, Goal, Plan
from nettonoll.plans.selectors import followup_summary
from nettonoll.plans.snapshots import followup_state
from nettonoll.reports.figures import State, figures, summary
from nettonoll.reports.followup import report_context
from nettonoll.reports.render import render_docx, render_html, render_pdf

pytestmark = pytest.mark.django_db


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def plan() -> Plan:
    return Plan.objects.get(name="Miljömål 2023")


def august() -> FollowUpRound:
    return FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Delår augusti 2023")


def rendered(code: str, round_: FollowUpRound | None) -> tuple[str, bytes, bytes]:
    context = report_context(node(code), plan(), round_)
    return render_html(context), render_pdf(context), render_docx(context)


def later_edits() -> None:
    """What happens in the plan after the August round closed."""
    kost = node("RS-SERV-KOST")
    m4 = Goal.objects.get(plan__name="Miljömål 2023", code="M4")
    m1 = Goal.objects.get(plan__name="Miljömål 2023", code="M1")
    activity = services.activity_create(
        node=kost, goals=[m4], title="Vegetarisk dag varje vecka", status="pagar"
    )
    services.goal_override_status(goal=m1, status="achieved", reason="Bedömt i efterhand.")
    node_rename(node=kost, name="Måltidsservice")
    full_year = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Helår 2023")
    services.entry_report(
        round_=full_year,
        node=kost,
        activity=activity,
        status="genomford",
        comment="Infört i alla kök.",
        expected_version=None,
    )
    cars = Activity.objects.get(title="Elbilar när leasingavtalen löper ut")
    services.entry_report(
        round_=full_year,
        node=cars.node,
        activity=cars,
        status="genomford",
        comment="Alla leasingbilar är nu elbilar.",
        expected_version=None,
    )


def test_the_closed_demo_round_reports_its_snapshot_not_todays_data(demo: None) -> None:
    round_ = august()
    assert round_.snapshot is not None
    later_edits()
    context = report_context(node("RS"), plan(), round_)
    frozen = round_.snapshot["summary"]
    assert context["summary"]["activities_total"] == frozen["activities_total"] == 10
    assert context["summary"]["reports_done"] == 6
    html = render_html(context)
    assert "Vegetarisk dag varje vecka" not in html
    assert "Måltidsservice" not in html and "Kost och restaurang" in html
    assert "Bedömt i efterhand" not in html
    assert "Alla leasingbilar är nu elbilar" not in html
    assert (
        "<strong>Elbilar när leasingavtalen löper ut</strong> (Fordon och transport, pågår)" in html
    )
    assert "frystes" in context["state_text"] and "Delår augusti 2023" in context["state_text"]
    live = report_context(node("RS"), plan(), None)
    assert live["summary"]["activities_total"] == 11
    assert "Vegetarisk dag varje vecka" in render_html(live)
    assert "(live)" in live["state_text"]


def test_a_closed_rounds_report_is_byte_for_byte_the_same_after_later_edits(demo: None) -> None:
    round_ = august()
    before = {code: rendered(code, round_) for code in ("RJH", "RS", "RS-SERV")}
    later_edits()
    after = {code: rendered(code, august()) for code in ("RJH", "RS", "RS-SERV")}
    for code in before:
        html, pdf, docx = before[code]
        assert after[code][0] == html, code
        assert after[code][1] == pdf, code
        assert after[code][2] == docx, code
    # and a live report does move
    assert rendered("RS", None)[0] != before["RS"][0]


def test_the_frozen_report_names_the_round_and_the_freeze_time(demo: None) -> None:
    round_ = august()
    context = report_context(node("RS"), plan(), round_)
    assert context["generated_at"] == round_.closed_at
    text = "\n".join(p.text for p in Document(io.BytesIO(render_docx(context))).paragraphs)
    assert "Omgången Delår augusti 2023 är stängd" in text
    core = Document(io.BytesIO(render_docx(context))).core_properties
    assert core.created is not None and round_.closed_at is not None
    assert abs((core.created - round_.closed_at).total_seconds()) < 1
    full_year = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Helår 2023")
    assert "är öppen (live)" in report_context(node("RS"), plan(), full_year)["state_text"]


def test_an_old_snapshot_without_the_report_state_is_read_as_live(demo: None) -> None:
    """Rounds closed before the whole state was frozen keep their summary snapshot; their report
    says it shows today's data rather than failing."""
    round_ = august()
    assert round_.snapshot is not None
    round_.snapshot = {k: v for k, v in round_.snapshot.items() if k != "report"}
    round_.save(update_fields=["snapshot"])
    context = report_context(node("RS"), plan(), round_)
    assert "innan hela rapportunderlaget frystes" in context["state_text"]
    assert context["summary"]["activities_total"] == 10


@pytest.mark.parametrize("code", ["RJH", "RS", "RS-SERV", "RS-SERV-KOST"])
def test_the_reports_figures_equal_the_plan_pages_figures(demo: None, code: str) -> None:
    """The report computes from the state; the plan pages from the database: the same rules."""
    full_year = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Helår 2023")
    for round_ in (None, full_year):
        state = State(followup_state(node(code), plan(), round_), node(code).pk)
        assert summary(state, figures(state)) == followup_summary(node(code), plan(), round_)
