"""Loads the demo data set: three regions whose structures come from the seeds, with fictitious
people. Running it twice leaves the same data (nothing is duplicated or re-saved)."""

import datetime
from dataclasses import dataclass
from importlib import resources

from django.contrib.auth.models import Permission
from django.db import transaction

from nettonoll.accounts.models import User
from nettonoll.demo.adaptation import demo_adaptation_load
from nettonoll.demo.budgets import demo_budgets_load
from nettonoll.demo.circular import demo_circular_load
from nettonoll.demo.emissions import demo_emissions_load
from nettonoll.demo.energy_feedback import demo_energy_feedback_load
from nettonoll.demo.estate import demo_estate_load
from nettonoll.demo.finance import demo_finance_load
from nettonoll.demo.kolada import demo_kolada_load
from nettonoll.demo.plans import demo_plans_load
from nettonoll.demo.procurement import demo_procurement_load
from nettonoll.demo.publication import demo_publication_load
from nettonoll.demo.registers import demo_registers_load
from nettonoll.demo.solar import demo_solar_load
from nettonoll.organisations.models import Node, Organisation, Reorganisation, Role
from nettonoll.organisations.services import role_grant, tree_import

# the demo's trees have been in force since before the first figures and plans they carry
DEMO_VALID_FROM = datetime.date(2019, 1, 1)

DEMO_PASSWORD = "nettonoll-demo"  # noqa: S105  # shown on the login page of the demo only

# code, name, tree file, SCB county code
ORGANISATIONS = [
    ("RJH", "Region Jämtland Härjedalen", "jamtland-harjedalen.csv", "23"),
    ("RV", "Region Värmland", "varmland.csv", "17"),
    ("RST", "Region Stockholm", "stockholm.csv", "01"),
]

# username, first name, last name, title, (organisation, node, role), is data steward
PEOPLE = [
    (
        "administrator",
        "Alva",
        "Exempelsson",
        "Systemförvaltare",
        ("RJH", "RJH", Role.ADMINISTRATOR),
        True,
    ),
    ("miljostrateg", "Maja", "Påhittad", "Miljöstrateg", ("RJH", "RJH", Role.STRATEGIST), False),
    (
        "chef",
        "Chris",
        "Demosson",
        "Avdelningschef Regionservice",
        ("RJH", "RS-SERV", Role.MANAGER),
        False,
    ),
    (
        "enhetschef",
        "Elin",
        "Exempeldotter",
        "Enhetschef Kost och restaurang",
        ("RJH", "RS-SERV-KOST", Role.MANAGER),
        False,
    ),
    ("medarbetare", "Mika", "Testberg", "Kock", ("RJH", "RS-SERV-KOST", Role.CONTRIBUTOR), False),
    (
        "lasare",
        "Lena",
        "Låtsasdotter",
        "Ledamot i regionstyrelsen",
        ("RJH", "RJH", Role.READER),
        False,
    ),
    ("strateg.varmland", "Vera", "Fiktiv", "Miljöstrateg", ("RV", "RV", Role.STRATEGIST), False),
    (
        "strateg.stockholm",
        "Sam",
        "Fingerad",
        "Hållbarhetsstrateg",
        ("RST", "RST", Role.STRATEGIST),
        False,
    ),
]

DEMO_LOGINS = [
    ("administrator", "Administratör – Region Jämtland Härjedalen (dataförvaltare)"),
    ("miljostrateg", "Miljöstrateg – Region Jämtland Härjedalen"),
    ("chef", "Chef – avdelningen Regionservice"),
    ("enhetschef", "Chef – enheten Kost och restaurang"),
    ("medarbetare", "Medarbetare – enheten Kost och restaurang"),
    ("lasare", "Läsare (förtroendevald) – Region Jämtland Härjedalen"),
    ("strateg.varmland", "Miljöstrateg – Region Värmland"),
    ("strateg.stockholm", "Miljöstrateg – Region Stockholm"),
]


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    nodes: int
    users: int


def _person(username: str, first: str, last: str, title: str, steward: bool) -> User:
    user = User.objects.filter(username=username).first()
    fields = {
        "first_name": first,
        "last_name": last,
        "title": title,
        "email": f"{username}@example.org",
        "is_staff": steward,
    }
    if user is None:
        user = User(username=username, **fields)
        user.set_password(DEMO_PASSWORD)
        user.save()
    elif any(getattr(user, k) != v for k, v in fields.items()):
        for key, value in fields.items():
            setattr(user, key, value)
        user.save()
    if steward:
        wanted = Permission.objects.filter(
            content_type__app_label__in=["accounts", "organisations", "plans", "indicators"]
        )
        missing = wanted.exclude(pk__in=user.user_permissions.values("pk"))
        if missing.exists():
            user.user_permissions.add(*missing)
    return user


def _historical_validity(codes: list[str]) -> None:
    """The imported units are valid from a date in the past, not from the day the demo was
    loaded (their history says the same); nodes already dated earlier are left as they are."""
    later = {"organisation__code__in": codes, "valid_from__gt": DEMO_VALID_FROM}
    Node.objects.filter(**later).update(valid_from=DEMO_VALID_FROM)
    Node.history.filter(**later).update(valid_from=DEMO_VALID_FROM)
    Reorganisation.objects.filter(
        organisation__code__in=codes, effective_on__gt=DEMO_VALID_FROM
    ).update(effective_on=DEMO_VALID_FROM)


@transaction.atomic
def demo_load() -> DemoSummary:
    for code, name, filename, county_code in ORGANISATIONS:
        data = resources.files("nettonoll.demo").joinpath("data", filename).read_bytes()
        tree_import(organisation_code=code, data=data, filename=filename, name=name)
        Organisation.objects.filter(code=code).exclude(county_code=county_code).update(
            county_code=county_code
        )
    _historical_validity([code for code, *_rest in ORGANISATIONS])
    for username, first, last, title, (org, node_code, role), steward in PEOPLE:
        user = _person(username, first, last, title, steward)
        node = Node.objects.get(organisation__code=org, code=node_code)
        role_grant(user=user, node=node, role=role)
    demo_plans_load()
    demo_emissions_load()
    demo_budgets_load()
    demo_registers_load()
    demo_estate_load()
    demo_procurement_load()
    demo_circular_load()
    demo_finance_load()
    demo_solar_load()
    demo_adaptation_load()
    demo_energy_feedback_load()
    demo_kolada_load()
    demo_publication_load()
    return DemoSummary(
        organisations=Organisation.objects.count(),
        nodes=Node.objects.count(),
        users=User.objects.count(),
    )
