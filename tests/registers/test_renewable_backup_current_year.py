"""The renewable-or-battery share of backup power in the current (preliminary) year: an
HVO100-approved diesel unit counts when its deliveries in the 12 months up to today were all
100 % renewable (DOMAIN-NOTES §B4), so a unit last filled with HVO100 in November of the previous
year still counts in April; a complete year keeps the calendar year."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.common.metrics import metric_get
from nettonoll.registers import energy_metrics
from nettonoll.registers.models import BackupUnit, FuelDelivery
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_unit_last_filled_with_hvo_in_november_counts_in_the_current_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(energy_metrics, "_today", lambda: D(2026, 4, 15))
    root = NodeFactory(code="CY")

    def unit(code: str, kw: int, approved: bool) -> BackupUnit:
        return BackupUnit.objects.create(
            organisation=root.organisation,
            node=root,
            unit_code=code,
            power_kw=Decimal(kw),
            energy="diesel",
            hvo100_approved=approved,
            valid_from=D(2024, 1, 1),
        )

    hvo = unit("HVO", 1500, True)  # HVO100 in May 2024 and November 2025, nothing in 2026
    blend = unit("MIX", 300, True)  # 100 % in 2025, a 30 % blend on 1 March 2026
    unit("FOS", 200, False)  # never counts
    for u, day, pct in (
        (hvo, D(2024, 5, 1), 100),
        (hvo, D(2025, 11, 10), 100),
        (blend, D(2025, 6, 1), 100),
        (blend, D(2026, 3, 1), 30),
    ):
        FuelDelivery.objects.create(unit=u, delivered_on=day, volume_l=1000, renewable_pct=pct)

    share = energy_metrics.renewable_or_battery_pct(root)  # 2026 is the metric's preliminary
    assert share[2024] == pytest.approx(1500 / 2000 * 100)  # HVO's May 2024 delivery
    assert share[2025] == pytest.approx(1800 / 2000 * 100)  # HVO and MIX, calendar 2025
    # 16 April 2025 – 15 April 2026: HVO only (MIX's March blend spoils it)
    assert share[2026] == pytest.approx(1500 / 2000 * 100)
    metric = metric_get("backup_power.renewable_or_battery_pct")
    assert metric is not None and "de senaste 12 månaderna" in str(metric.source)
