"""Apps above organisations put panels on a node's page through a small registry; a panel whose
context is None is not shown."""

from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from nettonoll.organisations.panels import NODE_PANELS, node_panel_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def _panels_restored() -> Iterator[None]:
    saved = dict(NODE_PANELS)
    yield
    NODE_PANELS.clear()
    NODE_PANELS.update(saved)


@pytest.mark.usefixtures("_panels_restored")
def test_a_registered_panel_is_shown_on_the_nodes_page_unless_its_context_is_none(
    client_as: Callable[[str], Client],
) -> None:
    figures = {"vehicles": 4242, "charging_points": 0, "backup_kw": 0}
    slugs = {"vehicles": "fordon", "charging_points": "laddplatser", "backup_power": "reservkraft"}
    node_panel_register(
        "test",
        "registers/_node_panel.html",  # an existing panel template, fed a context of our own
        lambda node, access: (
            None if node.code == "RS-SERV-KOST" else {"figures": figures, "slugs": slugs}
        ),
        order=1,
    )
    client = client_as("manager")
    assert "<dd>4242</dd>" in client.get("/org/RJH/node/RS-SERV/").content.decode()
    assert "<dd>4242</dd>" not in client.get("/org/RJH/node/RS-SERV-KOST/").content.decode()
