"""A reorganisation carries the registers: vehicles, charging sites and backup-power units follow
their unit to its successor on a merge or an end, each where the user chose on a split, with the
move in their history (issue 11)."""

import datetime

import pytest
from click.testing import CliRunner

from nettonoll.cli import main
from nettonoll.organisations.models import Level, Node, Reorganisation
from nettonoll.organisations.reorganise import remaining, split_groups, summary_text
from nettonoll.organisations.services import (
    ReorganisationError,
    SplitPart,
    node_end,
    node_move,
    node_split,
    nodes_merge,
)
from nettonoll.registers.imports import register_import
from nettonoll.registers.models import BackupUnit, ChargingSite, Vehicle
from tests.factories import NodeFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_registers")]
DAY = datetime.date.today()

VEHICLES = """reg_no,node_code,vehicle_type,ownership,energy,hvo100_approved,co2_g_per_km,in_service_from,in_service_to,lease_end
ABC123,EKO,personbil,leasad,el,nej,0,2023-03-01,,
DEF456,EKO,lätt lastbil,ägd,diesel,ja,180,2018-01-01,2022-12-31,
GHJ789,HR,buss,ägd,fordonsgas,nej,,2020-01-01,,
"""
CHARGING = """site_code,node_code,address,points,power_kw,access,parking_spaces,parking_spaces_with_charging,in_service_from
P-EKO,EKO,Storgatan 1,8,11,intern,40,8,2023-05-01
"""
BACKUP = """unit_code,site_code,node_code,power_kw,energy,hvo100_approved,tank_l,test_hours_per_year
RK-01,SJH,HR,800,hvo100,ja,5000,12
"""


@pytest.fixture
def world() -> Node:
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    for code in ("EKO", "HR", "KTR"):
        NodeFactory(parent=administration, code=code, name=code, level=Level.DEPARTMENT)
    for key, text in (
        ("vehicles", VEHICLES),
        ("charging-points", CHARGING),
        ("backup-power", BACKUP),
    ):
        register_import(
            key, organisation_code=root.organisation.code, data=text.encode(), filename="f.csv"
        )
    return root


def node(code: str) -> Node:
    return Node.objects.get(code=code)


def codes_at(code: str) -> set[str]:
    return (
        set(Vehicle.objects.filter(node__code=code).values_list("reg_no", flat=True))
        | set(ChargingSite.objects.filter(node__code=code).values_list("site_code", flat=True))
        | set(BackupUnit.objects.filter(node__code=code).values_list("unit_code", flat=True))
    )


def test_a_merge_moves_every_register_record_to_the_merged_unit(world: Node) -> None:
    person = UserFactory()
    merged = nodes_merge(
        nodes=[node("EKO"), node("HR")], code="EKHR", name="Ekonomi och HR", effective_on=DAY,
        by=person,
    )  # fmt: skip
    assert codes_at("EKHR") == {"ABC123", "DEF456", "GHJ789", "P-EKO", "RK-01"}
    assert codes_at("EKO") == codes_at("HR") == set()
    carried = Reorganisation.objects.get(kind="merge").carried["moved"]["EKHR"]
    assert (carried["vehicles"], carried["charging-points"], carried["backup-power"]) == (3, 1, 1)
    text = summary_text({"EKHR": carried}, {"EKHR": "Ekonomi och HR"})
    assert "3 fordon, 1 laddplats, 1 reservkraftaggregat flyttades till Ekonomi och HR." in text
    bus = Vehicle.objects.get(reg_no="GHJ789")
    assert bus.node == merged and bus.version == 2
    latest = bus.history.first()
    assert latest.history_user == person and latest.prev_record.node_id == node("HR").pk


def test_a_merge_into_one_of_the_units_adds_the_others_records(world: Node) -> None:
    nodes_merge(nodes=[node("EKO"), node("HR")], code="EKO", name="Ekonomi", effective_on=DAY)
    assert codes_at("EKO") == {"ABC123", "DEF456", "GHJ789", "P-EKO", "RK-01"}


