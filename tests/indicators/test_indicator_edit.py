"""An indicator's baseline and targets are edited in the web, with history and conflicts."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from nettonoll.indicators.models import Indicator, IndicatorTarget

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def travel() -> Indicator:
    return Indicator.objects.get(
        organisation__code="RJH", name="Koldioxidutsläpp från tjänsteresor"
    )


def _data(indicator: Indicator, **changes: object) -> dict[str, object]:
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline_year": indicator.baseline_year,
        "baseline_value": str(indicator.baseline_value).replace(".", ","),
        "description": indicator.description,
        "metric_key": indicator.metric_key,
        "targets": "\n".join(f"{t.year};{t.value}" for t in indicator.targets.all()),
        "version": indicator.version,
        **changes,
    }


def test_the_baseline_and_targets_are_edited_and_the_old_ones_stay_in_history(
    client_as: ClientAs,
) -> None:
    indicator = travel()
    client = client_as("strategist")
    url = f"/org/RJH/indicators/{indicator.pk}/edit/"
    detail = client.get(f"/org/RJH/indicators/{indicator.pk}/").content.decode()
    assert f'href="{url}"' in detail
    assert client.get(url).status_code == 200
    saved = client.post(
        url,
        _data(indicator, baseline_year=2018, baseline_value="1 150", targets="2027;800\n2035;400"),
    )
    assert saved.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.baseline_year, indicator.baseline_value) == (2018, Decimal(1150))
    assert list(indicator.targets.values_list("year", "value")) == [
        (2027, Decimal(800)),
        (2035, Decimal(400)),
    ]
    assert indicator.history.filter(baseline_value=Decimal(1200)).exists()
    assert IndicatorTarget.history.filter(
        indicator_id=indicator.pk, year=2030, history_type="-"
    ).exists()


def test_a_stale_edit_answers_409_and_keeps_what_was_typed(client_as: ClientAs) -> None:
    indicator = travel()
    client = client_as("strategist")
    url = f"/org/RJH/indicators/{indicator.pk}/edit/"
    old = _data(indicator)
    assert client.post(url, _data(indicator, targets="2030;500")).status_code == 302
    stale = client.post(url, {**old, "targets": "2030;550\n2040;0"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "2030;550" in page and "2040;0" in page  # what the user typed
    assert "2030;500" in page  # what is saved
    assert list(travel().targets.values_list("value", flat=True)) == [Decimal(500)]


def test_a_target_year_before_the_baseline_is_explained(client_as: ClientAs) -> None:
    indicator = travel()
    url = f"/org/RJH/indicators/{indicator.pk}/edit/"
    refused = client_as("strategist").post(url, _data(indicator, targets="2010;5"))
    assert refused.status_code == 400
    assert "Ett målår måste ligga efter basåret" in refused.content.decode()


def test_a_reader_sees_no_edit_link_and_is_refused(client_as: ClientAs) -> None:
    indicator = travel()
    client = client_as("reader")
    assert "/edit/" not in client.get(f"/org/RJH/indicators/{indicator.pk}/").content.decode()
    assert client.get(f"/org/RJH/indicators/{indicator.pk}/edit/").status_code == 403


def test_the_baseline_is_offered_as_written_without_trailing_zeros(client_as: ClientAs) -> None:
    indicator = travel()
    assert indicator.baseline_value == 1200
    page = client_as("strategist").get(f"/org/RJH/indicators/{indicator.pk}/edit/").content.decode()
    assert 'name="baseline_value" value="1200"' in page  # not 1200,000 (read: 1,2 million)


def test_a_value_to_correct_is_offered_as_written(client_as: ClientAs) -> None:
    indicator = travel()
    url = f"/org/RJH/indicators/{indicator.pk}/?node=RJH&year=2021"
    page = client_as("strategist").get(url).content.decode()
    assert 'name="value" value="820"' in page
