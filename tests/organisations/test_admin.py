"""Data stewards (staff with the organisation permissions) use Django admin for tree and roles."""

import pytest
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.organisations.models import Node

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/organisations/node/",
        "/admin/organisations/rolegrant/add/",
        "/admin/organisations/reorganisation/",
        "/admin/accounts/user/",
    ],
)
def test_a_data_steward_opens_the_admin_pages(demo: None, path: str) -> None:
    client = Client()
    client.force_login(User.objects.get(username="administrator"))
    assert client.get(path).status_code == 200


def test_admin_shows_the_history_of_a_node(demo: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="administrator"))
    node = Node.objects.get(code="RS-SERV")
    page = client.get(f"/admin/organisations/node/{node.pk}/history/").content.decode()
    assert "Regionservice" in page
