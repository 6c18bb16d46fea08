"""Demo publications: Region Värmland publishes its klimatbokslut (every year), its carbon
budget, its indicators and its plan; the other regions publish nothing. Värmland gets three
fictitious indicators entered by hand so its public indicator page has something to show.
Running it twice changes nothing."""

from decimal import Decimal

from django.db import transaction

from nettonoll.accounts.models import User
from nettonoll.indicators import services as indicator_services
from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans.models import Plan
from nettonoll.publication.models import PublishedWhat
from nettonoll.publication.services import publish

PLAN_NAME = "Miljöplan 2021–2025"

# name, unit, direction, (base year, base value), targets, values (year, value, comment)
IndicatorRow = tuple[
    str, str, str, tuple[int, float], list[tuple[int, float]], list[tuple[int, float, str]]
]
INDICATORS: list[IndicatorRow] = [
    (
        "Resor med tjänstebil per anställd",
        "km",
        "decrease",
        (2019, 410),
        [(2030, 200)],
        [(2021, 380, ""), (2022, 352, ""), (2023, 341, "Fler digitala möten.")],
    ),
    (
        "Andel ekologiska livsmedel",
        "%",
        "increase",
        (2019, 28),
        [(2030, 60)],
        [(2021, 33, ""), (2022, 35, ""), (2023, 35.2, "")],
    ),
    (
        "Energianvändning i egna lokaler",
        "kWh/m²",
        "decrease",
        (2019, 190),
        [(2030, 150)],
        [(2021, 183, ""), (2022, 180, ""), (2023, 186, "Kall vinter.")],
    ),
]

# indicator → the goal of Värmland's plan it follows up
GOALS = {
    "Resor med tjänstebil per anställd": "A1.1.1",
    "Andel ekologiska livsmedel": "B2.1",
    "Energianvändning i egna lokaler": "A2",
}


def _link_goals(plan: Plan) -> None:
    """Each indicator on its goal (adding a link already there changes nothing)."""
    for name, code in GOALS.items():
        goal = plan.goals.filter(code=code).first()
        indicator = Indicator.objects.filter(organisation=plan.organisation, name=name).first()
        if goal is not None and indicator is not None:
            goal.indicators.add(indicator)


def _indicators(organisation: Organisation, root: Node, by: User | None) -> None:
    for name, unit, direction, base, targets, values in INDICATORS:
        if Indicator.objects.filter(organisation=organisation, name=name).exists():
            continue
        indicator = indicator_services.indicator_define(
            organisation=organisation,
            name=name,
            unit=unit,
            direction=direction,
            baseline_year=base[0],
            baseline_value=Decimal(str(base[1])),
            targets=[(y, Decimal(str(v))) for y, v in targets],
            by=by,
        )
        for year, value, comment in values:
            indicator_services.indicator_value_enter(
                indicator=indicator,
                node=root,
                year=year,
                value=Decimal(str(value)),
                comment=comment,
                by=by,
            )


@transaction.atomic
def demo_publication_load() -> None:
    organisation = Organisation.objects.filter(code="RV").first()
    if organisation is None:
        return
    by = User.objects.filter(username="strateg.varmland").first()
    root = Node.objects.get_root_nodes().filter(organisation=organisation).first()
    if root is not None:
        _indicators(organisation, root, by)
    publish(organisation, PublishedWhat.KLIMATBOKSLUT, by=by)
    publish(organisation, PublishedWhat.BUDGET, by=by)
    publish(organisation, PublishedWhat.INDICATORS, by=by)
    plan = Plan.objects.filter(organisation=organisation, name=PLAN_NAME).first()
    if plan is not None:
        _link_goals(plan)
        publish(organisation, PublishedWhat.PLAN, plan=plan, by=by)
