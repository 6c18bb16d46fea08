"""The edit page says what an edit does: it corrects the record for every year it has been in the
register, closed years too (the register does not yet date a change)."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.models import Vehicle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_registers")]


def test_the_edit_page_says_an_edit_corrects_every_year_and_the_new_page_does_not(
    client_as: Callable[[str], Client],
) -> None:
    car = Vehicle.objects.create(
        organisation=Organisation.objects.get(code="RJH"),
        node=Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST"),
        reg_no="ABC123",
        vehicle_type="personbil",
        ownership="leasad",
        energy="el",
        valid_from=datetime.date(2020, 1, 1),
    )
    client = client_as("contributor")
    edit = client.get(f"/org/RJH/register/fordon/{car.pk}/edit/").content.decode()
    assert "också år som redan är avslutade: den är en rättelse" in edit
    new = client.get("/org/RJH/register/fordon/new/").content.decode()
    assert "den är en rättelse" not in new
