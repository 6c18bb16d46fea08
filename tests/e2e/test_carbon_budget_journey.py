"""A strategist opens the carbon-budget page, changes the derivation, and sees the pathway, the
verdict and the action plan's effect against the gap change — without JavaScript needed."""

from typing import Any

import pytest

from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def _figures(page: Any) -> dict[str, str]:
    return {
        "derivation": page.locator("#result-heading").inner_text(),
        "budget": page.locator(".key-figures div", has_text="Budget").first.inner_text(),
        "pathway": page.locator("table", has_text="Budgetbana, utfall och trend").inner_text(),
        "verdict": page.locator("p.verdict").inner_text(),
        "gap": page.locator("table", has_text="Gap och handlingsplanens effekt").inner_text(),
    }


def test_changing_the_derivation_changes_pathway_verdict_and_plan_effect(
    page: Any, live_server: Any
) -> None:
    log_in(page, live_server, "strateg.stockholm")
    page.goto(f"{live_server.url}/org/RST/klimatbokslut/")
    page.get_by_role("link", name="Koldioxidbudget").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Koldioxidbudget för Region Stockholm"
    )
    before = _figures(page)
    assert "(b) Ytan under den beslutade målbanan" in before["derivation"]
    assert "budgetbana" in page.locator("#pathway-chart-title").text_content()
    assert serious_violations(page) == []

    page.get_by_label("(a) Länets nödvändiga minskningstakt").check()
    page.get_by_role("button", name="Visa").click()
    after = _figures(page)
    assert "(a) Länets nödvändiga minskningstakt" in after["derivation"]
    for key in ("budget", "pathway", "verdict", "gap"):
        assert after[key] != before[key], key
    assert "derivation=county-rate" in page.url  # a plain GET form: works without JavaScript
    assert page.get_by_role("status").first.inner_text().startswith("Du provar andra värden")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Spara som beslutad härledning").click()
    assert "Budgetens härledning är sparad." in page.locator("main").inner_text()
    assert "(a) Länets nödvändiga minskningstakt" in _figures(page)["derivation"]
