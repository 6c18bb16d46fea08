"""Production is refused whole, with line and column, for a month that has not begun, a month
before the installation's first month in service, or one after it was taken out of service; an
installation's end before its start says "i drift" (panels are in service, not in traffic)."""

import datetime
from collections.abc import Callable

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.common.tablespec import ImportResult
from nettonoll.organisations.models import Node
from nettonoll.solar.models import SolarProduction
from tests.solar.conftest import BUILDINGS, SOLAR

pytestmark = pytest.mark.django_db
Load = Callable[[str, str], ImportResult]


def test_months_outside_service_or_ahead_are_refused(root: Node, load: Load) -> None:
    load("buildings", BUILDINGS)
    load("solar", SOLAR.replace("SOL-2;B-2;40,5;2024-03-01", "SOL-2;B-2;40,5;2024-03-15"))
    ahead = datetime.date.today().replace(day=1) + datetime.timedelta(days=32)
    text = (
        "installation_code;month;produced_kwh;exported_kwh\n"
        "SOL-1;2023-04;100;0\n"  # SOL-1 in service from 2023-05-01
        "SOL-1;2023-05;100;0\n"
        "SOL-2;2024-03;100;0\n"  # from 15 March: March counts
        f"SOL-1;{ahead:%Y-%m};100;0\n"
    )
    with pytest.raises(Rejected) as refused:
        load("solar-production", text)
    problems = [(p.line, p.column, p.code) for p in refused.value.problems]
    assert problems == [
        (2, "month", "solar_month_before_service"),
        (5, "month", "solar_month_ahead"),
    ]
    assert not SolarProduction.objects.filter(installation__organisation=root.organisation).exists()


def test_an_end_before_the_start_says_in_service(root: Node, load: Load) -> None:
    load("buildings", BUILDINGS)
    with pytest.raises(Rejected) as refused:
        load(
            "solar",
            SOLAR.replace("in_service_from", "in_service_from;in_service_to")
            .replace("2023-05-01", "2023-05-01;2022-01-01")
            .replace("2024-03-01", "2024-03-01;"),
        )
    (problem,) = refused.value.problems
    assert problem.code == "in_service_to_before_from_other"
