"""The demo's measures and subscription (issue 12): a few measures in each organisation's
buildings in each follow-up state, loaded once; enhetschef subscribes and is sent nothing."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.demo.energy_feedback import demo_energy_feedback_load
from nettonoll.energy_feedback import services
from nettonoll.energy_feedback.models import EnergyMeasure, FeedbackSubscription
from nettonoll.energy_feedback.selectors import follow_up
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Node

pytestmark = pytest.mark.django_db


def test_the_demo_has_measures_in_every_organisations_buildings_and_loads_once(
    demo: None, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    EnergyMeasure.objects.all().delete()
    for org, code in (("RJH", "RS-SERV-KOST"), ("RV", None), ("RST", None)):
        node = Node.objects.filter(
            organisation__code=org, **({"code": code} if code else {})
        ).first()
        assert node is not None
        if not Building.objects.filter(organisation=node.organisation).exists():
            Building.objects.create(
                organisation=node.organisation,
                node=node,
                building_code=f"{org}-1",
                name="Hus",
                atemp_m2=Decimal(1000),
                ownership="ägd",
            )
    demo_energy_feedback_load()
    demo_energy_feedback_load()
    for org in ("RJH", "RV", "RST"):
        assert EnergyMeasure.objects.filter(building__organisation__code=org).count() == 3
    states = {follow_up(m).not_yet.split(",")[0] for m in EnergyMeasure.objects.all()}
    assert {"inte genomförd än", "för tidigt att mäta"} <= states
    assert EnergyMeasure.objects.filter(
        activity__isnull=False, building__organisation__code="RJH"
    ).exists()
    subscription = FeedbackSubscription.objects.get(user__username="enhetschef")
    assert subscription.node.code == "RS-SERV-KOST"
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.feedback_mails_due(datetime.date.today())
    assert mailoutbox == []
