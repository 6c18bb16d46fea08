"""Indicators entered by hand: on/off track against the target path, with the rule shown."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from nettonoll.indicators import services
from nettonoll.indicators.models import Indicator, IndicatorValue
from nettonoll.indicators.selectors import indicator_status
from nettonoll.organisations.models import Node
from nettonoll.plans.models import Plan
from nettonoll.plans.selectors import goal_reports

pytestmark = pytest.mark.django_db


def root() -> Node:
    return Node.objects.get(organisation__code="RJH", code="RJH")


def travel() -> Indicator:
    return Indicator.objects.get(name="Koldioxidutsläpp från tjänsteresor")


def test_a_value_above_the_falling_path_is_off_track(demo: None) -> None:
    status = indicator_status(travel(), root())
    latest = status.latest
    assert latest is not None and latest.value.year == 2023
    assert latest.path == pytest.approx(1200 - 600 * 4 / 11)
    assert status.on_track is False
    assert status.forecast is not None and status.forecast.miss > 0


def test_an_off_track_indicator_makes_its_goal_off_track(demo: None) -> None:
    plan = Plan.objects.get(name="Miljömål 2023")
    reports = {r.goal.code: r.status for r in goal_reports(Node.objects.get(code="RS"), plan)}
    assert reports["M1"] == "off_track"
    assert reports["M2"] == "on_track"


def test_correcting_a_value_keeps_the_old_one_in_history(demo: None) -> None:
    services.indicator_value_enter(indicator=travel(), node=root(), year=2023, value=Decimal("950"))
    value = IndicatorValue.objects.get(indicator=travel(), node=root(), year=2023)
    assert value.value == Decimal("950")
    assert [h.value for h in value.history.order_by("history_date")][-2:] == [
        Decimal("1080"),
        Decimal("950"),
    ]
    assert indicator_status(travel(), root()).on_track is True


def test_a_strategist_defines_an_indicator_and_a_manager_enters_a_value_from_the_web(
    client_as,
) -> None:  # type: ignore[no-untyped-def]
    response = client_as("strategist").post(
        "/org/RJH/indicators/",
        {
            "name": "Laddpunkter",
            "unit": "st",
            "direction": "increase",
            "baseline_year": "2020",
            "baseline_value": "10",
            "targets": "2025;100\n2030;300",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="Laddpunkter")
    assert [(t.year, int(t.value)) for t in indicator.targets.all()] == [(2025, 100), (2030, 300)]
    page = client_as("manager").post(
        f"/org/RJH/indicators/{indicator.pk}/",
        {"node": "RS-SERV-FORD", "year": "2023", "value": "64", "comment": "Nya laddboxar"},
    )
    assert page.status_code == 302
    detail = (
        client_as("manager")
        .get(f"/org/RJH/indicators/{indicator.pk}/?node=RS-SERV-FORD")
        .content.decode()
    )
    assert "Målbanan går i rät linje" in detail and "Nya laddboxar" in detail
    assert client_as("reader").post(f"/org/RJH/indicators/{indicator.pk}/", {}).status_code == 403


def test_a_computed_indicator_follows_the_klimatbokslut_and_its_recalculation(
    demo: None, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from nettonoll.calc.factors import Factor
    from nettonoll.emissions.services import factor_save

    indicator = Indicator.objects.get(name="Utsläpp från tjänsteresor enligt klimatbokslutet")
    before = indicator_status(indicator, root())
    assert [v.value.year for v in before.values] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert before.values[0].value.value == pytest.approx(1_500_000 * 297e-6 + 2_000_000 * 7e-6)
    with django_capture_on_commit_callbacks(execute=True):  # recalculated once it commits
        factor_save(
            organisation=root().organisation,
            factor=Factor(
                "travel.air.short_haul",
                2019,
                150,
                "g CO2e/pkm",
                3,
                publisher="Test",
                title="Test",
                link="https://example.org",
            ),
        )
    assert indicator.metric_key == "klimatbokslut.travel"  # a metric source, not a branch
    after = indicator_status(indicator, root())
    assert after.values[0].value.value < before.values[0].value.value
    with pytest.raises(
        services.IndicatorError, match="beräknas ur källan Klimatbokslut: tjänsteresor"
    ):
        services.indicator_value_enter(
            indicator=indicator, node=root(), year=2024, value=Decimal(1)
        )


def test_an_indicator_is_pointed_at_a_declared_metric_source_from_the_web(
    client_as,  # type: ignore[no-untyped-def]
) -> None:
    client = client_as("strategist")
    form = client.get("/org/RJH/indicators/").content.decode()
    assert "Klimatbokslut: el" in form  # the sources are offered by their Swedish names
    assert "klimatbokslut.electricity" in form
    response = client.post(
        "/org/RJH/indicators/",
        {
            "name": "Utsläpp från el",
            "unit": "t CO2e",
            "direction": "decrease",
            "baseline_year": "2019",
            "baseline_value": "100",
            "metric_key": "klimatbokslut.electricity",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Klimatbokslut: el (t CO2e)" in page
    assert "klimatbokslut.electricity" not in page  # words, not codes
    assert "Lägg in eller rätta ett värde" not in page  # computed: no hand entry


def test_an_unknown_metric_source_is_refused() -> None:
    from nettonoll.common.metrics import metric_get

    assert metric_get("klimatbokslut.nothing") is None
    assert metric_get("klimatbokslut.kategori:travel.air.") is not None
    with pytest.raises(services.IndicatorError, match="finns inte"):
        services.indicator_define(
            organisation=root().organisation,
            name="X",
            unit="t",
            direction="decrease",
            baseline_year=2019,
            baseline_value=Decimal(1),
            metric_key="okand.kalla",
        )


def test_a_share_indicator_page_never_forecasts_past_100_percent(client_as) -> None:  # type: ignore[no-untyped-def]
    from nettonoll.indicators.models import Indicator

    shares = Indicator.objects.filter(organisation__code="RJH", unit="%")
    assert shares.exists()
    for indicator in shares:
        status = indicator_status(indicator, root())
        if status.forecast is not None:
            assert 0.0 <= status.forecast.forecast_value <= 100.0
