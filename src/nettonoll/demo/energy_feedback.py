"""Demo energy-efficiency measures and a feedback subscription — fictitious.

A few measures in each demo organisation's buildings (the estate demo's buildings: an
organisation without buildings gets none), linked to an energy activity of the organisation's
plans where there is one: one implemented long enough ago to be followed up, one too recent, one
not yet done. The demo user `enhetschef` subscribes to the monthly e-mail for Kost och
restaurang, marked as sent for the latest month (the demo's worker sends no e-mail anyway).

Dates are counted back from the latest complete month, so the follow-up shows each state
whenever the demo is loaded. Loading again changes nothing: an organisation that has measures
gets none added."""

import datetime
from decimal import Decimal

from django.db.models import Q

from nettonoll.accounts.models import User
from nettonoll.calc.energy_feedback import last_complete_month, month_add
from nettonoll.energy_feedback.models import EnergyMeasure, FeedbackSubscription
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans.models import Activity

# title, carrier, expected kWh a year, months before the latest complete month it was done (None:
# not yet), note
MEASURES = [
    (
        "Byte till LED-belysning med närvarostyrning",
        "el",
        18000,
        14,
        "Korridorer, trapphus och kontor.",
    ),
    (
        "Injustering av värmesystemet",
        "fjärrvärme",
        45000,
        5,
        "Injustering och nya termostatventiler.",
    ),
    ("Tilläggsisolering av vindsbjälklag", "fjärrvärme", 60000, None, "Planerad till nästa år."),
]
# the activity a measure carries out, the first found of: one about energy use in the buildings
# (not, say, computers' power settings, which LED lighting and heating do not carry out), one
# about saving energy, any about energy
ACTIVITY_WORDS = [
    Q(title__icontains="belysning") | Q(title__icontains="fastighet"),
    Q(title__icontains="energislöseri") | Q(title__icontains="effektiv"),
    Q(title__icontains="energispar"),
    Q(title__icontains="energi"),
]


def demo_energy_feedback_load(today: datetime.date | None = None) -> None:
    latest = last_complete_month(today or datetime.date.today())
    for organisation in Organisation.objects.order_by("code"):
        buildings = list(
            Building.objects.filter(organisation=organisation).order_by("building_code")[:3]
        )
        if (
            not buildings
            or EnergyMeasure.objects.filter(building__organisation=organisation).exists()
        ):
            continue
        activities = Activity.objects.filter(node__organisation=organisation).order_by("pk")
        activity = next(
            (found for words in ACTIVITY_WORDS if (found := activities.filter(words).first())),
            None,
        )
        for index, (title, carrier, expected, months_ago, note) in enumerate(MEASURES):
            building = buildings[index % len(buildings)]
            done = (
                None
                if months_ago is None
                else month_add(latest, -months_ago) + datetime.timedelta(days=14)
            )
            EnergyMeasure.objects.create(
                building=building,
                activity=activity if months_ago is not None else None,
                title=title,
                carrier=carrier,
                expected_saving_kwh_per_year=Decimal(expected),
                implemented_on=done,
                note=note,
            )
    user = User.objects.filter(username="enhetschef").first()
    node = Node.objects.filter(organisation__code="RJH", code="RS-SERV-KOST").first()
    if user is not None and node is not None:
        FeedbackSubscription.objects.get_or_create(
            user=user, node=node, defaults={"last_sent_month": latest}
        )
