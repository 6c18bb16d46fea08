"""Years before an indicator's base year are shown as history, never judged against the target
path, never part of the trend forecast or of a goal's status; values computed from a metric
source say once where they come from instead of repeating it on every row."""

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from django.test import Client

from nettonoll.common import metrics
from nettonoll.common.metrics import Metric, metric_register
from nettonoll.indicators import services
from nettonoll.indicators.models import Indicator
from nettonoll.indicators.selectors import indicator_status
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans.models import Plan
from nettonoll.plans.selectors import goal_reports
from nettonoll.reports.followup import report_context

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
LABEL = "Testkälla med historik"
# Zeros 2020–2022 before the base year 2023; from 2023 the value falls 100 kW a year.
HISTORY = {2020: 0.0, 2021: 0.0, 2022: 0.0, 2023: 1200.0, 2024: 1100.0, 2025: 1000.0}


def root() -> Node:
    return Node.objects.get(organisation__code="RJH", depth=1)


@pytest.fixture
def sourced(demo: None) -> Iterator[Indicator]:
    """Base year 2023 (source value 1 200 kW), target 500 kW in 2030, falling."""
    key = "test.with_history"
    metric_register(Metric(key, LABEL, "kW", lambda n: dict(HISTORY)))
    indicator = services.indicator_define(
        organisation=Organisation.objects.get(code="RJH"),
        name="Effekt med historik",
        unit="kW",
        direction="decrease",
        baseline_year=2023,
        baseline_value=Decimal(1200),
        targets=[(2030, Decimal(500))],
        metric_key=key,
    )
    yield indicator
    metrics._METRICS.pop(key)


def test_years_before_the_base_year_are_not_judged(sourced: Indicator) -> None:
    status = indicator_status(sourced, root())
    by_year = {v.value.year: v for v in status.values}
    assert sorted(by_year) == sorted(HISTORY)  # still shown
    for year in (2020, 2021, 2022):
        assert by_year[year].before_base
        assert (by_year[year].path, by_year[year].on_track) == (None, None)
    assert by_year[2023].path == pytest.approx(1200.0) and by_year[2023].on_track
    assert by_year[2025].path == pytest.approx(1200 - 700 * 2 / 7)  # 1 000 on the path
    assert by_year[2025].on_track is True


def test_the_forecast_uses_only_the_years_from_the_base_year(sourced: Indicator) -> None:
    """1 200, 1 100, 1 000 → 500 in 2030 (with the zeros the trend would rise to 2 585,7)."""
    prognosis = indicator_status(sourced, root()).forecast
    assert prognosis is not None
    assert prognosis.forecast_value == pytest.approx(500.0)
    assert prognosis.miss == 0.0


def test_the_page_shows_history_years_as_before_the_base_year(
    sourced: Indicator, client_as: ClientAs
) -> None:
    page = client_as("strategist").get(f"/org/RJH/indicators/{sourced.pk}/").content.decode()
    table = page[page.index("<table>") : page.index("</table>")]
    assert table.count("Före basåret") == 3
    assert "Efter målbanan" not in table
    assert "År före basåret 2023 visas som historik" in page
    assert "Prognosen förlänger trenden i värdena från basåret" in page  # the rule says so
    assert "Prognos 2030: 500,0 kW" in page and "Med nuvarande trend nås målet." in page


def test_computed_values_name_their_source_once_above_the_table(
    sourced: Indicator, client_as: ClientAs
) -> None:
    page = client_as("strategist").get(f"/org/RJH/indicators/{sourced.pk}/").content.decode()
    table = page[page.index("<table>") : page.index("</table>")]
    assert LABEL not in table
    assert "Kommentar" not in table  # no value of a source has a comment
    assert page.count(f"Värdena räknas fram ur källan {LABEL}.") == 1


def test_a_hand_entered_comment_is_shown_in_its_row(client_as: ClientAs) -> None:
    indicator = Indicator.objects.get(name="Koldioxidutsläpp från tjänsteresor")
    services.indicator_value_enter(
        indicator=indicator, node=root(), year=2024, value=Decimal(900), comment="Färre flyg"
    )
    page = client_as("strategist").get(f"/org/RJH/indicators/{indicator.pk}/").content.decode()
    table = page[page.index("<table>") : page.index("</table>")]
    assert "Kommentar" in table and "<td>Färre flyg</td>" in table
    assert "Värdena räknas fram ur källan" not in page


def test_a_value_before_the_base_year_does_not_count_in_the_goal_status(demo: None) -> None:
    """A value by hand for 2022, before the base year 2023 (base 100, rising to 200 in 2030): 50
    is below the base, but not judged, so goal M2 stays on track."""
    indicator = services.indicator_define(
        organisation=Organisation.objects.get(code="RJH"),
        name="Laddpunkter före basåret",
        unit="st",
        direction="increase",
        baseline_year=2023,
        baseline_value=Decimal(100),
        targets=[(2030, Decimal(200))],
    )
    services.indicator_value_enter(indicator=indicator, node=root(), year=2022, value=Decimal(50))
    status = indicator_status(indicator, root())
    assert status.latest is not None and status.latest.before_base
    assert status.on_track is None
    plan = Plan.objects.get(name="Miljömål 2023")
    goal = plan.goals.get(code="M2")
    goal.indicators.add(indicator)
    department = Node.objects.get(organisation__code="RJH", code="RS")
    reports = {r.goal.code: r.status for r in goal_reports(department, plan)}
    assert reports["M2"] == "on_track"
    board = {g["code"]: g for g in report_context(department, plan, None)["goals"]}
    assert board["M2"]["status_label"] == "I fas"
    sentence = next(t for t in board["M2"]["indicators"] if "Laddpunkter före basåret" in t)
    assert "50 st år 2022" in sentence and "i fas" not in sentence
