"""The registers' import and export pages on the demo data: strategists import (all or nothing,
problems with line and column, status 400), templates come from the spec, and readers export
the records of their part of the tree."""

import csv
import io
import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.organisations.models import Node
from nettonoll.registers.declarations import REGISTERS
from nettonoll.registers.models import Vehicle

pytestmark = pytest.mark.django_db

HEADER = ",".join(REGISTERS["vehicles"].spec.headers)
FILE = (
    f"{HEADER}\n"
    "ZXW901,RS-SERV-KOST,personbil,leasad,el,nej,0,2023-03-01,,2026-02-28\n"
    "ZXW902,RS-STAB-KSM,personbil,ägd,diesel,ja,150,2020-01-01,,\n"
)


def upload(client: Client, text: str, slug: str = "fordon") -> object:
    file = SimpleUploadedFile("fordon.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(f"/org/RJH/register/{slug}/import/", {"file": file})


def exported(client: Client, query: str = "") -> list[list[str]]:
    response = client.get(f"/org/RJH/register/fordon/export.csv{query}")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_a_strategist_imports_vehicles_and_sees_the_counts(
    client_as: Callable[[str], Client],
) -> None:
    response = upload(client_as("strategist"), FILE)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Importen är klar: 2 nya, 0 ändrade" in response.content.decode()  # type: ignore[attr-defined]
    vehicle = Vehicle.objects.get(reg_no="ZXW901")
    assert vehicle.node.code == "RS-SERV-KOST"
    assert vehicle.history.first().history_user.username == "miljostrateg"


def test_a_bad_file_shows_every_problem_and_saves_nothing(
    client_as: Callable[[str], Client],
) -> None:
    bad = FILE + "ZXW903,NOPE,personbil,ägd,kol,nej,,2024-01-01,,\n"
    response = upload(client_as("strategist"), bad)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "rad 4, kolumn node_code: okänd enhet &#x27;NOPE&#x27;" in page
    assert "rad 4, kolumn energy: okänt värde &#x27;kol&#x27;" in page
    assert not Vehicle.objects.filter(reg_no__startswith="ZXW").exists()


def test_the_empty_template_has_the_spec_columns(client_as: Callable[[str], Client]) -> None:
    response = client_as("administrator").get(
        "/org/RJH/register/laddplatser/import/?mall=laddplatser&format=csv"
    )
    assert response.status_code == 200
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header == ";".join(REGISTERS["charging-points"].spec.headers)


def test_readers_export_the_records_of_their_part_of_the_tree(
    client_as: Callable[[str], Client],
) -> None:
    upload(client_as("strategist"), FILE)
    root_rows = exported(client_as("reader"))
    assert root_rows[0] == list(REGISTERS["vehicles"].spec.headers)
    assert {"ZXW901", "ZXW902"} <= {row[0] for row in root_rows[1:]}
    manager_rows = exported(client_as("manager"))  # a manager of Regionservice
    service = Node.objects.get(organisation__code="RJH", code="RS-SERV")
    assert "ZXW901" in {row[0] for row in manager_rows[1:]}
    assert "ZXW902" not in {row[0] for row in manager_rows[1:]}
    below = set(
        Node.objects.filter(
            organisation=service.organisation, path__startswith=service.path
        ).values_list("code", flat=True)
    )
    assert {row[1] for row in manager_rows[1:]} <= below
    narrowed = exported(client_as("reader"), "?node=RS-STAB-KSM")
    assert "ZXW902" in {row[0] for row in narrowed[1:]}
    assert "ZXW901" not in {row[0] for row in narrowed[1:]}


def test_managers_get_the_export_link_for_the_listed_node(
    client_as: Callable[[str], Client],
) -> None:
    """chef manages Regionservice only: the list of their part links the export of that part."""
    page = client_as("manager").get("/org/RJH/register/fordon/?node=RS-SERV-KOST").content
    assert b'href="/org/RJH/register/fordon/export.xlsx?node=RS-SERV-KOST"' in page
    unit_manager = Client()
    unit_manager.force_login(User.objects.get(username="enhetschef"))
    page = unit_manager.get("/org/RJH/register/fordon/").content.decode()
    found = re.search(r'<option value="([^"]+)" selected>', page)
    assert found and found.group(1) != "RJH"  # the unit manager's own unit
    assert f'href="/org/RJH/register/fordon/export.xlsx?node={found.group(1)}"' in page
    root = client_as("reader").get("/org/RJH/register/fordon/").content
    assert b'href="/org/RJH/register/fordon/export.xlsx?node=RJH"' in root


def test_the_export_file_is_named_after_the_organisation_and_the_node_below_the_root(
    client_as: Callable[[str], Client],
) -> None:
    reader = client_as("reader")
    root = reader.get("/org/RJH/register/fordon/export.csv")
    assert 'filename="RJH-fordon.csv"' in root["Content-Disposition"]
    below = reader.get("/org/RJH/register/fordon/export.csv?node=RS-STAB")
    assert 'filename="RJH-RS-STAB-fordon.csv"' in below["Content-Disposition"]


def test_the_heading_counts_the_rows_with_problems_not_the_problems(
    client_as: Callable[[str], Client],
) -> None:
    """5 problems on 4 rows: row 4 has two (unknown node and energy), rows 2, 3 and 5 one each."""
    bad = (
        f"{HEADER}\n"
        "ZXW901,RS-SERV-KOST,personbil,leasad,kol,nej,0,2023-03-01,,\n"
        "ZXW902,NOPE,personbil,ägd,diesel,nej,150,2020-01-01,,\n"
        "ZXW903,NOPE,personbil,ägd,kol,nej,,2024-01-01,,\n"
        "ZXW904,RS-SERV-KOST,personbil,ägd,el,nej,,2024-01-01,,2027-01-31\n"
    )
    response = upload(client_as("strategist"), bad)
    page = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert page.count("rad ") >= 5
    assert "Filen har fel på 4 rader. Inget har sparats." in page
    assert "Filen har fel på 5 rader" not in page
