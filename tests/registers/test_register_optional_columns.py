"""Columns beyond the contract's (backup power's service dates and battery energy, a charging
site's end of service) may be left out of a file: a file with only the contract's columns imports
as before and leaves them as they are; given, they are read and checked — a battery's reserve
above its energy, or a change that breaks a current flexibility contract, is refused whole."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.organisations.models import Node
from nettonoll.registers.imports import register_import, register_rows
from nettonoll.registers.models import BackupUnit, ChargingSite, FlexParticipation
from tests.factories import NodeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_registers")]

CONTRACT = (
    "unit_code,site_code,node_code,power_kw,energy,hvo100_approved,tank_l,test_hours_per_year\n"
)
EXTENDED = (
    CONTRACT.rstrip("\n") + ",in_service_from,in_service_to,battery_kwh,reserved_backup_kwh\n"
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
        filename="rk.csv",
    )


def test_a_file_with_only_the_contract_columns_keeps_dates_and_battery_figures(root: Node) -> None:
    run(root, EXTENDED + "B1,SJH,E1,250,batteri,nej,,,2019-05-01,,400,300\n")
    run(root, CONTRACT + "B1,SJH,E1,260,batteri,nej,,\n")
    unit = BackupUnit.objects.get(unit_code="B1")
    assert unit.power_kw == 260  # the contract's column changed
    assert unit.valid_from == datetime.date(2019, 5, 1)  # the absent ones stayed
    assert (unit.battery_kwh, unit.reserved_backup_kwh) == (Decimal(400), Decimal(300))


def test_the_export_carries_the_extra_columns_and_imports_back_unchanged(root: Node) -> None:
    run(root, EXTENDED + "B1,SJH,E1,250,batteri,nej,,,2019-05-01,2030-01-01,400,300\n")
    rows = register_rows("backup-power", root.organisation)
    assert rows == [
        [
            "B1",
            "SJH",
            "E1",
            "250",
            "batteri",
            "nej",
            "",
            "",
            "2019-05-01",
            "2030-01-01",
            "400",
            "300",
        ]
    ]
    again = EXTENDED + ",".join(str(c) for c in rows[0]) + "\n"
    result = register_import(
        "backup-power",
        organisation_code=root.organisation.code,
        data=again.encode(),
        filename="rk.csv",
    )
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_a_reserve_above_the_battery_and_battery_figures_on_a_genset_are_refused(
    root: Node,
) -> None:
    with pytest.raises(Rejected) as refusal:
        run(
            root,
            EXTENDED
            + "B1,SJH,E1,250,batteri,nej,,,2019-05-01,,400,500\n"
            + "G1,SJH,E1,800,diesel,nej,,,2019-05-01,,100,\n"
            + "G2,SJH,E1,800,diesel,nej,,,2019-05-01,2018-01-01,,\n",
        )
    found = {(p.line, p.column, p.text().split(": ", 1)[1]) for p in refusal.value.problems}
    assert found == {
        (
            2,
            "reserved_backup_kwh",
            "500 kWh reserverade för reservkraft är mer än batteriets 400 kWh",
        ),
        (
            3,
            "battery_kwh",
            "batteriets energi och reserv anges bara för aggregat med energin batteri",
        ),
        (4, "in_service_to", "i drift till 2018-01-01 ligger före i drift från 2019-05-01"),
    }
    assert not BackupUnit.objects.exists()


def test_a_larger_reserve_that_breaks_a_current_flexibility_contract_is_refused(
    root: Node,
) -> None:
    run(root, EXTENDED + "B1,SJH,E1,250,batteri,nej,,,2019-05-01,,400,100\n")
    unit = BackupUnit.objects.get(unit_code="B1")
    FlexParticipation.objects.create(
        unit=unit, market="sthlmflex", contracted_kw=250, period_from=datetime.date(2024, 11, 1)
    )
    with pytest.raises(Rejected) as refusal:
        run(root, EXTENDED + "B1,SJH,E1,250,batteri,nej,,,2019-05-01,,400,300\n")
    (problem,) = refusal.value.problems
    assert (problem.line, problem.code) == (2, "flex_contract_broken")
    assert "100 kWh kvar" in problem.text()
    unit.refresh_from_db()
    assert unit.reserved_backup_kwh == 100  # nothing saved


def test_a_charging_site_file_without_the_end_column_keeps_an_end_of_service(root: Node) -> None:
    header = "site_code,node_code,address,points,power_kw,access,parking_spaces,parking_spaces_with_charging,in_service_from"
    register_import(
        "charging-points",
        organisation_code=root.organisation.code,
        data=(
            header + ",in_service_to\nP1,E1,Gatan 1,4,11,intern,,,2020-01-01,2025-06-30\n"
        ).encode(),
        filename="l.csv",
    )
    register_import(
        "charging-points",
        organisation_code=root.organisation.code,
        data=(header + "\nP1,E1,Gatan 1,6,11,intern,,,2020-01-01\n").encode(),
        filename="l.csv",
    )
    site = ChargingSite.objects.get(site_code="P1")
    assert (site.points, site.valid_to) == (6, datetime.date(2025, 6, 30))
