"""Django admin is the installation operators' tool (superusers); a region's administrator (staff,
not superuser) cannot read or edit other regions there (decision 0008)."""

import pytest
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.organisations.models import Node, Organisation, RoleGrant

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/organisations/node/",
    "/admin/organisations/rolegrant/add/",
    "/admin/organisations/reorganisation/",
    "/admin/accounts/user/",
]


@pytest.fixture
def operator() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("drift", "drift@example.org", "x"))
    return client


@pytest.mark.parametrize("path", PAGES)
def test_an_operator_opens_the_admin_pages(demo: None, operator: Client, path: str) -> None:
    assert operator.get(path).status_code == 200


def test_admin_shows_the_history_of_a_node(demo: None, operator: Client) -> None:
    node = Node.objects.get(code="RS-SERV")
    page = operator.get(f"/admin/organisations/node/{node.pk}/history/").content.decode()
    assert "Regionservice" in page


@pytest.mark.parametrize("path", PAGES)
def test_a_regions_administrator_is_kept_out_of_the_admin(demo: None, path: str) -> None:
    steward = User.objects.get(username="administrator")
    assert steward.is_staff and not steward.is_superuser
    client = Client()
    client.force_login(steward)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_regions_administrator_cannot_grant_itself_a_role_in_another_region(demo: None) -> None:
    steward = User.objects.get(username="administrator")
    stockholm_root = Node.objects.get_root_nodes().get(organisation__code="RST")
    client = Client()
    client.force_login(steward)
    client.post(
        "/admin/organisations/rolegrant/add/",
        {"user": steward.pk, "node": stockholm_root.pk, "role": "strategist"},
    )
    assert not RoleGrant.objects.filter(user=steward, node=stockholm_root).exists()
    assert Organisation.objects.filter(code="RST").exists()
