"""Demo plans: Jämtland Härjedalen as its 2023 follow-up describes (RS/143/2023), Värmland's
Miljöplan 2021–2025, Region Stockholm's budget goals. Goal texts follow the public documents;
activities' details, people and dates are fictitious. Loaded once: a plan that exists is kept."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.common.metrics import metric_get
from nettonoll.indicators import services as indicator_services
from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans import services
from nettonoll.plans.models import (
    Agenda2030Target,
    FollowUpRound,
    Goal,
    GoalKind,
    Plan,
    PlanStatus,
    QualityObjective,
)

V, F = GoalKind.BUSINESS.value, GoalKind.ADMINISTRATION.value
# code, parent code, title, kind, Agenda 2030 targets, quality objectives, Paris agreement
GoalRow = tuple[str, str | None, str, str, list[str], list[int], bool]

JAMTLAND_GOALS = [
    # code, title, kind, agenda 2030, quality objectives, paris
    ("V1", "Koldioxidutsläppen från tjänsteresor ska minska", V, ["13.2"], [1], True),
    ("V2", "Energianvändningen i regionens lokaler ska minska", V, ["7.3"], [1, 15], True),
    ("V3", "Avfallsmängden ska minska", V, ["12.5"], [4, 15], False),
    ("M1", "Minskad klimatpåverkan från resor och transporter", F, ["11.2", "13.2"], [1, 2], True),
    ("M2", "Effektivare energianvändning i lokaler och verksamhet", F, ["7.3"], [1], True),
    ("M3", "Mindre avfall och mer cirkulär resursanvändning", F, ["12.5", "12.2"], [4, 15], False),
    ("M4", "Hållbara måltider och minskat matsvinn", F, ["12.3"], [1, 13], False),
]
# department → goals distributed to it (every department has three or four of the four)
JAMTLAND_DEPARTMENTS = {
    "RS-STAB": ["M1", "M2", "M3", "M4"],
    "RS-SERV": ["M1", "M2", "M3", "M4"],
    "RS-RU": ["M1", "M2", "M3"],
    "RS-KULT": ["M1", "M2", "M3"],
    "RS-KTR": ["M1", "M2", "M3", "M4"],
    "RS-EKO": ["M1", "M2", "M3"],
    "RS-HR": ["M1", "M2", "M3"],
    "RS-DIG": ["M1", "M2", "M3", "M4"],
    "RS-KOM": ["M1", "M2", "M3"],
}
REGIONSERVICE_UNITS = {
    "RS-SERV-KOST": ["M3", "M4"],
    "RS-SERV-FORD": ["M1"],
    "RS-SERV-FAST": ["M2", "M3"],
    "RS-SERV-LOK": ["M3"],
    "RS-SERV-LOG": ["M1", "M3"],
}
JAMTLAND_ACTIVITIES = [
    # node, title, goals, status, comment
    (
        "RS-SERV-KOST",
        "Minskat svinn i matproduktionen genom uppdaterade och förbättrade recept",
        ["M4"],
        "pagar",
        "Betydande minskning av svinnet sedan recepten gjordes om.",
    ),
    (
        "RS-SERV-KOST",
        "Fler maträtter skickas till Kajutan i stället för att slängas",
        ["M4", "M3"],
        "pagar",
        "Överblivna portioner går nu till Kajutan flera dagar i veckan.",
    ),
    (
        "RS-SERV-FORD",
        "Elbilar när leasingavtalen löper ut",
        ["M1"],
        "pagar",
        "Andelen elbilar ökar löpande vid utbyte av leasingbilar, möjligt genom ny upphandling.",
    ),
    ("RS-SERV-FAST", "Rekrytering av energiingenjör", ["M2"], "pagar", "Rekryteringen pågår."),
    (
        "RS-SERV-FAST",
        "Medverkan i projekt för cirkulärt byggande",
        ["M3"],
        "pagar",
        "Deltar i ett projekt om återbruk av byggmaterial.",
    ),
    (
        "RS-SERV-LOK",
        "Förutsättningar för källsortering på plats i alla lokaler",
        ["M3"],
        "genomford",
        "Sorteringskärl finns nu i alla lokaler som enheten städar.",
    ),
    (
        "RS-STAB",
        "Inriktning för regionens laddinfrastruktur",
        ["M1"],
        "pagar",
        "En förutsättning för etappmålet om fossilfria fordon senast 2030.",
    ),
    (
        "RS-DIG",
        "Digitala möten i stället för resor",
        ["M1"],
        "genomford",
        "Utrustning för digitala möten finns i alla större mötesrum.",
    ),
    (
        "RS-DIG",
        "Energisparinställningar på datorer och skärmar",
        ["M2"],
        "pagar",
        "Inställningar på elektronik ändras centralt.",
    ),
    ("RS-KTR", "Uppmärksamma energislöseri på arbetsplatsen", ["M2"], "ej_paborjad", ""),
]

VARMLAND_LEVELS = ["Övergripande mål", "Målområde", "Långsiktig målsättning", "Mål 2025"]
VARMLAND_GOALS: list[GoalRow] = [
    # code, parent, title, kind, agenda, objectives, paris
    ("A", None, "Vi minimerar vårt klimatavtryck", F, ["13.2"], [1], True),
    ("B", None, "Vi använder våra resurser klokt", F, ["12.2"], [15], False),
    ("C", None, "Vi bidrar till hälsosamma miljöer", F, ["3.9"], [4, 2], False),
    ("A1", "A", "Resor och transporter", F, ["11.2"], [1, 2], True),
    ("A2", "A", "Fastighetsdrift och byggnation", F, ["7.3"], [1, 15], True),
    ("A3", "A", "Finansförvaltning", F, ["13.a"], [1], True),
    ("B1", "B", "Inköp och resursförbrukning", F, ["12.7"], [4, 15], False),
    ("B2", "B", "Måltidsförsörjning", F, ["12.3"], [1, 13], False),
    ("C1", "C", "Läkemedel", F, ["3.9", "6.3"], [4, 8], False),
    ("C2", "C", "Bidrag, medel och stöd", F, ["11.6"], [15], False),
    (
        "A1.1",
        "A1",
        "Resor och transporter inom Region Värmland är fossilfria",
        F,
        ["13.2"],
        [1],
        True,
    ),
    (
        "A1.1.1",
        "A1.1",
        "Utsläppen från tjänsteresor har minskat med 30 procent jämfört med 2019",
        F,
        ["13.2"],
        [1],
        True,
    ),
    (
        "B2.1",
        "B2",
        "Måltiderna har låg klimatpåverkan och inget onödigt svinn",
        F,
        ["12.3"],
        [1],
        False,
    ),
    ("B2.1.1", "B2.1", "Matsvinnet har halverats jämfört med 2020", F, ["12.3"], [13], False),
]

STOCKHOLM_LEVELS = ["Mål", "Åtagande"]
STOCKHOLM_GOALS: list[GoalRow] = [
    ("K", None, "Region Stockholm har netto noll utsläpp senast 2035", V, ["13.2"], [1], True),
    (
        "K1",
        "K",
        "En koldioxidbudget för regionens egna verksamheter ligger till grund för prioriteringar",
        V,
        ["13.2"],
        [1],
        True,
    ),
    ("K2", "K", "En intern klimathandlingsplan visar vägen mot netto noll", F, ["13.2"], [1], True),
    (
        "K3",
        "K",
        "Egna och leasade fordon drivs helt på förnybara bränslen, med eldrift i första hand",
        F,
        ["11.2", "7.2"],
        [1, 2],
        True,
    ),
    (
        "K4",
        "K",
        "Tillgången till laddpunkter vid regionens verksamheter ökar kraftigt",
        F,
        ["11.2"],
        [1],
        True,
    ),
    (
        "K5",
        "K",
        "All reservkraft drivs på förnybara bränslen eller med batterilager",
        F,
        ["7.2"],
        [1],
        True,
    ),
    (
        "K6",
        "K",
        "Installerade solceller på vårdens och kollektivtrafikens fastigheter ökar kraftigt",
        F,
        ["7.2"],
        [1, 15],
        True,
    ),
    ("K7", "K", "Energianvändningen i fastighetsbeståndet minskar", F, ["7.3"], [1, 15], True),
    ("H", None, "Upphandlingar och inköp styr mot hållbarhet", F, ["12.7"], [4], False),
    (
        "H1",
        "H",
        "Hållbarhetskrav ställs och följs upp i upphandlingar och inköp",
        F,
        ["12.7"],
        [4],
        False,
    ),
    (
        "H2",
        "H",
        "Krav på cirkularitet ställs vid upphandling av produkter",
        F,
        ["12.5"],
        [15],
        False,
    ),
    ("H3", "H", "Cirkulära system för utvalda produkter införs brett", F, ["12.5"], [15], False),
    (
        "S",
        None,
        "Region Stockholm är en organisation där alla känner sig välkomna och trygga",
        F,
        ["10.2", "5.5"],
        [],
        False,
    ),
    (
        "S1",
        "S",
        "Kränkande särbehandling förekommer inte och inkludering främjas",
        F,
        ["10.3"],
        [],
        False,
    ),
    ("S2", "S", "De nationella minoriteternas rättigheter värnas", F, ["10.2"], [], False),
    (
        "S3",
        "S",
        "Hållbarhetsarbetet inkluderar ett starkt HBTQI-perspektiv",
        F,
        ["10.3"],
        [],
        False,
    ),
]


def _node(org: str, code: str) -> Node:
    return Node.objects.get(organisation__code=org, code=code)


def _link(goal: Goal, agenda: list[str], objectives: list[int], paris: bool) -> None:
    goal.agenda2030_targets.set(Agenda2030Target.objects.filter(code__in=agenda))
    goal.quality_objectives.set(QualityObjective.objects.filter(number__in=objectives))
    if paris:
        goal.supports_paris_agreement = True
        goal.save(update_fields=["supports_paris_agreement"])


def _goals(plan: Plan, rows: list[GoalRow], by: User | None) -> dict[str, Goal]:
    goals: dict[str, Goal] = {}
    for code, parent, title, kind, agenda, objectives, paris in rows:
        goal = services.goal_create(
            plan=plan,
            code=code,
            title=title,
            kind=kind,
            parent=goals.get(parent) if parent else None,
            by=by,
        )
        _link(goal, agenda, objectives, paris)
        goals[code] = goal
    return goals


def _jamtland(by: User | None) -> None:
    organisation = Organisation.objects.get(code="RJH")
    plan = services.plan_create(
        organisation=organisation,
        name="Miljömål 2023",
        period_start_year=2023,
        period_end_year=2023,
        level_names=["Miljömål"],
        status=PlanStatus.ADOPTED,
        adopted_on=datetime.date(2022, 11, 22),
        decision_reference="RS/1234/2022",
        by=by,
    )
    rows: list[GoalRow] = [(c, None, t, k, a, q, p) for c, t, k, a, q, p in JAMTLAND_GOALS]
    goals = _goals(plan, rows, by)
    root, rs, hs = _node("RJH", "RJH"), _node("RJH", "RS"), _node("RJH", "HS")
    for code in ["M1", "M2", "M3", "M4"]:
        services.goal_distribute(goal=goals[code], from_node=root, to_nodes=[rs, hs], by=by)
    for department, codes in JAMTLAND_DEPARTMENTS.items():
        for code in codes:
            services.goal_distribute(
                goal=goals[code], from_node=rs, to_nodes=[_node("RJH", department)], by=by
            )
    regionservice = _node("RJH", "RS-SERV")
    for unit, codes in REGIONSERVICE_UNITS.items():
        for code in codes:
            services.goal_distribute(
                goal=goals[code], from_node=regionservice, to_nodes=[_node("RJH", unit)], by=by
            )
    activities = []
    for node_code, title, codes, status, comment in JAMTLAND_ACTIVITIES:
        activities.append(
            services.activity_create(
                node=_node("RJH", node_code),
                goals=[goals[c] for c in codes],
                title=title,
                status=status,
                comment=comment,
                responsible="Fiktiv ansvarig",
                start_on=datetime.date(2023, 1, 15),
                by=by,
            )
        )
    _indicators(organisation, root, goals, by)
    august = services.round_open(
        plan=plan, name="Delår augusti 2023", deadline=datetime.date(2023, 8, 31), by=by
    )
    for activity in activities[:6]:
        services.entry_report(
            round_=august,
            node=activity.node,
            activity=activity,
            status=activity.status,
            comment=activity.comment,
            expected_version=None,
            by=by,
        )
    services.round_close(round_=august, by=by)
    full_year = services.round_open(
        plan=plan, name="Helår 2023", deadline=datetime.date(2024, 1, 31), by=by
    )
    _historical_round_dates(august, full_year)
    august.decision_proposal = "Uppföljningen av aktiviteterna kopplade till miljömål godkänns."
    august.save(update_fields=["decision_proposal"])


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _historical_round_dates(august: FollowUpRound, full_year: FollowUpRound) -> None:
    """The demo's rounds were opened and closed in 2023, not on the day the demo was loaded."""
    FollowUpRound.objects.filter(pk=august.pk).update(
        opened_at=_at(datetime.date(2023, 6, 12), 9), closed_at=_at(datetime.date(2023, 9, 8), 15)
    )
    august.entries.update(reported_at=_at(datetime.date(2023, 8, 28), 14))
    FollowUpRound.objects.filter(pk=full_year.pk).update(
        opened_at=_at(datetime.date(2023, 12, 4), 9)
    )


