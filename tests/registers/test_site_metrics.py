"""Charging points and backup power as metric sources: the state on 31 December of what was in
service that day, for a node's subtree, against hand counts (a unit that left service, a vehicle
that left service, flexibility periods, shares with nothing to divide by)."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.common.metrics import metric_get
from nettonoll.organisations.models import Node
from nettonoll.registers.models import (
    BackupUnit,
    ChargingSite,
    FlexParticipation,
    FuelDelivery,
    Vehicle,
)
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def tree() -> dict[str, Node]:
    root = NodeFactory(code="TR")
    hospital = NodeFactory(parent=root, code="TR-SJH")
    depot = NodeFactory(parent=root, code="TR-DEP")
    # siblings are kept in code order: adding the depot moved the hospital's path
    return {
        k: Node.objects.get(pk=n.pk)
        for k, n in (("root", root), ("hospital", hospital), ("depot", depot))
    }


def values(key: str, node: Node) -> dict[int, float]:
    metric = metric_get(key)
    assert metric is not None, key
    return metric.values(node)


def site(node: Node, code: str, points: int, start: D, end: D | None = None, **more: int) -> None:
    ChargingSite.objects.create(
        organisation=node.organisation,
        node=node,
        site_code=code,
        points=points,
        access="intern",
        valid_from=start,
        valid_to=end,
        **more,
    )


def car(node: Node, reg_no: str, energy: str, start: D, end: D | None = None) -> None:
    Vehicle.objects.create(
        organisation=node.organisation,
        node=node,
        reg_no=reg_no,
        vehicle_type="personbil",
        ownership="ägd",
        energy=energy,
        valid_from=start,
        valid_to=end,
    )


def unit(
    node: Node, code: str, kw: int, energy: str, end: D | None = None, **more: object
) -> BackupUnit:
    return BackupUnit.objects.create(
        organisation=node.organisation,
        node=node,
        unit_code=code,
        power_kw=Decimal(kw),
        energy=energy,
        valid_from=D(2022, 1, 1),
        valid_to=end,
        **more,
    )


def test_charging_points_and_points_per_plug_in_vehicle(tree: dict[str, Node]) -> None:
    hospital, depot, root = tree["hospital"], tree["depot"], tree["root"]
    site(hospital, "P1", 10, D(2023, 3, 1), parking_spaces=100, parking_spaces_with_charging=10)
    site(depot, "P2", 4, D(2024, 6, 1), parking_spaces=20, parking_spaces_with_charging=8)
    site(depot, "P3", 6, D(2023, 1, 1), D(2024, 12, 31))  # closed on 31 Dec 2024: not counted
    car(hospital, "ZZA101", "el", D(2022, 1, 1))
    car(hospital, "ZZA102", "laddhybrid", D(2022, 1, 1))
    car(hospital, "ZZA103", "elhybrid", D(2022, 1, 1))  # not plug-in
    car(depot, "ZZA104", "el", D(2022, 1, 1), D(2024, 6, 30))  # left service during 2024
    car(depot, "ZZA105", "diesel", D(2022, 1, 1))

    points = values("charging.points", root)
    assert min(points) == 2023 and (points[2023], points[2024], points[2025]) == (16, 14, 14)
    assert values("charging.points", hospital)[2024] == 10
    # a subtree without sites counts 0 in the years the register covers
    assert values("charging.points", NodeFactory(parent=root, code="TR-X"))[2023] == 0
    per_vehicle = values("charging.points_per_plug_in_vehicle", root)
    assert per_vehicle[2022] == 0  # vehicles but no points: 0 points per vehicle
    assert per_vehicle[2023] == pytest.approx(16 / 3)  # ZZA101, ZZA102, ZZA104
    assert per_vehicle[2024] == pytest.approx(14 / 2)  # ZZA104 left in June
    # the depot has points but no plug-in vehicle after 2023: nothing to divide by
    depot_values = values("charging.points_per_plug_in_vehicle", depot)
    assert depot_values[2023] == 6 and 2024 not in depot_values
    parking = values("charging.parking_share_pct", root)
    assert parking[2023] == pytest.approx(10.0)  # P3 gives no parking spaces
    assert parking[2024] == pytest.approx(18 / 120 * 100)


def test_backup_power_kw_and_renewable_or_battery_share(tree: dict[str, Node]) -> None:
    hospital, depot, root = tree["hospital"], tree["depot"], tree["root"]
    unit(hospital, "G1", 500, "diesel")
    unit(hospital, "G2", 300, "hvo100", hvo100_approved=True)
    unit(hospital, "B1", 100, "batteri", battery_kwh=Decimal(400), reserved_backup_kwh=Decimal(200))
    unit(depot, "G3", 100, "biogas")
    unit(depot, "G4", 200, "diesel", end=D(2024, 9, 1))  # left service in 2024

    kw = values("backup_power.kw", root)
    assert kw[2023] == 1200 and kw[2024] == 1000
    share = values("backup_power.renewable_or_battery_pct", root)
    assert share[2023] == pytest.approx(500 / 1200 * 100)
    assert share[2024] == pytest.approx(500 / 1000 * 100)
    assert values("backup_power.renewable_or_battery_pct", depot)[2024] == 100
    # no unit in service: no kW to divide by
    assert 2024 not in values("backup_power.renewable_or_battery_pct", NodeFactory(parent=root))


def test_renewable_fuel_share_of_the_years_deliveries(tree: dict[str, Node]) -> None:
    g1 = unit(tree["hospital"], "G1", 500, "diesel")
    g2 = unit(tree["depot"], "G2", 300, "hvo100", hvo100_approved=True)
    FuelDelivery.objects.create(
        unit=g1, delivered_on=D(2024, 3, 1), volume_l=1000, renewable_pct=30
    )
    FuelDelivery.objects.create(
        unit=g2, delivered_on=D(2024, 5, 1), volume_l=500, renewable_pct=100
    )
    FuelDelivery.objects.create(
        unit=g2, delivered_on=D(2026, 5, 1), volume_l=200, renewable_pct=100
    )
    share = values("backup_power.renewable_fuel_pct", tree["root"])
    assert share[2024] == pytest.approx((300 + 500) / 1500 * 100)
    assert 2025 not in share  # no deliveries: nothing to divide by
    assert 2026 not in share  # the year is not over: preliminary, beside the values
    metric = metric_get("backup_power.renewable_fuel_pct")
    assert metric is not None and metric.preliminary is not None
    assert metric.preliminary(tree["root"]) == {2026: 100}
    assert values("backup_power.renewable_fuel_pct", tree["hospital"]) == {2024: 30}


def test_flexibility_kw_on_31_december_and_revenue_by_start_year(tree: dict[str, Node]) -> None:
    battery = unit(tree["hospital"], "B1", 100, "batteri")
    genset = unit(tree["depot"], "G2", 300, "hvo100", hvo100_approved=True)
    FlexParticipation.objects.create(  # winter 2023/24: covers 31 Dec 2023
        unit=battery,
        market="sthlmflex",
        contracted_kw=80,
        period_from=D(2023, 11, 1),
        period_to=D(2024, 3, 31),
        revenue_sek=12000,
    )
    FlexParticipation.objects.create(  # ends on 31 Dec 2024: covers it
        unit=genset,
        market="mfrr",
        contracted_kw=250,
        period_from=D(2024, 1, 1),
        period_to=D(2024, 12, 31),
        revenue_sek=30000,
    )
    FlexParticipation.objects.create(  # open-ended from 2025
        unit=battery,
        market="fcr-d",
        contracted_kw=50,
        period_from=D(2025, 2, 1),
        revenue_sek=5000,
    )
    kw = values("backup_power.flexibility_kw", tree["root"])
    assert kw[2023] == 80 and kw[2024] == 250 and kw[2025] == 50
    revenue = values("backup_power.flexibility_revenue_sek", tree["root"])
    assert revenue[2023] == 12000 and revenue[2024] == 30000 and revenue[2025] == 5000
    assert values("backup_power.flexibility_kw", tree["depot"])[2025] == 0


def test_approved_diesel_unit_with_only_fully_renewable_deliveries_counts_as_renewable(
    tree: dict[str, Node],
) -> None:
    """DOMAIN-NOTES §B4: a diesel unit with the engine's HVO100 approval counts in a year every
    delivery to it (at least one) was 100 % renewable."""
    hospital, root = tree["hospital"], tree["root"]
    g1 = unit(hospital, "G1", 500, "diesel", hvo100_approved=True)  # 2024: 100 + 100
    g2 = unit(hospital, "G2", 300, "diesel", hvo100_approved=True)  # 2024: 100 + 60
    g3 = unit(hospital, "G3", 200, "diesel")  # 100 % deliveries but no approval
    unit(hospital, "G4", 100, "diesel", hvo100_approved=True)  # approved, never delivered to
    for u, day, pct in (
        (g1, D(2024, 2, 1), 100),
        (g1, D(2024, 9, 1), 100),
        (g2, D(2024, 2, 1), 100),
        (g2, D(2024, 9, 1), 60),
        (g2, D(2025, 3, 1), 100),
        (g3, D(2024, 2, 1), 100),
    ):
        FuelDelivery.objects.create(unit=u, delivered_on=day, volume_l=100, renewable_pct=pct)

    share = values("backup_power.renewable_or_battery_pct", root)
    assert share[2023] == 0  # no deliveries in 2023: none counts (0 of 1100 kW)
    assert share[2024] == pytest.approx(500 / 1100 * 100)  # G1 only
    assert share[2025] == pytest.approx(300 / 1100 * 100)  # G2 only: its one 2025 delivery
    metric = metric_get("backup_power.renewable_or_battery_pct")
    assert metric is not None and "100 % förnybara leveranser" in str(metric.source)


def test_flexibility_is_0_from_the_first_backup_unit_without_contracts(
    tree: dict[str, Node],
) -> None:
    unit(tree["hospital"], "G1", 500, "diesel")  # in service from 2022, no flexibility contract
    kw = values("backup_power.flexibility_kw", tree["root"])
    revenue = values("backup_power.flexibility_revenue_sek", tree["root"])
    assert min(kw) == 2022 and kw[2022] == 0 and kw[2025] == 0
    assert min(revenue) == 2022 and revenue[2024] == 0
    assert values("backup_power.flexibility_kw", tree["depot"])[2023] == 0
    metric = metric_get("backup_power.flexibility_revenue_sek")
    assert metric is not None and "avtal som börjar under året" in str(metric.label)
