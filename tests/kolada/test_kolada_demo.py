"""The demo's Kolada selections: made-up values said to be made up, fed into Värmland's
indicators, with one recorded definition change; the demo never fetches."""

from collections.abc import Callable

import pytest
from django.test import Client, override_settings

from nettonoll.accounts.models import User
from nettonoll.common.models import Job
from nettonoll.indicators.models import IndicatorValue
from nettonoll.kolada.models import KpiChange, Selection
from nettonoll.kolada.tasks import fetch_due

pytestmark = pytest.mark.django_db


def test_the_demo_says_its_kolada_values_are_made_up(demo: None) -> None:
    selections = Selection.objects.filter(organisation__code="RV").select_related("kpi")
    assert sorted(s.kpi.kpi_id for s in selections) == ["N07947", "U00501"]
    assert all("påhittade" in s.kpi.description for s in selections)
    assert all("(demo)" in s.municipality_name for s in selections)
    assert IndicatorValue.objects.filter(indicator__kolada_selections__in=selections).count() == 10
    assert set(KpiChange.objects.values_list("kpi__kpi_id", "field")) >= {
        ("U00501", "description"),
        ("U00501", "publication_date"),
    }


@override_settings(IS_DEMO=True)
def test_the_demo_worker_never_fetches(demo: None) -> None:
    Selection.objects.update(attempted_at=None)  # every selection due
    fetch_due()
    assert not Job.objects.filter(kind="kolada.fetch").exists()
    with override_settings(IS_DEMO=False):
        fetch_due()
    assert Job.objects.filter(kind="kolada.fetch").exists()  # the guard above is what held


def test_varmlands_strategist_sees_the_demo_page(demo: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="strateg.varmland"))
    page = client.get("/org/RV/kolada/").content.decode()
    assert "Demo: påhittade värden" in page
    assert "Ändringar i definitionen av U00501" in page


@override_settings(IS_DEMO=True)
def test_fetch_now_in_the_demo_says_so_and_queues_nothing(
    demo: None, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    client = Client()
    client.force_login(User.objects.get(username="strateg.varmland"))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        answer = client.post("/org/RV/kolada/fetch/", follow=True)
    assert "Demon hämtar aldrig från Kolada" in answer.content.decode()
    assert not Job.objects.filter(kind="kolada.fetch").exists()
