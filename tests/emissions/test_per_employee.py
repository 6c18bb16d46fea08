"""Per-employee figures: headcount per node and year, the nearest figures summed, shown beside
the totals on the klimatbokslut page and in the PDF."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.emissions.selectors import inventory_view
from nettonoll.organisations.models import Headcount, Node
from nettonoll.organisations.selectors import headcount_by_year
from nettonoll.organisations.services import headcount_save

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def node(code: str, org: str = "RJH") -> Node:
    return Node.objects.get(organisation__code=org, code=code)


def test_a_nodes_own_headcount_wins_and_descendants_are_not_added_twice(demo: None) -> None:
    Headcount.objects.filter(node__organisation__code="RJH").delete()
    headcount_save(node=node("RS-SERV"), year=2030, employees=900)
    headcount_save(node=node("RS-SERV-KOST"), year=2030, employees=100)  # inside RS-SERV
    headcount_save(node=node("HS-SJH"), year=2030, employees=2_000)
    assert headcount_by_year(node("RJH")) == {2030: 2_900}
    assert headcount_by_year(node("RS-SERV-KOST")) == {2030: 100}
    headcount_save(node=node("RJH"), year=2030, employees=4_000)
    assert headcount_by_year(node("RJH")) == {2030: 4_000}


def test_the_klimatbokslut_shows_emissions_per_employee(demo: None) -> None:
    view = inventory_view(node("RST", "RST"), 2023)
    assert view.employees == round(46_000 * 1.01**4)
    assert view.per_employee_t_co2e == pytest.approx(view.total_t_co2e / view.employees)
    assert 2 < view.per_employee_t_co2e < 5  # type: ignore[operator]


def test_a_manager_sets_the_headcount_of_their_node_and_sees_it(client_as: ClientAs) -> None:
    client = client_as("manager")
    response = client.post(
        "/org/RJH/klimatbokslut/headcount/",
        {"node": "RS-SERV", "year": "2024", "employees": "1 250", "source": "HR-systemet"},
    )
    assert response.status_code == 302
    assert Headcount.objects.get(node=node("RS-SERV"), year=2024).employees == 1_250
    page = client.get(response["Location"]).content.decode()
    assert "Antalet anställda är sparat." in page
    assert "1250" in page.replace("\xa0", "").replace(" ", "")


def test_a_contributor_may_not_set_a_headcount_and_bad_input_is_explained(
    client_as: ClientAs,
) -> None:
    refused = client_as("contributor").post(
        "/org/RJH/klimatbokslut/headcount/",
        {"node": "RS-SERV-KOST", "year": "2024", "employees": "10"},
    )
    assert refused.status_code == 403
    client = client_as("manager")
    bad = client.post(
        "/org/RJH/klimatbokslut/headcount/",
        {"node": "RS-SERV", "year": "2024", "employees": "många"},
        follow=True,
    )
    assert "Antalet anställda sparades inte" in bad.content.decode()
