"""A backup unit's flexibility contracts whose periods overlap count together: a new contract, a
change of the unit (on the web or by import) that would have the unit offer more power (or a
battery more energy beyond its reserve) than it has at some moment is refused, naming the
overlapping contracts and the figures."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from nettonoll.calc.problems import Rejected
from nettonoll.organisations.models import Node
from nettonoll.registers.declarations import REGISTERS
from nettonoll.registers.imports import register_import
from nettonoll.registers.models import BackupUnit, FlexParticipation
from nettonoll.registers.services import RegisterError, flex_save, record_update
from tests.factories import NodeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_registers")]

HEADER = (
    "unit_code,site_code,node_code,power_kw,energy,hvo100_approved,tank_l,test_hours_per_year,"
    "in_service_from,in_service_to,battery_kwh,reserved_backup_kwh\n"
)


@pytest.fixture
def root() -> Node:
    root = NodeFactory(code="R")
    NodeFactory(parent=root, code="E1")
    return root


def run(root: Node, text: str) -> None:
    register_import(
        "backup-power",
        organisation_code=root.organisation.code,
        data=text.encode(),
        filename="r.csv",
    )


@pytest.fixture
def battery(root: Node) -> BackupUnit:
    """RST's RK-KS-BAT: 1 000 kW, 2 400 kWh of which 800 reserved, FCR-D 600 kW for ½ h, open."""
    run(root, HEADER + "BAT,KS,E1,1000,batteri,nej,,,2023-10-01,,2400,800\n")
    unit = BackupUnit.objects.get(unit_code="BAT")
    FlexParticipation.objects.create(
        unit=unit,
        market="fcr-d",
        contracted_kw=600,
        duration_h=Decimal("0.5"),
        period_from=datetime.date(2024, 6, 1),
    )
    return unit


def contract(
    unit: BackupUnit, kw: int, hours: str = "1", **period: datetime.date
) -> FlexParticipation:
    return FlexParticipation(
        unit=unit,
        market="sthlmflex",
        contracted_kw=Decimal(kw),
        duration_h=Decimal(hours),
        period_from=period.get("start", datetime.date(2025, 11, 1)),
        period_to=period.get("end", datetime.date(2026, 3, 31)),
    )


def test_a_contract_that_with_an_overlapping_one_exceeds_the_power_is_refused(
    battery: BackupUnit,
) -> None:
    with pytest.raises(RegisterError) as refusal:
        flex_save(participation=contract(battery, 900), expected_version=None)
    assert str(refusal.value) == (
        "Batteriet ger högst 1\u00a0000 kW, men den 2025-11-01 gäller samtidigt "
        "FCR-D, frekvenshållningsreserv vid störning (Svenska kraftnät) 600 kW i 0,5 h från "
        "2024-06-01: tillsammans med 900 kW blir det 1\u00a0500 kW."
    )
    assert refusal.value.field == "contracted_kw"
    assert battery.flex.count() == 1
    # 400 + 600 = 1 000 kW and 400 × 2 + 600 × 0,5 = 1 100 ≤ 1 600 kWh: accepted
    flex_save(participation=contract(battery, 400, "2"), expected_version=None)
    assert battery.flex.count() == 2


def test_overlapping_battery_contracts_may_not_use_the_backup_reserve(battery: BackupUnit) -> None:
    # 400 kW: power fits (1 000), but 400 × 4 + 300 = 1 900 kWh > 2 400 − 800
    with pytest.raises(RegisterError) as refusal:
        flex_save(participation=contract(battery, 400, "4"), expected_version=None)
    assert "1\u00a0600 kWh kvar" in str(refusal.value)
    assert "behövs 1\u00a0900 kWh" in str(refusal.value)


def test_a_contract_after_the_other_ended_is_not_counted_with_it(battery: BackupUnit) -> None:
    fcr = battery.flex.get()
    fcr.period_to = datetime.date(2025, 10, 31)
    fcr.save()
    flex_save(participation=contract(battery, 900), expected_version=None)
    assert battery.flex.count() == 2


def test_changing_a_contract_does_not_count_it_twice(battery: BackupUnit) -> None:
    fcr = battery.flex.get()
    fcr.contracted_kw = Decimal(1000)
    flex_save(participation=fcr, expected_version=fcr.version)
    fcr.refresh_from_db()
    assert fcr.contracted_kw == 1000


def test_less_power_that_overlapping_contracts_need_is_refused_on_the_web_and_by_import(
    root: Node, battery: BackupUnit
) -> None:
    today = datetime.date.today()
    flex_save(
        participation=contract(battery, 300, start=today, end=today + datetime.timedelta(days=30)),
        expected_version=None,
    )
    battery.power_kw = Decimal(800)  # each alone fits, 600 + 300 does not
    with pytest.raises(RegisterError) as refusal:
        record_update(
            register=REGISTERS["backup-power"], record=battery, expected_version=battery.version
        )
    assert "tillsammans med" in str(refusal.value) and "900 kW" in str(refusal.value)
    with pytest.raises(Rejected) as rejected:
        run(root, HEADER + "BAT,KS,E1,800,batteri,nej,,,2023-10-01,,2400,800\n")
    assert {p.code for p in rejected.value.problems} == {"flex_contract_broken"}
    assert "900 kW" in rejected.value.problems[0].text()
    battery.refresh_from_db()
    assert battery.power_kw == 1000
    run(root, HEADER + "BAT,KS,E1,900,batteri,nej,,,2023-10-01,,2400,800\n")  # 900 fits
    battery.refresh_from_db()
    assert battery.power_kw == 900


def test_the_flexibility_page_shows_the_overlap_refusal(client_as: Callable[[str], Client]) -> None:
    client = client_as("contributor")
    unit_form = {
        "unit_code": "RK-KOST",
        "site_code": "KOST",
        "node": "RS-SERV-KOST",
        "power_kw": "1000",
        "energy": "batteri",
        "battery_kwh": "2400",
        "reserved_backup_kwh": "800",
        "valid_from": "2024-01-01",
        "version": "0",
    }
    assert client.post("/org/RJH/register/reservkraft/new/", unit_form).status_code == 302
    unit = BackupUnit.objects.get(unit_code="RK-KOST")
    url = f"/org/RJH/register/reservkraft/{unit.pk}/flex/new/"
    flex = {
        "market": "fcr-d",
        "contracted_kw": "600",
        "duration_h": "0,5",
        "period_from": "2024-06-01",
        "activations": "0",
        "delivered_mwh": "0",
        "revenue_sek": "0",
        "version": "0",
    }
    assert client.post(url, flex).status_code == 302
    second = flex | {"market": "sthlmflex", "contracted_kw": "900", "duration_h": "1"}
    refused = client.post(url, second | {"period_from": "2025-11-01"})
    assert refused.status_code == 400
    assert (
        "tillsammans med 900 kW blir det 1\u00a0500 kW" in refused.content.decode()
        or "tillsammans med 900 kW blir det 1&nbsp;500 kW" in refused.content.decode()
    )
    assert unit.flex.count() == 1
