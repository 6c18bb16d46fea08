"""The public pages (/offentlig/), the publishing page and the dashboard in a real browser:
axe-core finds no serious or critical violation, and the public pages work without JavaScript."""

from typing import Any

import pytest

from nettonoll.plans.models import Plan
from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = [
    "/offentlig/RV/",
    "/offentlig/RV/indikatorer/",
    "/offentlig/RV/klimatbokslut/",
    "/offentlig/RV/klimatbokslut/2023/",
    "/offentlig/RV/koldioxidbudget/",
    "/offentlig/lan/",
    "/offentlig/lan/17/",
    "/offentlig/RJH/",  # the public 404
]


def test_public_pages_are_axe_clean_without_javascript(
    browser: Any, live_server: Any, demo: None
) -> None:
    plan = Plan.objects.get(organisation__code="RV")
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    found = {}
    for path in [*PUBLIC, f"/offentlig/RV/mal/{plan.pk}/"]:
        response = page.goto(live_server.url + path)
        assert response is not None
        assert response.status == (404 if path == "/offentlig/RJH/" else 200), path
        assert page.locator("main h1").count() == 1, path
        found[path] = []
    context.close()
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for path in found:
        page.goto(live_server.url + path)
        found[path] = serious_violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}


def test_publishing_page_and_dashboard_are_axe_clean(page: Any, live_server: Any) -> None:
    log_in(page, live_server, "miljostrateg")
    found = {}
    for path in ["/org/RJH/publicering/", "/org/RJH/oversikt/", "/org/RJH/oversikt/?node=RS-SERV"]:
        page.goto(live_server.url + path)
        found[path] = serious_violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_a_strategist_publishes_in_the_browser_and_the_public_sees_it(
    page: Any, live_server: Any
) -> None:
    log_in(page, live_server, "miljostrateg")
    page.goto(f"{live_server.url}/org/RJH/publicering/")
    page.get_by_role("button", name="Publicera Koldioxidbudget och budgetbana").click()
    assert "Publicerat" in page.get_by_role("status").inner_text()
    anonymous = page.context.browser.new_context()
    public = anonymous.new_page()
    response = public.goto(f"{live_server.url}/offentlig/RJH/koldioxidbudget/")
    assert response is not None and response.status == 200
    assert "Publicerat av Region Jämtland Härjedalen" in public.content()
    anonymous.close()
