"""An indicator with a metric source judges each unit against its own base value from the source,
says where the base comes from, and tells its trend forecast apart from the fleet's plan."""

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.common import metrics
from nettonoll.common.metrics import Metric, metric_register
from nettonoll.indicators.models import Indicator
from nettonoll.indicators.selectors import indicator_status
from nettonoll.organisations.models import Node

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
UNIT = "RS-SERV-KOST"


def fleet() -> Indicator:
    return Indicator.objects.get(
        organisation__code="RJH", name="Andel fossilfria fordon i fordonsflottan"
    )


def node(code: str) -> Node:
    return Node.objects.get(organisation__code="RJH", code=code)


def test_a_unit_is_judged_against_its_own_base_value_from_the_source(demo: None) -> None:
    indicator = fleet()
    own = indicator.metric.values(node(UNIT))  # type: ignore[union-attr]
    assert indicator.baseline_year in own and own[indicator.baseline_year] != float(
        indicator.baseline_value
    )
    status = indicator_status(indicator, node(UNIT))
    assert status.baseline.from_source
    assert status.baseline.value == pytest.approx(own[indicator.baseline_year])
    first = next(v for v in status.values if v.value.year == indicator.baseline_year)
    assert first.path == pytest.approx(own[indicator.baseline_year])
    assert first.on_track  # the base year is on its own path


def unit_manager() -> Client:
    """The demo's `enhetschef`, whose pages start at the unit Kost och restaurang."""
    client = Client()
    client.force_login(User.objects.get(username="enhetschef"))
    return client


def test_the_indicator_page_and_list_say_the_base_is_the_units_value_from_the_source(
    demo: None,
) -> None:
    indicator = fleet()
    base = indicator.metric.values(node(UNIT))[2019]  # type: ignore[union-attr]
    shown = f"{base:.1f}".replace(".", ",").rstrip("0").rstrip(",")
    client = unit_manager()
    for url in (f"/org/RJH/indicators/{indicator.pk}/", "/org/RJH/indicators/"):
        page = client.get(url).content.decode()
        name = node(UNIT).name
        assert f"2019: {shown}" in page, url
        assert f"källans värde för {name} det året" in page, url
        assert "2019: 26 " not in page and "2019: 26<" not in page, url


@pytest.fixture
def gap_metric(demo: None) -> Iterator[str]:
    """A source without a value for the base year."""
    key = "test.no_base_year"
    metric_register(Metric(key, "Test utan basår", "%", lambda n: {2021: 40.0, 2023: 60.0}))
    yield key
    metrics._METRICS.pop(key)


def test_without_the_sources_base_year_value_a_unit_is_not_judged(
    gap_metric: str, client_as: ClientAs
) -> None:
    indicator = fleet()
    Indicator.objects.filter(pk=indicator.pk).update(metric_key=gap_metric)
    indicator.refresh_from_db()
    status = indicator_status(indicator, node(UNIT))
    assert status.baseline.missing and status.baseline.value is None
    assert [(v.path, v.on_track) for v in status.values] == [(None, None), (None, None)]
    assert status.on_track is None
    page = client_as("strategist").get(f"/org/RJH/indicators/{indicator.pk}/?node={UNIT}")
    text = page.content.decode()
    assert "källan har inget värde för" in text and "Ej bedömt (inget basvärde)" in text
    assert "Efter målbanan" not in text and "I fas<" not in text


def test_the_edit_form_shows_the_sources_base_value_and_takes_none(client_as: ClientAs) -> None:
    indicator = fleet()
    root = Node.objects.get(organisation__code="RJH", depth=1)
    root_base = indicator.metric.values(root)[2019]  # type: ignore[union-attr]
    client = client_as("strategist")
    url = f"/org/RJH/indicators/{indicator.pk}/edit/"
    form = client.get(url).content.decode()
    field = form[
        form.index('name="baseline_value"') - 300 : form.index('name="baseline_value"') + 300
    ]
    assert "disabled" in field
    assert "Hämtas ur källan" in form and "Basvärdet skrivs därför inte in här" in form
    saved = client.post(
        url,
        {
            "name": indicator.name,
            "unit": indicator.unit,
            "direction": indicator.direction,
            "baseline_year": 2019,
            "baseline_value": "999",
            "metric_key": indicator.metric_key,
            "targets": "2030;100",
            "version": indicator.version,
        },
    )
    assert saved.status_code == 302
    indicator.refresh_from_db()
    assert indicator.baseline_value != Decimal(999)
    assert float(indicator.baseline_value) == pytest.approx(root_base, abs=1e-3)


def test_a_fleet_share_forecast_says_it_is_the_trend_and_links_the_fleet_plan(
    client_as: ClientAs,
) -> None:
    indicator = fleet()
    page = client_as("strategist").get(f"/org/RJH/indicators/{indicator.pk}/?node={UNIT}")
    text = page.content.decode()
    assert "trenden i andelen de senaste åren" in text
    assert f'href="/org/RJH/fordonsflotta/?node={UNIT}"' in text
    assert "där vägen till 2030 räknas fordon för fordon" in text
    listing = unit_manager().get("/org/RJH/indicators/").content.decode()
    assert "enligt trenden" in listing
    assert f'href="/org/RJH/fordonsflotta/?node={UNIT}"' in listing


def test_a_klimatbokslut_indicator_has_no_fleet_link_and_its_base_comes_from_the_source(
    client_as: ClientAs,
) -> None:
    indicator = Indicator.objects.get(name="Utsläpp från tjänsteresor enligt klimatbokslutet")
    status = indicator_status(indicator, node(UNIT))
    own = indicator.metric.values(node(UNIT))  # type: ignore[union-attr]
    assert status.baseline.value == (own.get(indicator.baseline_year))
    text = client_as("strategist").get(f"/org/RJH/indicators/{indicator.pk}/").content.decode()
    assert "fordonsflotta" not in text


def test_a_new_indicator_with_a_source_needs_no_typed_base_but_one_by_hand_does(
    client_as: ClientAs,
) -> None:
    client = client_as("strategist")
    root = Node.objects.get(organisation__code="RJH", depth=1)
    fields = {"unit": "%", "direction": "increase", "baseline_year": "2019", "baseline_value": ""}
    by_hand = client.post("/org/RJH/indicators/", {**fields, "name": "För hand"})
    assert by_hand.status_code == 400
    assert "Skriv basvärdet: värdena läggs in för hand." in by_hand.content.decode()
    sourced = client.post(
        "/org/RJH/indicators/",
        {**fields, "name": "Ur källan", "metric_key": "fleet.fossil_free_capable_pct"},
    )
    assert sourced.status_code == 302
    indicator = Indicator.objects.get(organisation__code="RJH", name="Ur källan")
    stored = indicator.metric.values(root)[2019]  # type: ignore[union-attr]
    assert float(indicator.baseline_value) == pytest.approx(stored, abs=1e-3)