# name, unit, direction, baseline (year, value), targets, values per year, goals (all fictitious)
JAMTLAND_INDICATORS = [
    (
        "Koldioxidutsläpp från tjänsteresor",
        "t CO2e",
        "decrease",
        (2019, 1200),
        [(2030, 600)],
        [(2021, 820), (2022, 1010), (2023, 1080)],
        ["V1", "M1"],
    ),
    (
        "Energianvändning i egna lokaler",
        "MWh",
        "decrease",
        (2019, 52000),
        [(2030, 44000)],
        [(2021, 51200), (2022, 49900), (2023, 48900)],
        ["V2", "M2"],
    ),
]


def _indicators(
    organisation: Organisation, root: Node, goals: dict[str, Goal], by: User | None
) -> None:
    for name, unit, direction, baseline, targets, values, codes in JAMTLAND_INDICATORS:
        indicator = indicator_services.indicator_define(
            organisation=organisation,
            name=name,
            unit=unit,
            direction=direction,
            baseline_year=baseline[0],
            baseline_value=Decimal(baseline[1]),
            targets=[(year, Decimal(value)) for year, value in targets],
            by=by,
        )
        for year, value in values:
            indicator_services.indicator_value_enter(
                indicator=indicator, node=root, year=year, value=Decimal(value), by=by
            )
        for code in codes:
            goals[code].indicators.add(indicator)
    computed = indicator_services.indicator_define(
        organisation=organisation,
        name="Utsläpp från tjänsteresor enligt klimatbokslutet",
        unit="t CO2e",
        direction="decrease",
        baseline_year=2019,
        baseline_value=Decimal(460),
        targets=[(2030, Decimal(230))],
        metric_key="klimatbokslut.travel",
        by=by,
    )
    goals["M1"].indicators.add(computed)
    goals["M1"].indicators.add(_fleet_indicator(organisation, by))


