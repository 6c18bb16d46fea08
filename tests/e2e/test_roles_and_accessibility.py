"""Log in as each demo role and land on the right start page; axe-core on the main pages."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from nettonoll.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

START_PAGES = [
    ("administrator", "Administratör – Region Jämtland Härjedalen", "Håll organisationsträdet"),
    ("miljostrateg", "Miljöstrateg – Region Jämtland Härjedalen", "Lägg upp miljöplanen"),
    ("chef", "Chef – Regionservice", "Fördela målen som nått din del"),
    ("medarbetare", "Medarbetare – Kost och restaurang", "Lägg in din enhets aktiviteter"),
    ("lasare", "Läsare – Region Jämtland Härjedalen", "Följ mål, aktiviteter"),
]


def log_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize(("username", "heading", "expectation"), START_PAGES)
def test_each_demo_role_logs_in_to_its_start_page(
    page: Any, live_server: Any, username: str, heading: str, expectation: str
) -> None:
    log_in(page, live_server, username)
    assert page.get_by_role("heading", name=heading).is_visible()
    assert expectation in page.locator("main").inner_text()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")


def test_the_tree_expands_in_place_with_htmx(page: Any, live_server: Any) -> None:
    log_in(page, live_server, "miljostrateg")
    page.goto(f"{live_server.url}/org/RJH/node/RS/")
    assert page.get_by_role("link", name="Kost och restaurang").count() == 0
    page.get_by_role("link", name="Visa underenheter till Regionservice").click()
    page.get_by_role("link", name="Kost och restaurang").wait_for()
    assert page.url == f"{live_server.url}/org/RJH/node/RS/"


def serious_violations(page: Any) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


MAIN_PAGES = [
    "/",
    "/org/",
    "/org/RJH/",
    "/org/RJH/node/RS-SERV/",
    "/org/RJH/node/RS-SERV/history/",
    "/org/RJH/node/RS-SERV/reorganise/",
    "/org/RJH/import/",
]


def test_main_pages_have_no_serious_accessibility_violations(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    found = {"/accounts/login/": serious_violations(page)}
    log_in(page, live_server, "miljostrateg")
    for path in MAIN_PAGES:
        page.goto(live_server.url + path)
        found[path] = serious_violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_an_import_with_errors_is_explained_in_the_browser(
    page: Any, live_server: Any, tmp_path: Any
) -> None:
    bad = tmp_path / "träd.csv"
    bad.write_bytes("code;name;parent_code;level\nNY;Ny enhet;FINNS-EJ;enhet\n".encode("cp1252"))
    log_in(page, live_server, "miljostrateg")
    page.goto(f"{live_server.url}/org/RJH/import/")
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Importera").click()
    alert = page.get_by_role("alert")
    assert "rad 2, kolumn parent_code: okänd överordnad kod 'FINNS-EJ'" in alert.inner_text()
    assert "Inget har sparats" in alert.inner_text()
