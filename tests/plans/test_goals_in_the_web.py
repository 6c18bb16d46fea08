"""A strategist creates, edits, moves and ends goals by form, and edits the plan itself."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.organisations.models import Node
from nettonoll.plans import services
from nettonoll.plans.models import Goal, Plan

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def jamtland() -> Plan:
    return Plan.objects.get(organisation__code="RJH", name="Miljömål 2023")


def test_a_new_plan_gets_its_goals_by_form(client_as: ClientAs) -> None:
    client = client_as("strategist")
    created = client.post(
        "/org/RJH/plans/new/",
        {
            "name": "Miljöplan 2026–2030",
            "period_start_year": 2026,
            "period_end_year": 2030,
            "status": "draft",
            "level_names": "Målområde\nMål",
        },
    )
    plan = Plan.objects.get(organisation__code="RJH", name="Miljöplan 2026–2030")
    assert created["Location"] == f"/org/RJH/plans/{plan.pk}/"
    page = client.get(created["Location"]).content.decode()
    assert f"/org/RJH/plans/{plan.pk}/goals/new/" in page and "Planen har inga mål ännu" in page
    new = f"/org/RJH/plans/{plan.pk}/goals/new/"
    top = client.post(new, {"code": "1", "title": "Hållbara resor", "kind": "forvaltningsmal"})
    assert top.status_code == 302
    parent = Goal.objects.get(plan=plan, code="1")
    client.post(
        new,
        {"code": "1.1", "title": "Färre flygresor", "kind": "forvaltningsmal", "parent": parent.pk},
    )
    child = Goal.objects.get(plan=plan, code="1.1")
    assert (parent.level, child.level, child.parent_id) == (0, 1, parent.pk)
    assert child.history.count() >= 1
    twice = client.post(new, {"code": "1", "title": "Igen", "kind": "forvaltningsmal"})
    assert twice.status_code == 400 and "Koden 1 finns redan i planen" in twice.content.decode()


def test_moving_a_goal_carries_its_sub_goals_levels(demo: None) -> None:
    plan = jamtland()
    top = services.goal_create(plan=plan, code="X", title="Ny rubrik")
    middle = services.goal_create(plan=plan, code="X.1", title="Mitten", parent=top)
    leaf = services.goal_create(plan=plan, code="X.1.1", title="Löv", parent=middle)
    under = Goal.objects.get(plan=plan, code="M1")
    services.goal_update(
        goal=top,
        values={"parent": under},
        agenda2030_targets=[],
        quality_objectives=[],
        indicators=[],
    )
    top.refresh_from_db()
    middle.refresh_from_db()
    leaf.refresh_from_db()
    assert (top.level, middle.level, leaf.level) == (
        under.level + 1,
        under.level + 2,
        under.level + 3,
    )
    assert middle.history.count() == 2  # the level change is in its history
    with pytest.raises(services.PlanError, match="under sig självt eller ett av sina delmål"):
        services.goal_update(
            goal=top,
            values={"parent": leaf},
            agenda2030_targets=[],
            quality_objectives=[],
            indicators=[],
        )


def test_a_goal_form_does_not_offer_its_own_sub_goals_as_parent(client_as: ClientAs) -> None:
    plan = jamtland()
    goal = Goal.objects.get(plan=plan, code="M1")
    child = services.goal_create(plan=plan, code="M1.1", title="Delmål", parent=goal)
    page = client_as("strategist").get(f"/org/RJH/plans/{plan.pk}/goals/{goal.pk}/")
    parent_select = page.content.decode().split('name="parent"')[1].split("</select>")[0]
    assert f'value="{child.pk}"' not in parent_select
    assert f'value="{goal.pk}"' not in parent_select


def test_an_ended_goal_and_its_sub_goals_are_marked_and_no_longer_distributed(
    client_as: ClientAs,
) -> None:
    plan = jamtland()
    goal = Goal.objects.get(plan=plan, code="M4")
    sub = services.goal_create(plan=plan, code="M4.9", title="Delmål", parent=goal)
    client = client_as("strategist")
    form = client.get(f"/org/RJH/plans/{plan.pk}/goals/{goal.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "indicators"}
    data |= {
        "agenda2030_targets": [t.pk for t in goal.agenda2030_targets.all()],
        "quality_objectives": [q.pk for q in goal.quality_objectives.all()],
        "ended_on": "2024-12-31",
    }
    if goal.parent_id:
        data["parent"] = goal.parent_id
    saved = client.post(f"/org/RJH/plans/{plan.pk}/goals/{goal.pk}/", data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    goal.refresh_from_db()
    sub.refresh_from_db()
    assert goal.ended_on == sub.ended_on == datetime.date(2024, 12, 31)
    assert "avslutat" in client.get(f"/org/RJH/plans/{plan.pk}/").content.decode()
    rs = Node.objects.get(organisation__code="RJH", code="RS")
    with pytest.raises(services.PlanError, match="M4 är avslutat och fördelas inte"):
        services.goal_distribute(
            goal=goal, from_node=rs, to_nodes=list(Node.objects.get_children(rs))
        )


def _plan_data(plan: Plan, **changes: object) -> dict[str, object]:
    return {
        "name": plan.name,
        "period_start_year": plan.period_start_year,
        "period_end_year": plan.period_end_year,
        "status": plan.status,
        "adopted_on": plan.adopted_on.isoformat() if plan.adopted_on else "",
        "decision_reference": plan.decision_reference,
        "level_names": "\n".join(plan.level_names),
        "version": plan.version,
        **changes,
    }


def test_the_plan_itself_is_edited_and_a_stale_edit_keeps_what_was_typed(
    client_as: ClientAs,
) -> None:
    plan = jamtland()
    client = client_as("strategist")
    url = f"/org/RJH/plans/{plan.pk}/edit/"
    assert f'href="{url}"' in client.get(f"/org/RJH/plans/{plan.pk}/").content.decode()
    old = _plan_data(plan)
    first = client.post(url, _plan_data(plan, decision_reference="RS/999/2024", status="adopted"))
    assert first.status_code == 302
    plan.refresh_from_db()
    assert (plan.decision_reference, plan.status) == ("RS/999/2024", "adopted")
    assert plan.history.count() >= 2
    stale = client.post(url, {**old, "name": "Mitt skrivna namn"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Mitt skrivna namn" in page and "RS/999/2024" in page
    plan.refresh_from_db()
    assert plan.name == "Miljömål 2023"


def test_the_agenda_2030_picker_is_grouped_by_global_goal_filterable_and_titled(
    client_as: ClientAs,
) -> None:
    plan = jamtland()
    page = client_as("strategist").get(f"/org/RJH/plans/{plan.pk}/goals/new/").content.decode()
    select = page.split('name="agenda2030_targets"')
    picker = select[1].split("</select>")[0]
    assert picker.count("<optgroup") == 17
    assert '<optgroup label="13. Bekämpa klimatförändringarna">' in picker
    assert picker.count("<option") == 169
    assert ">1.1 Utrota den extrema fattigdomen</option>" in picker
    assert "data-filter=" in select[0].rsplit("<select", 1)[1] + picker.split(">")[0]
    assert "nettonoll/filter-select.js" in page