def test_a_split_lists_each_record_and_puts_it_where_the_user_chose(world: Node) -> None:
    eko = node("EKO")
    groups = {key: items for key, _label, items in split_groups(eko)}
    van = Vehicle.objects.get(reg_no="DEF456")
    assert groups["vehicles"] == [
        (str(Vehicle.objects.get(reg_no="ABC123").pk), "ABC123 Personbil, el"),
        (str(van.pk), "DEF456 Lätt lastbil, diesel"),
    ]
    site = ChargingSite.objects.get()
    assert groups["charging-points"] == [(str(site.pk), "P-EKO Storgatan 1, 8 laddpunkter")]
    assert "backup-power" not in groups  # EKO has no backup power
    assert [i for _k, _l, i in split_groups(node("HR")) if _k == "backup-power"] == [
        [(str(BackupUnit.objects.get().pk), "RK-01 800 kW, HVO100")]
    ]
    first, second = node_split(
        node=eko,
        parts=[SplitPart("EKO-A", "Redovisning"), SplitPart("EKO-B", "Inköp")],
        choices={"vehicles": {str(van.pk): "EKO-B"}, "charging-points": {str(site.pk): "EKO-B"}},
        effective_on=DAY,
    )
    assert codes_at("EKO-A") == {"ABC123"}  # the first part takes what was not chosen
    assert codes_at("EKO-B") == {"DEF456", "P-EKO"}
    assert codes_at("EKO") == set()
    carried = Reorganisation.objects.get(kind="split").carried["moved"]
    assert carried["EKO-B"] == {"vehicles": 1, "charging-points": 1}
    nodes_in_history = list(van.history.order_by("history_date").values_list("node_id", flat=True))
    assert nodes_in_history == [eko.pk, second.pk] and first.pk != second.pk


def test_an_end_needs_a_successor_for_the_records_and_carries_them(world: Node) -> None:
    assert remaining(node("HR")) == ["1 fordon", "1 reservkraftaggregat"]
    with pytest.raises(ReorganisationError) as refused:
        node_end(node=node("HR"), effective_on=DAY)
    assert "HR har kvar 1 fordon, 1 reservkraftaggregat" in str(refused.value)
    assert codes_at("HR") == {"GHJ789", "RK-01"}
    node_end(node=node("HR"), successor=node("KTR"), effective_on=DAY)
    assert codes_at("KTR") == {"GHJ789", "RK-01"} and remaining(node("HR")) == []


def test_a_move_keeps_the_records_on_their_unit(world: Node) -> None:
    other = NodeFactory(parent=world, code="G", level=Level.ADMINISTRATION)
    node_move(node=node("EKO"), new_parent=other, effective_on=DAY)
    assert codes_at("EKO") == {"ABC123", "DEF456", "P-EKO"}
    assert Vehicle.objects.get(reg_no="ABC123").version == 1


def test_the_split_command_lists_and_assigns_register_records(world: Node) -> None:
    organisation = world.organisation.code
    van = Vehicle.objects.get(reg_no="DEF456")
    listed = CliRunner().invoke(
        main, ["reorganise", "split", "--organisation", organisation, "EKO", "--list"]
    )
    assert listed.exit_code == 0, listed.output
    assert f"fordon:{van.pk}\tDEF456 Lätt lastbil, diesel" in listed.output
    site = ChargingSite.objects.get()
    split = CliRunner().invoke(
        main,
        [
            "reorganise", "split", "--organisation", organisation, "EKO",
            "--into", "EKO-A:Redovisning", "--into", "EKO-B:Inköp",
            "--assign", f"fordon:{van.pk}=EKO-B", "--assign", f"laddplats:{site.pk}=EKO-B",
        ],
    )  # fmt: skip
    assert split.exit_code == 0, split.output
    assert codes_at("EKO-B") == {"DEF456", "P-EKO"} and codes_at("EKO-A") == {"ABC123"}
