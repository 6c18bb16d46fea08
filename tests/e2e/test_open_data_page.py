"""The open data index page without login: no serious accessibility violations (axe-core), every
table's download links work in the browser, and no script is needed."""

from typing import Any

from tests.e2e.test_roles_and_accessibility import serious_violations


def test_the_open_data_page_is_accessible_and_its_links_download(
    page: Any, live_server: Any
) -> None:
    page.goto(f"{live_server.url}/offentlig/RV/data/")
    assert page.get_by_role("heading", level=1).inner_text() == "Öppna data från Region Värmland"
    assert serious_violations(page) == []
    links = page.locator("main a[href$='.csv'], main a[href$='.parquet']")
    # the demo's Värmland publishes its klimatbokslut, budget, indicators and a plan; the county's
    # table is everyone's: five tables, three formats each
    assert links.count() == 15
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        response = page.request.get(f"{live_server.url}{href}")
        assert response.status == 200, href
        assert "attachment" in response.headers["content-disposition"]


def test_the_page_works_without_javascript(browser: Any, live_server: Any, demo: None) -> None:
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{live_server.url}/offentlig/RV/data/")
    assert page.get_by_role("link", name="datapackage.json").count() == 1
    context.close()
