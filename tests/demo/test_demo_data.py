"""The demo data: three regions from the seeds, Jämtland as its follow-up describes, idempotent."""

import datetime

import pytest
from django.utils.timezone import localtime

from nettonoll.accounts.models import User
from nettonoll.demo.loader import demo_load
from nettonoll.organisations.models import Node, Organisation, Reorganisation, Role, RoleGrant
from nettonoll.organisations.selectors import node_children
from nettonoll.plans.models import FollowUpRound

pytestmark = pytest.mark.django_db


def test_three_regions_from_the_seeds(demo: None) -> None:
    assert set(Organisation.objects.values_list("name", flat=True)) >= {
        "Region Stockholm",
        "Region Värmland",
        "Region Jämtland Härjedalen",
    }


def test_jamtland_regionstyrelsen_has_nine_departments_and_regionservice_has_units(
    demo: None,
) -> None:
    regionstyrelsen = Node.objects.get(organisation__code="RJH", code="RS")
    departments = list(node_children(regionstyrelsen))
    assert len(departments) == 9
    assert all(d.level == "department" for d in departments)
    regionservice = next(d for d in departments if d.name == "Regionservice")
    units = [n.name for n in node_children(regionservice)]
    assert "Kost och restaurang" in units and len(units) >= 4


def test_every_role_has_a_demo_login_and_people_are_fictitious(demo: None) -> None:
    roles = set(RoleGrant.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert all(u.email.endswith("@example.org") for u in User.objects.all())


def test_loading_twice_changes_nothing(demo: None) -> None:
    def snapshot() -> tuple[int, ...]:
        return (
            Organisation.objects.count(),
            Node.objects.count(),
            Node.history.count(),
            User.objects.count(),
            User.history.count(),
            RoleGrant.objects.count(),
            Reorganisation.objects.count(),
        )

    before = snapshot()
    demo_load()
    assert snapshot() == before


def test_the_demo_dates_are_historical_not_the_day_it_was_loaded(demo: None) -> None:
    """Units valid since the demo's plans began, rounds opened and closed in 2023."""
    today = datetime.date.today()
    assert not Node.objects.filter(valid_from__gte=datetime.date(2023, 1, 1)).exists()
    assert not Node.history.filter(valid_from__gte=datetime.date(2023, 1, 1)).exists()
    assert not Reorganisation.objects.filter(effective_on=today).exists()
    closed = FollowUpRound.objects.get(plan__organisation__code="RJH", name="Delår augusti 2023")
    assert closed.closed_at is not None
    opened, closed_on = localtime(closed.opened_at).date(), localtime(closed.closed_at).date()
    assert datetime.date(2023, 1, 1) <= opened < closed_on <= datetime.date(2023, 12, 31)
    assert all(e.reported_at.year == 2023 for e in closed.entries.all())
    still_open = FollowUpRound.objects.get(plan__organisation__code="RJH", name="Helår 2023")
    assert localtime(still_open.opened_at).date() < still_open.deadline < today
