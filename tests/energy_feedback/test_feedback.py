"""Energy feedback to units (issue 12): each unit's share of its buildings' normalised energy
month by month against the same month last year, on its node page and a page of its own."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from nettonoll.calc.energy_feedback import TOTAL, month_add
from nettonoll.energy_feedback.selectors import node_feedback
from nettonoll.estate.models import Building, DegreeDayMonth, EnergyReading
from tests.energy_feedback.conftest import World, degree_days

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_unit_sees_its_share_of_the_building_against_the_same_month_last_year(
    world: World,
) -> None:
    owner = node_feedback(world.unit)
    latest = owner.latest()
    assert latest is not None and latest.month == world.latest
    # the owner has the unshared 60 %: heat 900 vs 1 000, electricity 500 vs 500
    assert latest.normalised_kwh == pytest.approx(0.6 * 1400)
    assert latest.last_year_kwh == pytest.approx(0.6 * 1500)
    assert latest.change_kwh == pytest.approx(-60)
    assert latest.change_pct == pytest.approx(-100 / 1500 * 100)
    heat = next(c for c in owner.carriers if c.carrier == "fjärrvärme")
    assert heat.this_year_kwh == pytest.approx(0.6 * 900 * 12)
    assert heat.change_pct == pytest.approx(-10)
    user = node_feedback(world.other).latest()
    assert user is not None and user.normalised_kwh == pytest.approx(0.4 * 1400)
    region = node_feedback(world.root).latest()
    assert region is not None and region.normalised_kwh == pytest.approx(1400)


def test_a_cold_month_is_compared_normalised_not_as_measured(world: World) -> None:
    month = world.latest
    DegreeDayMonth.objects.filter(month=month).update(degree_days=Decimal(400))
    EnergyReading.objects.filter(month=month, carrier="fjärrvärme").update(kwh=Decimal(1200))
    heat = next(c for c in node_feedback(world.root).carriers if c.carrier == "fjärrvärme")
    # 1 200 kWh in a month 33 % colder than normal: 300 + 900 × 300/400 = 975
    assert heat.rows[-1].normalised_kwh == pytest.approx(975)


def test_a_month_without_last_years_readings_shows_no_change(world: World) -> None:
    EnergyReading.objects.filter(month=month_add(world.latest, -12)).delete()
    latest = node_feedback(world.unit).latest()
    assert latest is not None
    assert latest.last_year_kwh is None
    assert latest.change_kwh is None and latest.change_pct is None


def test_a_month_without_degree_days_says_which_locality_is_missing(world: World) -> None:
    DegreeDayMonth.objects.filter(month=world.latest).delete()
    feedback = node_feedback(world.unit)
    latest = feedback.latest()
    assert latest is not None and latest.normalised_kwh is None
    assert "graddagar för Karlstad saknas för" in feedback.reason(latest)


def test_a_building_without_a_locality_is_named_as_the_reason(world: World) -> None:
    Building.objects.filter(pk=world.building.pk).update(locality="")
    feedback = node_feedback(world.unit)
    latest = feedback.latest()
    assert latest is not None
    assert feedback.reason(latest) == "byggnaden B-1 Hus 1 har ingen ort för graddagar"
    heat = next(c for c in feedback.carriers if c.carrier == "fjärrvärme")
    assert heat.this_year_kwh is None  # a sum over months with holes is not shown


def test_degree_days_of_mixed_bases_are_refused_in_words(world: World) -> None:
    DegreeDayMonth.objects.filter(month=world.latest).update(base_c=Decimal(20))
    feedback = node_feedback(world.unit)
    assert "olika bastemperaturer" in feedback.problem
    assert feedback.carriers == []


def test_a_node_without_buildings_has_no_feedback(world: World) -> None:
    Building.objects.filter(organisation__code=world.org).delete()  # not the demo's (solar)
    feedback = node_feedback(world.unit)
    assert not feedback.has_buildings and feedback.latest() is None


def test_the_page_shows_months_in_words_and_swedish_numbers(world: World) -> None:
    response = _client(world.outsider).get(f"/org/{world.org}/energi/aterkoppling/E2/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Alla energibärare" in text and "Fjärrvärme" in text
    assert "fjärrvärme</" not in text  # the label, never the code
    # E2's 40 %: 12 months of 1 400 kWh = 6 720 kWh against 7 200: −6,7 %
    assert "6\xa0720\xa0kWh" in text
    assert "−6,7\xa0%" in text
    month = world.latest
    names = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert f"{names[month.month - 1]} {month.year}" in text


def test_the_page_is_not_shown_to_someone_who_cannot_see_the_node(world: World) -> None:
    assert (
        _client(world.outsider).get(f"/org/{world.org}/energi/aterkoppling/E1/").status_code == 404
    )
    assert Client().get(f"/org/{world.org}/energi/aterkoppling/E1/").status_code == 302


def test_the_node_page_has_a_feedback_panel_linking_to_the_page(world: World) -> None:
    response = _client(world.reader).get(f"/org/{world.org}/node/E1/")
    text = response.content.decode()
    assert "Energiåterkoppling" in text
    assert f"/org/{world.org}/energi/aterkoppling/E1/" in text
    assert f"/org/{world.org}/energi/atgarder/E1/" in text


def test_a_node_without_buildings_has_no_panel(world: World) -> None:
    Building.objects.filter(organisation__code=world.org).delete()  # not the demo's (solar)
    text = _client(world.reader).get(f"/org/{world.org}/node/E1/").content.decode()
    assert "/energi/aterkoppling/" not in text


def test_every_carrier_and_the_total_have_a_row_for_each_of_the_last_twelve_months(
    world: World,
) -> None:
    degree_days(month_add(world.latest, -30), 6)  # older degree days change nothing
    feedback = node_feedback(world.unit, today=datetime.date.today())
    assert [c.carrier for c in feedback.carriers] == [TOTAL, "el", "fjärrvärme"]
    assert all(len(c.rows) == 12 for c in feedback.carriers)
