"""Distribution: strategist from the root, managers further down, undo and not applicable."""

import pytest

from nettonoll.organisations.models import Node
from nettonoll.plans import services
from nettonoll.plans.models import Assignment, Goal, Plan
from nettonoll.plans.selectors import coverage, goals_reaching

pytestmark = pytest.mark.django_db


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def goal(code: str) -> Goal:
    return Goal.objects.get(plan__name="Miljömål 2023", code=code)


def test_a_goal_reaches_a_unit_only_through_its_parent(demo: None) -> None:
    with pytest.raises(services.PlanError, match="har inte nått Regional utveckling"):
        services.goal_distribute(goal=goal("M4"), from_node=node("RS-RU"), to_nodes=[])
    services.goal_distribute(goal=goal("M4"), from_node=node("RS"), to_nodes=[node("RS-RU")])
    assert goals_reaching(node("RS-RU"), goal("M4").plan).filter(code="M4").exists()


def test_a_business_goal_measured_centrally_is_not_distributed(demo: None) -> None:
    with pytest.raises(services.PlanError, match="verksamhetsmål"):
        services.goal_distribute(goal=goal("V1"), from_node=node("RJH"), to_nodes=[node("RS")])


def test_distribution_goes_only_to_children(demo: None) -> None:
    with pytest.raises(services.PlanError, match="ligger inte direkt under"):
        services.goal_distribute(
            goal=goal("M1"), from_node=node("RS"), to_nodes=[node("RS-SERV-KOST")]
        )


def test_distributing_to_all_children_in_one_action(demo: None) -> None:
    children = list(Node.objects.get_children(node("RS-DIG")))
    assert children == []
    created = services.goal_distribute(
        goal=goal("M1"),
        from_node=node("RS-STAB"),
        to_nodes=list(Node.objects.get_children(node("RS-STAB"))),
    )
    assert created == 2


def test_undo_is_refused_while_activities_depend_on_it_and_kept_in_history(demo: None) -> None:
    with pytest.raises(services.PlanError, match="aktiviteter under Kost och restaurang"):
        services.goal_undistribute(goal=goal("M4"), node=node("RS-SERV-KOST"))
    removed = services.goal_undistribute(goal=goal("M1"), node=node("RS-SERV-LOG"))
    assert removed == 1
    assert Assignment.history.filter(
        goal_id=goal("M1").pk, node_id=node("RS-SERV-LOG").pk, history_type="-"
    ).exists()


def test_not_applicable_needs_a_reason_and_stops_further_distribution(demo: None) -> None:
    with pytest.raises(services.PlanError, match="Skriv varför"):
        services.goal_mark_not_applicable(goal=goal("M4"), node=node("RS-KTR"), reason=" ")
    services.goal_mark_not_applicable(
        goal=goal("M4"), node=node("RS-KTR"), reason="Avdelningen har inga måltider."
    )
    with pytest.raises(services.PlanError, match="ej tillämpligt"):
        services.goal_distribute(goal=goal("M4"), from_node=node("RS-KTR"), to_nodes=[])


def test_coverage_counts_received_further_and_activities_per_child(demo: None) -> None:
    plan = Plan.objects.get(name="Miljömål 2023")
    rows = {c.node.code: c for c in coverage(node("RS"), plan).children}
    assert rows["RS-SERV"].goals_received == 4
    assert rows["RS-SERV"].goals_distributed_further == 4
    assert rows["RS-SERV"].activities == 6
    assert rows["RS-HR"].goals_received == 3
    assert rows["RS-HR"].goals_distributed_further == 0
    assert rows["RS-HR"].activities == 0


def test_the_manager_distributes_from_the_web_with_all_children(client_as) -> None:  # type: ignore[no-untyped-def]
    plan = Plan.objects.get(name="Miljömål 2023")
    client = client_as("manager")
    response = client.post(
        f"/org/RJH/plans/{plan.pk}/node/RS-SERV/distribute/",
        {"action": "distribute", "goal": goal("M2").pk, "children": ["__all__"]},
    )
    assert response.status_code == 302
    assert (
        Assignment.objects.filter(goal=goal("M2"), node__code__startswith="RS-SERV-").count() == 5
    )
    page = client.get(f"/org/RJH/plans/{plan.pk}/node/RS-SERV/").content.decode()
    assert "M2 är fördelat till 4 nya enheter." in page


def test_a_manager_cannot_distribute_outside_the_subtree(client_as) -> None:  # type: ignore[no-untyped-def]
    plan = Plan.objects.get(name="Miljömål 2023")
    response = client_as("manager").post(
        f"/org/RJH/plans/{plan.pk}/node/RS/distribute/",
        {"action": "distribute", "goal": goal("M4").pk, "children": ["RS-RU"]},
    )
    assert response.status_code == 404
    contributor = client_as("contributor").post(
        f"/org/RJH/plans/{plan.pk}/node/RS-SERV-KOST/distribute/",
        {"action": "not_applicable", "goal": goal("M4").pk, "reason": "x"},
    )
    assert contributor.status_code == 403


def test_a_reminder_goes_to_the_managers_who_have_not_reported(  # type: ignore[no-untyped-def]
    client_as, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    from nettonoll.accounts.models import User
    from nettonoll.organisations.models import Role
    from nettonoll.organisations.services import role_grant

    plan = Plan.objects.get(name="Miljömål 2023")
    boss = User.objects.create_user("chef.hr", email="chef.hr@example.org")
    role_grant(user=boss, node=node("RS-HR"), role=Role.MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("strategist").post(f"/org/RJH/plans/{plan.pk}/node/RS/remind/")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["chef.hr@example.org", "chef@example.org"]
    assert all("rapportera i Helår 2023" in m.body for m in mailoutbox)


def test_a_strategist_creates_a_plan_and_links_a_goal_from_the_web(client_as) -> None:  # type: ignore[no-untyped-def]
    from nettonoll.plans.models import Agenda2030Target, QualityObjective

    client = client_as("strategist")
    response = client.post(
        "/org/RJH/plans/new/",
        {
            "name": "Miljöplan 2026–2030",
            "period_start_year": "2026",
            "period_end_year": "2030",
            "status": "draft",
            "level_names": "Målområde\nMål 2030",
        },
    )
    assert response.status_code == 302
    assert Plan.objects.get(name="Miljöplan 2026–2030").level_names == ["Målområde", "Mål 2030"]
    target = Agenda2030Target.objects.get(code="12.3")
    objective = QualityObjective.objects.get(number=13)
    edited = client.post(
        f"/org/RJH/plans/{goal('M4').plan_id}/goals/{goal('M4').pk}/",
        {
            "title": "Hållbara måltider",
            "kind": "forvaltningsmal",
            "agenda2030_targets": [target.pk],
            "quality_objectives": [objective.pk],
            "regional_strategies": "Livsmedelsstrategi för Jämtland",
        },
    )
    assert edited.status_code == 302
    m4 = goal("M4")
    assert m4.title == "Hållbara måltider"
    assert list(m4.agenda2030_targets.values_list("code", flat=True)) == ["12.3"]
    assert m4.history.count() >= 2
