"""A small region whose units hold goals, activities, round reports, indicator values,
headcounts, grants and klimatbokslut rows: what a reorganisation has to carry.

TST (region) → RS (förvaltning) → EKO "Ekonomi", HR "HR", KTR "Kontor" (avdelningar).
"""

import datetime
from decimal import Decimal

from nettonoll.emissions.services import activity_data_import
from nettonoll.indicators.models import Indicator, IndicatorValue
from nettonoll.organisations.models import Headcount, Level, Node, Organisation, Role, RoleGrant
from nettonoll.plans.models import Assignment, FollowUpEntry, FollowUpRound, RoundStatus
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    NodeFactory,
    OrganisationFactory,
    PlanFactory,
    UserFactory,
)

ORG = "TST"
DAY = datetime.date.today()
EMISSIONS = (
    "org_unit;category;period;quantity;unit\n"
    "EKO;fuel.diesel;2024;1000;l\n"
    "EKO;fuel.diesel;2025;500;l\n"
    "HR;fuel.diesel;2024;200;l\n"
    "KTR;fuel.diesel;2024;50;l\n"
)


def node(code: str) -> Node:
    return Node.objects.get(organisation__code=ORG, code=code)


def build() -> None:
    organisation = OrganisationFactory(code=ORG)
    region = NodeFactory(organisation=organisation, code=ORG, level=Level.REGION)
    rs = NodeFactory(parent=region, code="RS", level=Level.ADMINISTRATION)
    eko = NodeFactory(parent=rs, code="EKO", name="Ekonomi", level=Level.DEPARTMENT)
    hr = NodeFactory(parent=rs, code="HR", name="HR", level=Level.DEPARTMENT)
    NodeFactory(parent=rs, code="KTR", name="Kontor", level=Level.DEPARTMENT)
    plan = PlanFactory(organisation=organisation, name="Miljöplan")
    g1 = GoalFactory(plan=plan, code="G1", title="Minska resor")
    g2 = GoalFactory(plan=plan, code="G2", title="Minska avfall")
    g3 = GoalFactory(plan=plan, code="G3", title="Fossilfria fordon")
    for goal, where in [(g1, [rs, eko, hr]), (g2, [rs, eko]), (g3, [rs, hr])]:
        for n in where:
            Assignment.objects.create(goal=goal, node=n)
    a1 = ActivityFactory(node=eko, title="Resfria möten", goals=[g1])
    ActivityFactory(node=eko, title="Sortera papper", goals=[g2])
    a3 = ActivityFactory(node=hr, title="Cykelförmån", goals=[g1])
    closed = FollowUpRound.objects.create(
        plan=plan, name="Delår 2024", deadline=DAY, status=RoundStatus.CLOSED
    )
    open_ = FollowUpRound.objects.create(plan=plan, name="Helår 2024", deadline=DAY)
    FollowUpEntry.objects.create(round=closed, node=eko, goal=g1, status="on_track", comment="då")
    FollowUpEntry.objects.create(round=open_, node=eko, goal=g1, status="on_track", comment="E")
    FollowUpEntry.objects.create(round=open_, node=hr, goal=g1, status="off_track", comment="H")
    FollowUpEntry.objects.create(round=open_, node=eko, activity=a1, status="pagar")
    FollowUpEntry.objects.create(round=open_, node=hr, activity=a3, status="pagar")
    trips = Indicator.objects.create(
        organisation=organisation,
        name="Resor",
        unit="st",
        direction="decrease",
        baseline_year=2020,
        baseline_value=Decimal(10),
    )
    share = Indicator.objects.create(
        organisation=organisation,
        name="Andel fossilfritt",
        unit="%",
        direction="increase",
        baseline_year=2020,
        baseline_value=Decimal(10),
    )
    for indicator, values in [(trips, (3, 4)), (share, (50, 60))]:
        IndicatorValue.objects.create(indicator=indicator, node=eko, year=2024, value=values[0])
        IndicatorValue.objects.create(indicator=indicator, node=hr, year=2024, value=values[1])
    Headcount.objects.create(node=eko, year=2024, employees=10)
    Headcount.objects.create(node=hr, year=2024, employees=5)
    Headcount.objects.create(node=hr, year=2023, employees=4)
    reader = UserFactory(username="lasaren")
    RoleGrant.objects.create(user=reader, node=eko, role=Role.READER)
    RoleGrant.objects.create(user=reader, node=hr, role=Role.READER)
    RoleGrant.objects.create(user=UserFactory(username="chefen"), node=hr, role=Role.MANAGER)
    UserFactory(username="strategen", roles=[(region, Role.STRATEGIST)])
    activity_data_import(
        organisation=Organisation.objects.get(code=ORG),
        data=EMISSIONS.encode(),
        filename="resor.csv",
    )
