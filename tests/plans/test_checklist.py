"""The round reporting page is one form: every item saved together, each with its own version
check; a refused save keeps everything the user typed."""

from typing import Any

import pytest
from django.test import Client

from nettonoll.organisations.models import Node
from nettonoll.plans import services
from nettonoll.plans.models import FollowUpEntry, FollowUpRound
from nettonoll.plans.selectors import checklist

pytestmark = pytest.mark.django_db


def open_round() -> FollowUpRound:
    return FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Helår 2023")


def kost() -> Node:
    return Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")


def url() -> str:
    round_ = open_round()
    return f"/org/RJH/plans/{round_.plan_id}/rounds/{round_.pk}/node/RS-SERV-KOST/"


def page_data(client: Client) -> dict[str, Any]:
    """The form's fields as the browser would send them, unchanged."""
    form = client.get(url()).context["rows"]
    data: dict[str, Any] = {}
    for row in form:
        f = row.form
        for name in ("status", "comment", "version"):
            value = f.initial.get(name, "")
            data[f"{f.prefix}-{name}"] = value
            if name != "version":
                data[f"initial-{f.prefix}-{name}"] = value
    return data


def statuses(item: Any) -> tuple[str, str]:
    return ("pagar", "genomford") if item.activity else ("on_track", "off_track")


def test_filling_every_item_and_saving_once_saves_every_item(client_as) -> None:  # type: ignore[no-untyped-def]
    from nettonoll.plans.models import Goal

    m4 = Goal.objects.get(plan__name="Miljömål 2023", code="M4")
    services.activity_create(node=kost(), goals=[m4], title="Matsvinnsmätning varje vecka")
    client = client_as("contributor")
    items = checklist(kost(), open_round())
    assert len(items) == 5  # two goals and three activities
    data = page_data(client)
    for n, item in enumerate(items):
        key = f"g{item.goal.pk}" if item.goal else f"a{item.activity.pk}"  # type: ignore[union-attr]
        data[f"{key}-status"] = statuses(item)[1]
        data[f"{key}-comment"] = f"Kommentar {n}"
    response = client.post(url(), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    saved = FollowUpEntry.objects.filter(round=open_round(), node=kost())
    assert sorted(e.comment for e in saved) == [f"Kommentar {n}" for n in range(len(items))]
    assert len(saved) == len(items)


def test_untouched_items_are_not_reported(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("contributor")
    item = checklist(kost(), open_round())[0]
    data = page_data(client)
    key = f"g{item.goal.pk}"  # type: ignore[union-attr]
    data[f"{key}-status"] = "on_track"
    assert client.post(url(), data).status_code == 302
    assert FollowUpEntry.objects.filter(round=open_round(), node=kost()).count() == 1


def test_a_stale_item_saves_nothing_and_keeps_everything_typed(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("contributor")
    items = checklist(kost(), open_round())
    data = page_data(client)  # the page is opened ...
    stale = next(i for i in items if i.activity)
    services.entry_report(  # ... someone else reports on one activity meanwhile ...
        round_=open_round(),
        node=kost(),
        activity=stale.activity,
        status="genomford",
        comment="Kollegans rapport",
        expected_version=None,
    )
    for n, item in enumerate(items):  # ... and the user fills every item and saves
        key = f"g{item.goal.pk}" if item.goal else f"a{item.activity.pk}"  # type: ignore[union-attr]
        data[f"{key}-status"] = statuses(item)[0]
        data[f"{key}-comment"] = f"Min text {n}"
    response = client.post(url(), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Någon annan har rapporterat på den här punkten" in page
    assert page.count("Någon annan har rapporterat på den här punkten") == 1
    assert "Kollegans rapport" in page
    for n in range(len(items)):
        assert f"Min text {n}</textarea>" in page
    entries = FollowUpEntry.objects.filter(round=open_round(), node=kost())
    assert [e.comment for e in entries] == ["Kollegans rapport"]  # nothing of the user's saved

    # having seen the colleague's report, the user saves again: now everything goes through
    rows = response.context["rows"]
    again = {key: value for key, value in data.items()}
    for row in rows:
        again[f"{row.form.prefix}-version"] = row.form.data[f"{row.form.prefix}-version"]
    assert client.post(url(), again).status_code == 302
    saved = FollowUpEntry.objects.filter(round=open_round(), node=kost())
    assert sorted(e.comment for e in saved) == [f"Min text {n}" for n in range(len(items))]


def test_an_invalid_item_is_marked_beside_it_and_nothing_typed_is_lost(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("contributor")
    items = checklist(kost(), open_round())
    data = page_data(client)
    goal_key = f"g{items[0].goal.pk}"  # type: ignore[union-attr]
    data[f"{goal_key}-comment"] = "En kommentar utan status"
    activity = next(i for i in items if i.activity)
    data[f"a{activity.activity.pk}-status"] = "genomford"  # type: ignore[union-attr]
    data[f"a{activity.activity.pk}-comment"] = "Klart i september"  # type: ignore[union-attr]
    response = client.post(url(), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{goal_key}-status_error"' in page
    assert "En kommentar utan status</textarea>" in page
    assert "Klart i september</textarea>" in page
    assert not FollowUpEntry.objects.filter(round=open_round(), node=kost()).exists()
