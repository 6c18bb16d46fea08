"""The demo's buildings and energy (issue 12): a dozen buildings for each demo region, some
shared by units, readings from January 2019 through the last full month, degree days for their
localities marked as fictitious; loading again adds nothing."""

import datetime

import pytest

from nettonoll.demo.estate import demo_estate_load
from nettonoll.estate.models import Building, BuildingShare, DegreeDayMonth, EnergyReading

pytestmark = pytest.mark.django_db


def test_every_demo_region_has_buildings_shares_and_readings(demo: None) -> None:
    last_full = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    for code in ("RJH", "RV", "RST"):
        # the solar demo adds its own buildings (SOL-…) with their electricity
        buildings = Building.objects.filter(organisation__code=code).exclude(
            building_code__startswith="SOL-"
        )
        assert buildings.count() == 12
        assert BuildingShare.objects.filter(building__organisation__code=code).count() == 4
        readings = EnergyReading.objects.filter(building__organisation__code=code)
        months = set(readings.values_list("month", flat=True))
        assert min(months) == datetime.date(2019, 1, 1) and max(months) == last_full
    localities = set(Building.objects.values_list("locality", flat=True))
    series = DegreeDayMonth.objects.filter(locality__in=localities)
    assert set(series.values_list("source", flat=True)) == {
        "Fiktiv demoserie (inte SMHI:s data), bas +17 °C"
    }
    assert series.filter(month=last_full).count() == len(localities)


def test_loading_the_demo_again_adds_nothing(demo: None) -> None:
    before = (EnergyReading.objects.count(), DegreeDayMonth.objects.count())
    assert demo_estate_load() == 0
    assert (EnergyReading.objects.count(), DegreeDayMonth.objects.count()) == before
