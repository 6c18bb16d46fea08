"""Units add their own activities; rounds, checklists, conflicts, closing with a snapshot."""

import datetime

import pytest

from nettonoll.organisations.models import Node
from nettonoll.plans import services
from nettonoll.plans.models import Activity, FollowUpEntry, FollowUpRound, Goal, Plan
from nettonoll.plans.selectors import checklist, goal_reports

pytestmark = pytest.mark.django_db


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def plan() -> Plan:
    return Plan.objects.get(name="Miljömål 2023")


def goal(code: str) -> Goal:
    return Goal.objects.get(plan__name="Miljömål 2023", code=code)


def open_round() -> FollowUpRound:
    return FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Helår 2023")


def test_a_contributor_adds_an_activity_from_the_web(client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("contributor").post(
        f"/org/RJH/plans/{plan().pk}/node/RS-SERV-KOST/activities/new/",
        {
            "title": "Vegetariskt alternativ varje dag",
            "goals": [goal("M4").pk],
            "status": "pagar",
            "expected_effect_quantity": "12,5",
            "expected_effect_unit": "t CO2e/år",
            "cost_sek": "20 000",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    activity = Activity.objects.get(title="Vegetariskt alternativ varje dag")
    assert activity.node.code == "RS-SERV-KOST"
    assert str(activity.expected_effect_quantity) == "12.500"


def test_a_goal_that_has_not_reached_the_unit_is_refused_with_a_clear_message(demo: None) -> None:
    with pytest.raises(services.PlanError, match="Målet M1 har inte nått Kost och restaurang"):
        services.activity_create(node=node("RS-SERV-KOST"), goals=[goal("M1")], title="Cykel")


def test_a_contributor_cannot_add_activities_to_another_unit(client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("contributor").get(
        f"/org/RJH/plans/{plan().pk}/node/RS-SERV-FORD/activities/new/"
    )
    assert response.status_code == 404


def test_the_second_of_two_concurrent_edits_is_refused(demo: None) -> None:
    activity = Activity.objects.get(title__startswith="Elbilar")
    seen = activity.version
    services.activity_update(
        activity=activity,
        expected_version=seen,
        goals=[goal("M1")],
        title="Elbilar först",
        status="pagar",
    )
    with pytest.raises(services.ConflictError) as caught:
        services.activity_update(
            activity=activity,
            expected_version=seen,
            goals=[goal("M1")],
            title="Min titel",
            status="pagar",
        )
    assert caught.value.current.title == "Elbilar först"  # type: ignore[attr-defined]
    assert Activity.objects.get(pk=activity.pk).title == "Elbilar först"


def test_checklist_holds_the_units_goals_and_activities(demo: None) -> None:
    items = checklist(node("RS-SERV-KOST"), open_round())
    assert [i.goal.code for i in items if i.goal] == ["M3", "M4"]
    assert len([i for i in items if i.activity]) == 2


def test_reporting_twice_on_the_same_version_is_a_conflict(demo: None) -> None:
    activity = Activity.objects.get(title__startswith="Rekrytering")
    services.entry_report(
        round_=open_round(),
        node=activity.node,
        activity=activity,
        status="genomford",
        comment="Energiingenjören började i oktober.",
        expected_version=None,
    )
    with pytest.raises(services.ConflictError, match="Någon annan har rapporterat"):
        services.entry_report(
            round_=open_round(),
            node=activity.node,
            activity=activity,
            status="pagar",
            comment="Pågår fortfarande.",
            expected_version=None,
        )
    entry = FollowUpEntry.objects.get(round=open_round(), activity=activity)
    assert entry.comment == "Energiingenjören började i oktober."
    assert Activity.objects.get(pk=activity.pk).status == "genomford"


def test_the_web_shows_the_conflict_with_the_saved_report(client_as) -> None:  # type: ignore[no-untyped-def]
    activity = Activity.objects.get(title__startswith="Minskat svinn")
    url = f"/org/RJH/plans/{plan().pk}/rounds/{open_round().pk}/node/RS-SERV-KOST/"
    key = f"a{activity.pk}"
    data = {
        f"{key}-status": "pagar",
        f"{key}-comment": "Första",
        f"{key}-version": "0",
        f"initial-{key}-status": "",
        f"initial-{key}-comment": "",
    }
    client = client_as("contributor")
    assert client.post(url, data).status_code == 302
    second = client.post(url, data | {f"{key}-comment": "Andra"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Någon annan har rapporterat på den här punkten" in page and "Första" in page
    assert "Andra</textarea>" in page


def test_closing_a_round_freezes_a_snapshot_and_stops_reporting(demo: None) -> None:
    round_ = services.round_close(round_=open_round())
    assert round_.snapshot is not None
    assert round_.snapshot["summary"]["activities_total"] == 10  # type: ignore[index]
    activity = Activity.objects.get(title__startswith="Rekrytering")
    with pytest.raises(services.PlanError, match="stängd"):
        services.entry_report(
            round_=round_,
            node=activity.node,
            activity=activity,
            status="pagar",
            comment="",
            expected_version=None,
        )
    with pytest.raises(services.PlanError, match="redan en omgång"):
        services.round_open(plan=plan(), name="Helår 2023", deadline=datetime.date(2024, 1, 31))


def test_only_one_round_is_open_at_a_time(demo: None) -> None:
    with pytest.raises(services.PlanError, match="redan en öppen"):
        services.round_open(
            plan=plan(), name="Delår augusti 2024", deadline=datetime.date(2024, 8, 31)
        )


def test_manual_status_requires_a_justification_and_wins_over_the_rule(demo: None) -> None:
    with pytest.raises(services.PlanError, match="motivering"):
        services.goal_override_status(goal=goal("M2"), status="off_track", reason="")
    services.goal_override_status(goal=goal("M2"), status="off_track", reason="Elpriset styr")
    report = next(r for r in goal_reports(node("RS"), plan()) if r.goal.code == "M2")
    assert (report.status, report.is_override) == ("off_track", True)


def test_a_round_is_compared_with_the_frozen_previous_round(demo: None) -> None:
    from nettonoll.plans.selectors import round_comparison

    activity = Activity.objects.get(title__startswith="Minskat svinn")
    services.entry_report(
        round_=open_round(),
        node=activity.node,
        activity=activity,
        status="genomford",
        comment="Klart",
        expected_version=None,
    )
    comparison = round_comparison(open_round())
    assert comparison.previous is not None and comparison.previous.name == "Delår augusti 2023"
    figures = {key: (before, now) for key, before, now in comparison.figures}
    assert figures["reports_done"] == (6, 1)
    assert ("RS-SERV-KOST", activity.title, "pagar", "genomford") in comparison.changed_entries
