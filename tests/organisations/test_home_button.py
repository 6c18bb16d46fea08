"""The home button (the brand and "Start" in the menu) leads to the user's own unit."""

import re
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.organisations.models import Node, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def _home_links(client: Client) -> set[str]:
    page = client.get("/org/").content.decode()
    brand = re.search(r'<div class="brand"><a href="([^"]+)"', page)
    start = re.search(r'<li><a href="([^"]+)"[^>]*>Start</a></li>', page)
    assert brand and start
    return {brand.group(1), start.group(1)}


@pytest.mark.parametrize(
    ("role", "unit"),
    [
        ("manager", "/org/RJH/node/RS-SERV/"),
        ("contributor", "/org/RJH/node/RS-SERV-KOST/"),
        ("strategist", "/org/RJH/node/RJH/"),
        ("reader", "/org/RJH/node/RJH/"),
    ],
)
def test_the_home_button_leads_to_the_users_unit(client_as: ClientAs, role: str, unit: str) -> None:
    client = client_as(role)
    assert _home_links(client) == {unit}
    assert client.get(unit).status_code == 200


def test_with_several_strongest_grants_the_home_button_leads_to_the_organisation_start(
    client: Client, demo: None
) -> None:
    kost, ford = (
        Node.objects.get(organisation__code="RJH", code=code)
        for code in ("RS-SERV-KOST", "RS-SERV-FORD")
    )
    user = UserFactory(roles=[(kost, Role.MANAGER), (ford, Role.MANAGER)])
    client.force_login(user)
    assert _home_links(client) == {"/org/RJH/"}
    assert client.get("/org/RJH/").status_code == 200
    stockholm = Node.objects.get(organisation__code="RST", code="RST")
    UserFactory(username=user.username, roles=[(stockholm, Role.MANAGER)])
    client.force_login(user)
    assert _home_links(client) == {"/"}


def test_a_weaker_grant_beside_the_strongest_does_not_move_the_home_button(
    client: Client, demo: None
) -> None:
    kost, root = (
        Node.objects.get(organisation__code="RJH", code=code) for code in ("RS-SERV-KOST", "RJH")
    )
    client.force_login(UserFactory(roles=[(kost, Role.MANAGER), (root, Role.READER)]))
    assert _home_links(client) == {"/org/RJH/node/RS-SERV-KOST/"}
