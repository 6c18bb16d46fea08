"""Two strategists in two browsers edit the same goal: the second save is refused with the other
person's text shown, their own typing kept, and a deliberate second save goes through."""

from typing import Any

import pytest

from nettonoll.plans.models import Goal
from tests.e2e.test_roles_and_accessibility import log_in, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_second_of_two_browsers_editing_a_goal_is_refused_and_loses_nothing(
    browser: Any, page: Any, live_server: Any
) -> None:
    goal = Goal.objects.get(plan__organisation__code="RJH", plan__name="Miljömål 2023", code="M1")
    url = f"{live_server.url}/org/RJH/plans/{goal.plan_id}/goals/{goal.pk}/"
    other_context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    try:
        log_in(page, live_server, "miljostrateg")
        log_in(other, live_server, "administrator")
        page.goto(url)
        other.goto(url)  # both forms are open before either is saved

        page.get_by_label("Beskrivning").fill("Majas beskrivning av målet")
        page.get_by_role("button", name="Spara målet").click()
        page.get_by_text("Målet är sparat.").wait_for()

        other.get_by_label("Beskrivning").fill("Administratörens beskrivning")
        with other.expect_response(lambda r: r.request.method == "POST") as answer:
            other.get_by_role("button", name="Spara målet").click()
        assert answer.value.status == 409
        alert = other.get_by_role("alert").filter(has_text="Någon annan")
        assert "Majas beskrivning av målet" in alert.inner_text()
        assert other.get_by_label("Beskrivning").input_value() == "Administratörens beskrivning"
        assert serious_violations(other) == []
        goal.refresh_from_db()
        assert goal.description == "Majas beskrivning av målet"

        other.get_by_role("button", name="Spara målet").click()  # having seen the other text
        other.get_by_text("Målet är sparat.").wait_for()
        goal.refresh_from_db()
        assert goal.description == "Administratörens beskrivning"

        other.goto(url)
        other.get_by_role("link", name="Historik för målet").click()
        history = other.locator("main").inner_text()
        assert "Majas beskrivning av målet → Administratörens beskrivning" in history
    finally:
        other_context.close()
