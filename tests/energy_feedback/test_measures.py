"""Energy-efficiency measures (issue 12): a building's measure, linked to an activity, with the
expected saving and the normalised saving measured since; pages for the node's measures, new and
edit by contributors of the building's node, versioned with history."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from nettonoll.calc.energy_feedback import month_add
from nettonoll.energy_feedback.models import EnergyMeasure
from nettonoll.energy_feedback.selectors import follow_up
from nettonoll.estate.models import EnergyReading
from nettonoll.organisations.models import Role
from tests.energy_feedback.conftest import World, degree_days, month_rows
from tests.factories import ActivityFactory, GoalFactory, NodeFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _measure(world: World, implemented_on: datetime.date | None, **values: object) -> EnergyMeasure:
    return EnergyMeasure.objects.create(
        building=world.building,
        title="Ny värmeväxlare",
        carrier="fjärrvärme",
        expected_saving_kwh_per_year=Decimal(2400),
        implemented_on=implemented_on,
        **values,
    )


def _month_before_the_data(world: World) -> None:
    """Readings and degree days for the month 24 months before the latest."""
    month = month_add(world.latest, -24)
    month_rows(world.building, month, 1, "fjärrvärme", 1000)
    month_rows(world.building, month, 1, "el", 500)
    degree_days(month, 1)


def test_the_saving_measured_is_the_year_before_minus_the_latest_twelve_months(
    world: World,
) -> None:
    _month_before_the_data(world)
    measure = _measure(world, month_add(world.latest, -12) + datetime.timedelta(days=9))
    result = follow_up(measure).result
    assert result is not None
    assert (result.before_kwh, result.after_kwh) == (12000, 10800)
    assert result.saving_kwh == 1200
    assert result.share_of_expected_pct == pytest.approx(50)


def test_until_twelve_months_have_passed_it_says_how_many_are_left(world: World) -> None:
    assert follow_up(_measure(world, month_add(world.latest, -11))).not_yet == (
        "för tidigt att mäta, 1 månad kvar"
    )
    assert (
        follow_up(_measure(world, world.latest)).not_yet == "för tidigt att mäta, 12 månader kvar"
    )
    assert follow_up(_measure(world, None)).not_yet == "inte genomförd än"


def test_a_month_without_readings_leaves_the_saving_unmeasured_and_says_so(world: World) -> None:
    measure = _measure(world, month_add(world.latest, -12))  # the month before the data starts
    found = follow_up(measure)
    assert found.result is not None and found.result.saving_kwh is None
    assert found.not_yet.startswith("normalårskorrigerade värden saknas för ")


def test_a_carrier_no_longer_bought_counts_as_zero_while_the_building_has_other_readings(
    world: World,
) -> None:
    _month_before_the_data(world)
    EnergyReading.objects.filter(
        carrier="fjärrvärme", month__gt=month_add(world.latest, -12)
    ).delete()
    result = follow_up(_measure(world, month_add(world.latest, -12))).result
    assert result is not None and result.saving_kwh == 12000


def test_the_list_shows_the_saving_beside_the_expected_and_links_the_activity(world: World) -> None:
    _month_before_the_data(world)
    plan = PlanFactory(organisation=world.root.organisation)
    activity = ActivityFactory(
        node=world.unit, title="Energieffektivisera köket", goals=[GoalFactory(plan=plan)]
    )
    measure = _measure(world, month_add(world.latest, -12), activity=activity)
    text = _client(world.reader).get(f"/org/{world.org}/energi/atgarder/F/").content.decode()
    assert "Ny värmeväxlare" in text
    assert "2\xa0400\xa0kWh" in text and "1\xa0200\xa0kWh" in text
    assert "50,0\xa0% av förväntat" in text
    assert f'href="/org/{world.org}/plans/{plan.pk}/activities/{activity.pk}/"' in text
    assert "Fjärrvärme" in text
    assert f"/org/{world.org}/energi/atgard/{measure.pk}/" not in text  # a reader cannot edit


def test_a_contributor_adds_a_measure_in_swedish_numbers(world: World) -> None:
    client = _client(world.contributor)
    url = f"/org/{world.org}/energi/atgarder/E1/ny/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "building": world.building.pk,
            "title": "Tilläggsisolering",
            "carrier": "fjärrvärme",
            "expected_saving_kwh_per_year": "12 500",
            "implemented_on": "2025-05-01",
            "note": "",
            "version": "0",
        },
    )
    assert response.status_code == 302
    measure = EnergyMeasure.objects.get()
    assert measure.expected_saving_kwh_per_year == Decimal(12500)
    assert measure.history.count() == 1


def test_a_refused_form_keeps_what_was_typed_and_says_why(world: World) -> None:
    future = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    response = _client(world.contributor).post(
        f"/org/{world.org}/energi/atgarder/E1/ny/",
        {
            "building": world.building.pk,
            "title": "Solavskärmning",
            "carrier": "fjärrkyla",
            "expected_saving_kwh_per_year": "800",
            "implemented_on": future,
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Solavskärmning" in text
    assert "Datumet ligger i framtiden" in text
    assert not EnergyMeasure.objects.exists()


def test_an_activity_of_another_organisation_cannot_be_chosen(world: World) -> None:
    elsewhere = ActivityFactory(node=NodeFactory(), title="Annan region")
    response = _client(world.contributor).post(
        f"/org/{world.org}/energi/atgarder/E1/ny/",
        {
            "building": world.building.pk,
            "title": "Ny belysning",
            "carrier": "el",
            "expected_saving_kwh_per_year": "100",
            "activity": elsewhere.pk,
        },
    )
    assert response.status_code == 400
    assert not EnergyMeasure.objects.exists()


def test_only_contributors_of_the_buildings_node_may_add_or_edit(world: World) -> None:
    measure = _measure(world, None)
    reader = _client(world.reader)
    assert reader.get(f"/org/{world.org}/energi/atgarder/E1/ny/").status_code == 403
    assert reader.get(f"/org/{world.org}/energi/atgard/{measure.pk}/").status_code == 403
    outsider = _client(world.outsider)  # sees E2, which uses the building, but not E1
    assert outsider.get(f"/org/{world.org}/energi/atgard/{measure.pk}/").status_code == 404
    other_contributor = UserFactory(roles=[(world.other, Role.CONTRIBUTOR)])
    assert (
        _client(other_contributor).get(f"/org/{world.org}/energi/atgarder/E2/ny/").status_code
        == 403
    )


def test_two_people_editing_the_same_measure_the_second_is_refused_with_the_saved_values(
    world: World,
) -> None:
    measure = _measure(world, None)
    client = _client(world.contributor)
    url = f"/org/{world.org}/energi/atgard/{measure.pk}/"
    values = {
        "building": world.building.pk,
        "title": "Ny värmeväxlare",
        "carrier": "fjärrvärme",
        "expected_saving_kwh_per_year": "3000",
        "version": "1",
    }
    assert client.post(url, values).status_code == 302
    stale = client.post(url, values | {"title": "Gammal titel"})
    assert stale.status_code == 409
    measure.refresh_from_db()
    assert measure.title == "Ny värmeväxlare" and measure.version == 2


def test_a_measures_history_is_readable_by_those_who_see_the_building(world: World) -> None:
    measure = _measure(world, None)
    url = f"/org/{world.org}/historik/energiatgard/{measure.pk}/"
    assert _client(world.reader).get(url).status_code == 200
    assert _client(world.outsider).get(url).status_code == 404


def test_the_activitys_page_lists_the_measures_that_carry_it_out(world: World) -> None:
    plan = PlanFactory(organisation=world.root.organisation)
    activity = ActivityFactory(
        node=world.unit, title="Energieffektivisera", goals=[GoalFactory(plan=plan)]
    )
    _measure(world, world.latest, activity=activity)
    url = f"/org/{world.org}/plans/{plan.pk}/activities/{activity.pk}/"
    text = _client(world.reader).get(url).content.decode()
    assert "Energiåtgärder som genomför aktiviteten" in text
    assert "Ny värmeväxlare" in text and "för tidigt att mäta, 12 månader kvar" in text
    assert f"/org/{world.org}/energi/atgarder/E1/" in text


def test_an_activity_without_measures_shows_no_measures_panel(world: World) -> None:
    plan = PlanFactory(organisation=world.root.organisation)
    activity = ActivityFactory(node=world.unit, title="Annat", goals=[GoalFactory(plan=plan)])
    url = f"/org/{world.org}/plans/{plan.pk}/activities/{activity.pk}/"
    assert "Energiåtgärder som genomför" not in _client(world.reader).get(url).content.decode()


def test_a_saving_with_decimals_is_refused_in_plain_swedish(world: World) -> None:
    response = _client(world.contributor).post(
        f"/org/{world.org}/energi/atgarder/E1/ny/",
        {
            "building": world.building.pk,
            "title": "Byte av belysning",
            "carrier": "el",
            "expected_saving_kwh_per_year": "12 500,5",
            "version": "0",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Ange besparingen i hela kWh per år, utan decimaler." in text
    assert "0 decimaler" not in text
    assert "12 500,5" in text
