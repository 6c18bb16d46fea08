"""Reminders: a confirm step that shows who will be reminded and who cannot be, a result message
that says where they went and a way back to where the user was, and scheduled reminders a chosen
number of days before a round's last day, sent once per round and day."""

import datetime

import pytest

from nettonoll.accounts.models import User
from nettonoll.common import jobs
from nettonoll.common.models import Job
from nettonoll.organisations.models import Node, Role
from nettonoll.organisations.services import role_grant
from nettonoll.plans import services
from nettonoll.plans.models import FollowUpRound, Plan, ReminderSent

pytestmark = pytest.mark.django_db


def plan() -> Plan:
    return Plan.objects.get(name="Miljömål 2023")


def open_round() -> FollowUpRound:
    return FollowUpRound.objects.get(plan=plan(), name="Helår 2023")


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def remind_url(code: str = "RS") -> str:
    return f"/org/RJH/plans/{plan().pk}/node/{code}/remind/"


def test_before_sending_the_page_shows_who_will_be_reminded_and_who_cannot(
    client_as, mailoutbox
) -> None:  # type: ignore[no-untyped-def]
    no_mail = User.objects.create_user("chef.utan.post", first_name="Utan", last_name="Post")
    role_grant(user=no_mail, node=node("RS-HR"), role=Role.MANAGER)
    response = client_as("strategist").get(remind_url())
    assert response.status_code == 200
    reminders = response.context["reminders"]
    to_send = {r.node.code: r.addresses for r in reminders.to_send}
    cannot = {r.node.code: r.reason for r in reminders.cannot}
    assert to_send["RS-SERV"] == ["chef@example.org"]
    assert cannot["RS-HR"] == "chefen saknar e-postadress eller aktivt konto"
    assert any(reason == "enheten har ingen chef i Nettonoll" for reason in cannot.values())
    page = response.content.decode()
    assert "Kan inte påminnas" in page and "chef@example.org" in page
    assert mailoutbox == []  # looking sends nothing


def test_sending_says_where_the_reminders_went_and_returns_to_the_page_the_user_came_from(  # type: ignore[no-untyped-def]
    client_as, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    came_from = f"/org/RJH/plans/{plan().pk}/node/RS/#coverage"
    client = client_as("strategist")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remind_url(), {"next": came_from}, follow=True)
    assert response.redirect_chain[-1][0] == came_from
    text = " ".join(str(m) for m in response.context["messages"])
    assert (
        "Påminnelse i Helår 2023 skickad för enheterna under Regionstyrelsens förvaltning" in text
    )
    assert "Regionservice (chef@example.org)" in text
    assert "kunde inte påminnas" in text
    assert [m.to for m in mailoutbox] == [["chef@example.org"]]


def test_a_return_address_on_another_site_is_not_followed(client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("strategist").post(remind_url(), {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == f"/org/RJH/plans/{plan().pk}/node/RS/#coverage"


def test_the_node_page_links_to_the_confirm_step_with_the_way_back(client_as) -> None:  # type: ignore[no-untyped-def]
    html = client_as("strategist").get(f"/org/RJH/plans/{plan().pk}/node/RS/").content.decode()
    assert f'href="{remind_url()}?next=/org/RJH/plans/{plan().pk}/node/RS/%23coverage"' in html


def test_a_strategist_schedules_a_reminder_days_before_the_last_day(client_as) -> None:  # type: ignore[no-untyped-def]
    round_ = open_round()
    round_.deadline = datetime.date.today() + datetime.timedelta(days=30)
    round_.save()
    response = client_as("strategist").post(
        remind_url(), {"action": "schedule", "days_before": "7"}, follow=True
    )
    assert open_round().reminder_days_before == 7
    text = " ".join(str(m) for m in response.context["messages"])
    day = (datetime.date.today() + datetime.timedelta(days=23)).isoformat()
    assert f"går ut automatiskt {day} (7 dagar före sista dag)" in text
    manager = client_as("manager").post(
        remind_url("RS-SERV"), {"action": "schedule", "days_before": "3"}
    )
    assert manager.status_code == 403
    assert open_round().reminder_days_before == 7


def test_a_scheduled_reminder_goes_out_once_on_its_day_whatever_restarts(  # type: ignore[no-untyped-def]
    demo: None, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    services.round_set_reminder_days(round_=open_round(), days_before=7)
    before = Job.objects.filter(kind=services.REMINDERS).count()
    assert services.reminders_due(datetime.date(2024, 1, 23)) == []  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_due(datetime.date(2024, 1, 24))
    assert [(r.round.name, r.day) for r in sent] == [("Helår 2023", datetime.date(2024, 1, 24))]
    assert "chef@example.org" in sent[0].recipients
    assert len(mailoutbox) >= 1
    # the worker restarted, or the heartbeat came again the same or the next day: nothing more
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_due(datetime.date(2024, 1, 24)) == []
        assert services.reminders_due(datetime.date(2024, 1, 25)) == []
    assert Job.objects.filter(kind=services.REMINDERS).count() == before + 1
    assert ReminderSent.objects.filter(round=open_round()).count() == 1
    assert services.reminders_due(datetime.date(2024, 2, 1)) == []  # after the last day: never


def test_the_worker_runs_the_scheduled_reminders_on_its_heartbeat(demo: None) -> None:
    assert "plans.reminders_due" in jobs.PERIODIC
    round_ = open_round()
    round_.deadline = datetime.date.today() + datetime.timedelta(days=3)
    round_.save()
    services.round_set_reminder_days(round_=round_, days_before=3)
    assert jobs.periodic_run() == []  # what the heartbeat thread calls
    assert jobs.periodic_run() == []
    assert ReminderSent.objects.filter(round=round_).count() == 1


def test_a_reminder_day_already_passed_goes_out_today_not_in_the_past(client_as) -> None:  # type: ignore[no-untyped-def]
    round_ = open_round()
    round_.deadline = datetime.date.today() + datetime.timedelta(days=2)
    round_.save()
    response = client_as("strategist").post(
        remind_url(), {"action": "schedule", "days_before": "7"}, follow=True
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert f"går ut automatiskt {datetime.date.today().isoformat()}" in text


def test_no_reminder_is_scheduled_once_the_last_day_has_passed(client_as) -> None:  # type: ignore[no-untyped-def]
    assert open_round().deadline < datetime.date.today()  # the demo's Helår 2023: 2024-01-31
    client = client_as("strategist")
    page = client.get(remind_url()).content.decode()
    assert "Sista dag 2024-01-31 har passerat" in page
    assert 'value="schedule"' not in page  # no form that could never take effect
    response = client.post(remind_url(), {"action": "schedule", "days_before": "5"})
    assert response.status_code == 400
    assert "har passerat" in response.content.decode()
    assert open_round().reminder_days_before is None
