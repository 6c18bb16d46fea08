"""A unit fills its whole round checklist in a browser and saves once: every answer is there after
a reload; leaving with unsaved changes asks first, leaving after saving does not."""

from typing import Any

import pytest

from nettonoll.plans.models import FollowUpEntry, FollowUpRound
from tests.e2e.test_roles_and_accessibility import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_unit_fills_the_whole_checklist_saves_once_and_finds_every_answer(
    page: Any, live_server: Any
) -> None:
    round_ = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Helår 2023")
    url = f"{live_server.url}/org/RJH/plans/{round_.plan_id}/rounds/{round_.pk}/node/RS-SERV-KOST/"
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    log_in(page, live_server, "medarbetare")
    page.goto(url)
    sections = page.locator("main section.panel")
    count = sections.count()
    assert count >= 4
    for n in range(count):
        section = sections.nth(n)
        select = section.get_by_label("Status")
        options = [
            o for o in select.locator("option").all_inner_texts() if o != "– Ej rapporterad –"
        ]
        select.select_option(label=options[-1])
        section.get_by_label("Kommentar").click()
        section.get_by_label("Kommentar").press_sequentially(f"Svar {n + 1}")

    # leaving with unsaved changes: the browser asks first, and the user stays
    page.get_by_role("link", name="Målen för Kost och restaurang").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == url

    page.get_by_role("button", name="Spara rapporten").click()
    page.get_by_text(f"Rapporten är sparad: {count} punkter.").wait_for()
    assert dialogs == ["beforeunload"]  # no warning on a successful save

    page.reload()
    sections = page.locator("main section.panel")
    for n in range(count):
        section = sections.nth(n)
        assert section.get_by_label("Kommentar").input_value() == f"Svar {n + 1}"
        assert "Rapporterad" in section.inner_text()
    assert FollowUpEntry.objects.filter(round=round_, node__code="RS-SERV-KOST").count() == count

    page.get_by_role("link", name="Målen för Kost och restaurang").click()  # nothing unsaved
    page.wait_for_url(f"**/plans/{round_.plan_id}/node/RS-SERV-KOST/")
    assert dialogs == ["beforeunload"]
