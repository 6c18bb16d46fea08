"""The monthly energy-feedback e-mail (issue 12): opt-in per node with a POST button, sent by a
background job at most once per subscription and month, only to users who may still see the
node and only when the month has data; in Swedish with working links, and a link to leave."""

import datetime
import re

import pytest
from django.test import Client

from nettonoll.calc.energy_feedback import month_add
from nettonoll.common import jobs
from nettonoll.energy_feedback import services
from nettonoll.energy_feedback.models import FeedbackSubscription
from nettonoll.estate.models import DegreeDayMonth, EnergyReading
from nettonoll.organisations.models import RoleGrant
from tests.energy_feedback.conftest import World

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _send(capture: object) -> list[FeedbackSubscription]:
    with capture(execute=True):  # type: ignore[operator]
        return services.feedback_mails_due()


def test_a_viewer_subscribes_and_unsubscribes_with_a_button(world: World) -> None:
    client = _client(world.outsider)
    url = f"/org/{world.org}/energi/aterkoppling/E2/prenumeration/"
    response = client.post(url, {"action": "start"})
    assert response.status_code == 302
    subscription = FeedbackSubscription.objects.get(user=world.outsider, node=world.other)
    assert subscription.created_at is not None
    page = client.get(f"/org/{world.org}/energi/aterkoppling/E2/").content.decode()
    assert "Avsluta prenumerationen" in page
    client.post(url, {"action": "stop"})
    assert not FeedbackSubscription.objects.exists()
    assert subscription.history.count() == 2  # who subscribed and left, and when


def test_someone_who_cannot_see_the_node_cannot_subscribe(world: World) -> None:
    url = f"/org/{world.org}/energi/aterkoppling/E1/prenumeration/"
    assert _client(world.outsider).post(url, {"action": "start"}).status_code == 404
    assert not FeedbackSubscription.objects.exists()


def test_the_monthly_mail_goes_out_once_with_the_figures_in_swedish(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    services.subscription_start(user=world.outsider, node=world.other)
    sent = _send(django_capture_on_commit_callbacks)
    assert len(sent) == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["tvatt@example.org"]
    assert mail.subject.startswith("Energiåterkoppling för Tvätt, ")
    # E2's 40 % of 1 400 kWh against 1 500 the same month last year
    assert (
        "Alla energibärare: 560\xa0kWh (förra året 600\xa0kWh, −40\xa0kWh, −6,7\xa0%)" in mail.body
    )
    assert "Fjärrvärme: 360\xa0kWh (förra året 400\xa0kWh, −40\xa0kWh, −10,0\xa0%)" in mail.body
    assert FeedbackSubscription.objects.get().last_sent_month == world.latest
    assert _send(django_capture_on_commit_callbacks) == []  # running again sends nothing new
    assert len(mailoutbox) == 1


def test_the_mails_links_open_the_page_and_leave_the_subscription(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    services.subscription_start(user=world.outsider, node=world.other)
    _send(django_capture_on_commit_callbacks)
    links = re.findall(r"https?://\S+", mailoutbox[0].body)
    page, leave = (re.sub(r"^https?://[^/]+", "", link) for link in links)
    assert _client(world.outsider).get(page).status_code == 200
    anonymous = Client()  # the link to leave works without logging in
    confirm = anonymous.get(leave)
    assert confirm.status_code == 200
    assert "Vill du sluta få energiåterkopplingen för Tvätt" in confirm.content.decode()
    assert FeedbackSubscription.objects.exists()  # looking changes nothing
    assert anonymous.post(leave).status_code == 200
    assert not FeedbackSubscription.objects.exists()
    assert anonymous.get(leave).status_code == 404  # already left


def test_a_forged_link_leaves_nothing(world: World) -> None:
    subscription = services.subscription_start(user=world.outsider, node=world.other)
    token = services.unsubscribe_token(subscription)
    assert (
        Client().post(f"/org/{world.org}/energi/avsluta-prenumeration/{token}x/").status_code == 404
    )
    assert Client().post(f"/org/ANNAN/energi/avsluta-prenumeration/{token}/").status_code == 404
    assert FeedbackSubscription.objects.exists()


def test_no_mail_to_a_user_who_may_no_longer_see_the_node(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    services.subscription_start(user=world.outsider, node=world.other)
    RoleGrant.objects.filter(user=world.outsider).delete()
    assert _send(django_capture_on_commit_callbacks) == []
    assert mailoutbox == []


def test_no_mail_to_an_inactive_user_or_one_without_an_address(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    services.subscription_start(user=world.outsider, node=world.other)
    services.subscription_start(user=world.reader, node=world.other)
    world.outsider.is_active = False
    world.outsider.save()
    world.reader.email = ""
    world.reader.save()
    assert _send(django_capture_on_commit_callbacks) == []
    assert mailoutbox == []


def test_no_mail_before_the_month_has_data_and_it_goes_out_once_it_has(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    services.subscription_start(user=world.outsider, node=world.other)
    EnergyReading.objects.filter(month=world.latest).delete()
    assert _send(django_capture_on_commit_callbacks) == []
    # readings without degree days: no normalised value, still nothing
    EnergyReading.objects.create(
        building=world.building, month=world.latest, carrier="fjärrvärme", kwh=900
    )
    DegreeDayMonth.objects.filter(month=world.latest).delete()
    assert _send(django_capture_on_commit_callbacks) == []
    assert mailoutbox == []
    DegreeDayMonth.objects.create(
        locality="Karlstad",
        month=world.latest,
        degree_days=300,
        normal_degree_days=300,
        base_c=17,
        source="SMHI",
    )
    assert len(_send(django_capture_on_commit_callbacks)) == 1
    assert len(mailoutbox) == 1


def test_next_month_the_next_mail_goes_out(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    subscription = services.subscription_start(user=world.outsider, node=world.other)
    FeedbackSubscription.objects.filter(pk=subscription.pk).update(
        last_sent_month=month_add(world.latest, -1)
    )
    assert len(_send(django_capture_on_commit_callbacks)) == 1
    assert len(mailoutbox) == 1


def test_the_worker_looks_for_due_mails_on_its_heartbeat(world: World) -> None:
    assert "energy_feedback.monthly_mail_due" in jobs.PERIODIC
    assert services.MONTHLY_MAIL in jobs.KINDS


def test_the_demo_sends_no_mail(
    world: World, settings: object, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    settings.IS_DEMO = True  # type: ignore[attr-defined]
    services.subscription_start(user=world.outsider, node=world.other)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        jobs.PERIODIC["energy_feedback.monthly_mail_due"]()
    assert mailoutbox == []


def test_a_month_is_the_latest_complete_one(world: World) -> None:
    services.subscription_start(user=world.outsider, node=world.other)
    assert services.feedback_mails_due(today=world.latest + datetime.timedelta(days=5))
