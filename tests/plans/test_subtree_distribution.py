"""Several goals to every unit of a subtree down to a chosen level, in one action."""

from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from nettonoll.organisations.models import LEVEL_RANK, Level, Node
from nettonoll.organisations.selectors import node_subtree
from nettonoll.plans import services
from nettonoll.plans.models import Assignment, Goal
from nettonoll.plans.services.distribution import (
    goals_distribute_to_subtree,
    subtree_distribution_plan,
)

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def goals(*codes: str) -> list[Goal]:
    return list(Goal.objects.filter(plan__name="Miljömål 2023", code__in=codes).order_by("code"))


def units_below(root: Node, lowest: Level) -> list[Node]:
    return [
        n
        for n in node_subtree(root)
        if n.pk != root.pk and LEVEL_RANK[Level(n.level)] <= LEVEL_RANK[lowest]
    ]


def test_two_goals_reach_every_unit_of_the_subtree_and_the_preview_said_so(demo: None) -> None:
    chosen, rs = goals("M2", "M3"), node("RS")
    units = units_below(rs, Level.UNIT)
    before = Assignment.objects.filter(goal__in=chosen, node__in=units).count()
    preview = subtree_distribution_plan(chosen, rs, Level.UNIT)
    assert Assignment.objects.filter(goal__in=chosen, node__in=units).count() == before
    assert (preview.units, preview.existing) == (len(units), before)
    assert preview.created == 2 * len(units) - before > 0

    done = goals_distribute_to_subtree(goals=chosen, root=rs, lowest_level=Level.UNIT)
    assert (done.created, done.existing) == (preview.created, preview.existing)
    for goal in chosen:
        assert set(Assignment.objects.filter(goal=goal).values_list("node", flat=True)) >= {
            u.pk for u in units
        }
    again = goals_distribute_to_subtree(goals=chosen, root=rs, lowest_level=Level.UNIT)
    assert (again.created, again.existing) == (0, 2 * len(units))


def test_the_lowest_level_stops_the_distribution(demo: None) -> None:
    (m2,) = goals("M2")
    at_units = set(
        Assignment.objects.filter(goal=m2, node__level=Level.UNIT).values_list("pk", flat=True)
    )
    done = goals_distribute_to_subtree(goals=[m2], root=node("RJH"), lowest_level=Level.DEPARTMENT)
    assert done.created > 0
    departments = units_below(node("RJH"), Level.DEPARTMENT)
    assert Assignment.objects.filter(goal=m2, node__in=departments).count() == len(departments)
    assert (
        set(Assignment.objects.filter(goal=m2, node__level=Level.UNIT).values_list("pk", flat=True))
        == at_units
    )


def test_a_unit_where_the_goal_is_not_applicable_keeps_its_subtree_out(demo: None) -> None:
    (m2,) = goals("M2")
    stab = node("RS-STAB")
    services.goal_distribute(goal=m2, from_node=node("RS"), to_nodes=[stab])
    services.goal_mark_not_applicable(goal=m2, node=stab, reason="Ingen verksamhet som berörs")
    done = goals_distribute_to_subtree(goals=[m2], root=node("RS"), lowest_level=Level.UNIT)
    below_stab = [n.pk for n in units_below(stab, Level.UNIT)]
    assert below_stab and done.not_applicable == len(below_stab)
    assert not Assignment.objects.filter(goal=m2, node__in=below_stab).exists()


def test_goals_that_have_not_reached_the_subtree_or_are_measured_centrally_are_refused(
    demo: None,
) -> None:
    before = Assignment.objects.count()
    with pytest.raises(services.PlanError, match="verksamhetsmål"):
        goals_distribute_to_subtree(goals=goals("V1", "M2"), root=node("RS"), lowest_level="unit")
    with pytest.raises(services.PlanError, match="M4 har inte nått Regional utveckling"):
        goals_distribute_to_subtree(
            goals=goals("M3", "M4"), root=node("RS-RU"), lowest_level="unit"
        )
    assert Assignment.objects.count() == before


def test_the_strategist_previews_then_distributes_from_the_plan_page(client_as: ClientAs) -> None:
    client = client_as("strategist")
    plan_id = goals("M2")[0].plan_id
    plan_page = client.get(f"/org/RJH/plans/{plan_id}/").content.decode()
    assert f'action="/org/RJH/plans/{plan_id}/distribute/"' in plan_page
    chosen = goals("M2", "M3")
    data = {"goals": [g.pk for g in chosen], "root": "RS-SERV", "lowest_level": "unit"}
    before = Assignment.objects.count()
    preview = client.post(f"/org/RJH/plans/{plan_id}/distribute/", {**data, "preview": "1"})
    assert preview.status_code == 200 and Assignment.objects.count() == before
    counts = preview.context["preview"]
    assert "Förhandsgranskning" in preview.content.decode()
    done = client.post(f"/org/RJH/plans/{plan_id}/distribute/", {**data, "confirm": "1"})
    assert done.status_code == 302
    assert Assignment.objects.count() == before + counts.created
    message = next(str(m) for m in get_messages(done.wsgi_request))
    assert f"{counts.created} fördelningar är gjorda, {counts.existing} fanns redan" in message


@pytest.mark.parametrize(("role", "status"), [("reader", 403), ("manager", 404)])
def test_others_see_no_subtree_distribution_and_are_refused(
    client_as: ClientAs, role: str, status: int
) -> None:
    client = client_as(role)
    plan_id = goals("M2")[0].plan_id
    assert "/distribute/" not in client.get(f"/org/RJH/plans/{plan_id}/").content.decode()
    assert client.get(f"/org/RJH/plans/{plan_id}/distribute/").status_code == status


def test_the_form_says_the_goals_go_down_to_the_chosen_level_not_the_lowest(
    client_as: ClientAs,
) -> None:
    plan_id = goals("M2")[0].plan_id
    page = client_as("strategist").get(f"/org/RJH/plans/{plan_id}/distribute/").content.decode()
    assert "ned till och med nivån du väljer nedan" in page
    assert "ned till den lägsta nivån" not in page
