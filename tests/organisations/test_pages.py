"""Tree pages: start page per role, browsing, web import with errors, export, history."""

import io
from collections.abc import Callable

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nettonoll.organisations.models import Node, RoleGrant

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("strategist", "Lägg upp miljöplanen"),
        ("manager", "Fördela målen som nått din del"),
        ("contributor", "Lägg in din enhets aktiviteter"),
        ("reader", "Följ mål, aktiviteter"),
        ("administrator", "Håll organisationsträdet"),
    ],
)
def test_start_page_shows_each_role_its_part_of_the_tree_and_what_is_expected(
    client_as: ClientAs, role: str, expected: str
) -> None:
    page = client_as(role).get("/").content.decode()
    assert expected in page
    if role == "manager":
        assert "Regionservice" in page and "Kost och restaurang" in page
        assert "Region Jämtland Härjedalen › Regionstyrelsens förvaltning › Regionservice" in page


def test_pages_are_swedish_by_default_and_english_when_chosen(client_as: ClientAs) -> None:
    client = client_as("strategist")
    swedish = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="sv">' in swedish and "Logga ut" in swedish
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english and "Log out" in english


def test_tree_page_lists_the_whole_tree_for_the_strategist(client_as: ClientAs) -> None:
    page = client_as("strategist").get("/org/RJH/").content.decode()
    for name in ["Regionstaben", "Regionservice", "Kost och restaurang", "Primärvård"]:
        assert name in page


def test_children_partial_answers_htmx_with_the_fragment_only(client_as: ClientAs) -> None:
    client = client_as("manager")
    fragment = client.get(
        "/org/RJH/node/RS-SERV/children/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment and "Kost och restaurang" in fragment
    without_javascript = client.get("/org/RJH/node/RS-SERV/children/")
    assert without_javascript["Location"] == "/org/RJH/node/RS-SERV/"


def _xlsx(rows: list[list[str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_web_import_shows_every_problem_with_its_line_and_stores_nothing(
    client_as: ClientAs,
) -> None:
    before = Node.objects.count()
    data = (
        "code;name;parent_code;level\nNY1;Ny enhet;RS-SERV;enhet\n"
        "NY2;Trasig;SAKNAS;enhet\nNY3;Fel;RS;nivå\n"
    )
    upload = SimpleUploadedFile("träd.csv", data.encode("cp1252"), content_type="text/csv")
    response = client_as("strategist").post("/org/RJH/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "rad 3, kolumn parent_code: okänd överordnad kod &#x27;SAKNAS&#x27;" in page
    assert "rad 4, kolumn level: okänd nivå" in page
    assert "Inget har sparats" in page
    assert Node.objects.count() == before


def test_web_import_of_a_good_xlsx_adds_the_units(client_as: ClientAs) -> None:
    data = _xlsx(
        [
            ["code", "name", "parent_code", "level"],
            ["RS-SERV-TVATT", "Tvätteri", "RS-SERV", "enhet"],
        ]
    )
    upload = SimpleUploadedFile("träd.xlsx", data)
    response = client_as("administrator").post("/org/RJH/import/", {"file": upload})
    assert response.status_code == 200
    assert "1 nya" in response.content.decode()
    assert Node.objects.get(code="RS-SERV-TVATT").name == "Tvätteri"


def test_export_to_xlsx_and_csv_holds_every_active_node(client_as: ClientAs) -> None:
    client = client_as("reader")
    response = client.get("/org/RJH/export.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.active is not None
    rows = list(workbook.active.values)
    assert rows[0] == ("code", "name", "parent_code", "level")
    assert len(rows) - 1 == Node.objects.filter(organisation__code="RJH").count()
    csv_text = client.get("/org/RJH/export.csv").content.decode("utf-8-sig")
    assert "RS-SERV-KOST;Kost och restaurang;RS-SERV;unit" in csv_text


def test_reorganise_from_the_web_and_see_it_in_the_history(client_as: ClientAs) -> None:
    client = client_as("strategist")
    response = client.post(
        "/org/RJH/node/RS-SERV-KOST/reorganise/",
        {"action": "rename", "rename-name": "Kost och måltid", "rename-effective_on": "2026-11-22"},
    )
    assert response.status_code == 302
    history = client.get("/org/RJH/node/RS-SERV-KOST/history/").content.decode()
    assert "Kost och restaurang → Kost och måltid" in history
    assert "Maja Påhittad" in history


def test_a_reorganisation_that_breaks_the_tree_is_explained(client_as: ClientAs) -> None:
    response = client_as("strategist").post(
        "/org/RJH/node/RS-SERV/reorganise/",
        {
            "action": "split",
            "split-parts": "RS-SERV-KOST;A\nRS-NY;B",
            "split-effective_on": "2026-11-22",
        },
    )
    assert response.status_code == 400
    assert "Koden RS-SERV-KOST används redan." in response.content.decode()
    assert Node.objects.get(code="RS-SERV").is_active


def test_a_data_steward_creates_a_new_organisation_from_a_file(client_as: ClientAs) -> None:
    data = "code,name,parent_code,level\nRN,Region Norr,,region\nRN-F,Förvaltning,RN,förvaltning\n"
    upload = SimpleUploadedFile("norr.csv", data.encode(), content_type="text/csv")
    response = client_as("administrator").post(
        "/org/new/import/", {"code": "RN", "name": "Region Norr", "file": upload}
    )
    assert response.status_code == 200, response.content.decode()
    assert Node.objects.filter(organisation__code="RN").count() == 2
    again = SimpleUploadedFile("norr.csv", data.encode(), content_type="text/csv")
    refused = client_as("administrator").post(
        "/org/new/import/", {"code": "RN", "name": "Region Norr", "file": again}
    )
    assert "Det finns redan en organisation med den koden." in refused.content.decode()


def test_an_administrator_grants_and_revokes_a_role_and_both_are_in_the_history(
    client_as: ClientAs,
) -> None:
    client = client_as("administrator")
    response = client.post(
        "/org/RJH/node/RS-SERV-FORD/roles/",
        {"action": "grant", "person": "lasare@example.org", "role": "contributor"},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(node__code="RS-SERV-FORD", user__username="lasare")
    client.post("/org/RJH/node/RS-SERV-FORD/roles/", {"action": "revoke", "grant": grant.pk})
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    history = client.get("/org/RJH/node/RS-SERV-FORD/history/").content.decode()
    assert "gav rollen Medarbetare till Lena Låtsasdotter" in history
    assert "tog bort rollen Medarbetare från Lena Låtsasdotter" in history


def test_granting_to_an_unknown_person_is_explained(client_as: ClientAs) -> None:
    response = client_as("administrator").post(
        "/org/RJH/node/RS-SERV-FORD/roles/",
        {"action": "grant", "person": "ingen.alls", "role": "reader"},
    )
    assert response.status_code == 400
    assert "Hittar ingen unik aktiv användare" in response.content.decode()


def test_an_upload_above_the_size_limit_is_refused_with_the_limit(
    client_as: ClientAs, settings: object
) -> None:
    settings.NETTONOLL_MAX_UPLOAD_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    upload = SimpleUploadedFile(
        "stor.csv", b"code,name,parent_code,level\n" + b"x" * (2 * 1024 * 1024)
    )
    response = client_as("strategist").post("/org/RJH/import/", {"file": upload})
    assert response.status_code == 400
    assert "Filen är för stor (högst 1 MB)." in response.content.decode()
