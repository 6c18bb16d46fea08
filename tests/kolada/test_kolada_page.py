"""The Kolada page: a strategist follows a KPI, fetches now (the background job), and sees the
values, the definition and its recorded changes; the indicator shows "Källa: Kolada"."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.common.models import Job
from nettonoll.indicators.models import Indicator
from nettonoll.kolada.models import FetchState, Selection
from nettonoll.kolada.services import kolada_fetch_due
from tests.kolada.conftest import FakeKolada

pytestmark = pytest.mark.django_db
PAGE = "/org/RJH/kolada/"


def _follow_and_fetch(
    strategist: Client, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    answer = strategist.post(PAGE, {"kpi_id": "N00401", "municipality_id": "1780"})
    assert answer.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        assert strategist.post(f"{PAGE}fetch/").status_code == 302


def test_a_strategist_follows_a_kpi_fetches_it_and_sees_its_values(
    kolada: FakeKolada,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    strategist = client_as("strategist")
    _follow_and_fetch(strategist, django_capture_on_commit_callbacks)
    assert Job.objects.get(kind="kolada.fetch").status == Job.DONE
    page = strategist.get(PAGE).content.decode()
    assert "N00401 Utsläpp till luft av växthusgaser totalt" in page
    assert "Karlstad (1780)" in page
    assert "<td>2015</td><td>5,12</td>" in page
    assert "inget värde (Missing)" in page
    assert "Nationella emissionsdatabasen" in page  # the definition
    indicator = Indicator.objects.get(organisation__code="RJH", name__startswith="N00401")
    detail = strategist.get(f"/org/RJH/indicators/{indicator.pk}/").content.decode()
    assert "Källa: Kolada (N00401 Utsläpp till luft" in detail
    listing = strategist.get("/org/RJH/indicators/").content.decode()
    assert "Källa: Kolada" in listing


def test_a_changed_definition_is_shown_with_old_and_new(
    kolada: FakeKolada,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    strategist = client_as("strategist")
    _follow_and_fetch(strategist, django_capture_on_commit_callbacks)
    kolada.routes["/v3/kpi/N00401"] = "kpi_N00401_changed.json"
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        strategist.post(f"{PAGE}fetch/")
    page = strategist.get(PAGE).content.decode()
    assert "Ändringar i definitionen av N00401" in page
    assert "<td>publiceringsdatum</td><td>2024-05-02</td><td>2025-05-06</td>" in page


def test_a_failed_fetch_is_shown_on_the_page(
    kolada_unreachable: str,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    strategist = client_as("strategist")
    _follow_and_fetch(strategist, django_capture_on_commit_callbacks)
    assert Job.objects.get(kind="kolada.fetch").status == Job.FAILED
    page = strategist.get(PAGE).content.decode()
    assert "Misslyckades" in page and "Kolada gick inte att nå" in page


def test_a_wrong_id_is_refused_with_the_rule(client_as: Callable[[str], Client]) -> None:
    answer = client_as("strategist").post(PAGE, {"kpi_id": "utsläpp", "municipality_id": "1780"})
    assert answer.status_code == 400
    assert "en bokstav och fem siffror" in answer.content.decode()
    assert not Selection.objects.filter(organisation__code="RJH").exists()


def test_only_strategists_of_the_whole_organisation_use_the_page(
    client_as: Callable[[str], Client],
) -> None:
    assert client_as("reader").get(PAGE).status_code == 403
    assert client_as("manager").get(PAGE).status_code == 404
    assert client_as("outsider").get(PAGE).status_code == 404


def test_the_worker_queues_a_fetch_only_when_one_is_due(
    kolada: FakeKolada,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    strategist = client_as("strategist")
    strategist.post(PAGE, {"kpi_id": "N00401", "municipality_id": "1780"})
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        due = kolada_fetch_due()
    assert [o.code for o in due] == ["RJH"]  # the demo's Värmland was stored just now
    assert Selection.objects.get(organisation__code="RJH").fetch_state == FetchState.OK
    assert kolada_fetch_due() == []  # fetched just now: not due again for a week