FLEET_METRIC = "fleet.fossil_free_capable_pct"


def _fleet_indicator(organisation: Organisation, by: User | None) -> Indicator:
    """The share of fossil-free capable vehicles, computed from the vehicle register (the demo's
    registers); its baseline is what the demo register gives for 2019."""
    registered = metric_get(FLEET_METRIC) is not None
    indicator = indicator_services.indicator_define(
        organisation=organisation,
        name="Andel fossilfria fordon i fordonsflottan",
        unit="%",
        direction="increase",
        baseline_year=2019,
        baseline_value=Decimal(26),
        targets=[(2030, Decimal(100))],
        metric_key=FLEET_METRIC if registered else "",
        by=by,
    )
    if not registered:  # the fleet's metric source is not installed: the page says so
        indicator.metric_key = FLEET_METRIC
        changed_by(indicator, by)
        indicator.save(update_fields=["metric_key"])
    return indicator


def _simple_plan(
    org: str,
    name: str,
    years: tuple[int, int],
    levels: list[str],
    rows: list[GoalRow],
    by: User | None,
) -> None:
    plan = services.plan_create(
        organisation=Organisation.objects.get(code=org),
        name=name,
        period_start_year=years[0],
        period_end_year=years[1],
        level_names=levels,
        status=PlanStatus.ADOPTED,
        by=by,
    )
    _goals(plan, rows, by)


@transaction.atomic
def demo_plans_load() -> int:
    """Create the demo plans that are missing; returns how many plans were created."""
    by = User.objects.filter(username="miljostrateg").first()
    created = 0
    if not Plan.objects.filter(organisation__code="RJH", name="Miljömål 2023").exists():
        _jamtland(by)
        created += 1
    if not Plan.objects.filter(organisation__code="RV", name="Miljöplan 2021–2025").exists():
        _simple_plan("RV", "Miljöplan 2021–2025", (2021, 2025), VARMLAND_LEVELS, VARMLAND_GOALS, by)
        created += 1
    if not Plan.objects.filter(organisation__code="RST", name="Budget 2024").exists():
        _simple_plan("RST", "Budget 2024", (2024, 2024), STOCKHOLM_LEVELS, STOCKHOLM_GOALS, by)
        created += 1
    assert FollowUpRound.objects.exists()
    return created
