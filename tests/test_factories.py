"""The factories build a world the application accepts: a consistent tree, users who can log in
with their roles, plans with goals and activities."""

import pytest
from django.test import Client

from nettonoll.organisations.models import Level, Node, Role, RoleGrant
from tests.factories import (
    PASSWORD,
    ActivityFactory,
    GoalFactory,
    NodeFactory,
    PlanFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_nodes_form_a_consistent_tree_of_one_organisation() -> None:
    region = NodeFactory(code="R", level=Level.REGION)
    department = NodeFactory(parent=region, code="R-A", level=Level.DEPARTMENT)
    units = [NodeFactory(parent=department, code=f"R-A-{n}") for n in (2, 1)]

    assert region.is_root() and region.depth == 1
    assert {u.organisation_id for u in units} == {region.organisation_id}
    assert Node.objects.get_parent(units[0]) == department
    assert [n.code for n in Node.objects.get_children(department)] == ["R-A-1", "R-A-2"]
    assert Node.objects.get(pk=department.pk).numchild == 2
    assert [n.code for n in Node.objects.get_ancestors(units[1])] == ["R", "R-A"]
    scoped = Node.objects.filter(organisation=region.organisation)
    problems = Node.objects.find_problems()
    assert not any(set(ids) & set(scoped.values_list("pk", flat=True)) for ids in problems)
    other = NodeFactory()
    assert other.is_root() and other.organisation_id != region.organisation_id


def test_a_user_logs_in_with_the_factory_password_and_holds_the_given_roles() -> None:
    region = NodeFactory(name="Region Faktura", level=Level.REGION)
    user = UserFactory(roles=[(region, Role.STRATEGIST)])
    assert list(RoleGrant.objects.filter(user=user).values_list("node", "role")) == [
        (region.pk, Role.STRATEGIST)
    ]
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert "Region Faktura" in client.get("/").content.decode()


def test_goals_and_activities_belong_to_the_plan_and_node_given() -> None:
    unit = NodeFactory(parent=NodeFactory(), level=Level.UNIT)
    plan = PlanFactory(organisation=unit.organisation)
    goals = GoalFactory.create_batch(2, plan=plan)
    activity = ActivityFactory(node=unit, goals=goals)
    assert activity.node == unit
    assert set(activity.goals.all()) == set(goals)
    assert set(plan.goals.all()) == set(goals)
