"""`nettonoll metrics` as a user runs it, on a copy of the demo database with an organisation of
its own whose vehicles, charging points and backup units the test creates: every declared metric
source per node, checked against hand counts; a share with nothing to divide by is null."""

import datetime
import json
from pathlib import Path

import pytest

from tests.commandline import run_nettonoll as run

TREE = "code;name;parent_code;level\nMX;Region Mått;;region\nMX-A;Avdelning A;MX;avdelning\nMX-B;Avdelning B;MX;avdelning\nMX-B1;Enhet B1;MX-B;enhet\n"
# the records, made through Django's shell in the command's own database
RECORDS = """
import datetime
from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.models import BackupUnit, ChargingSite, Vehicle
D = datetime.date
org = Organisation.objects.get(code="MX")
node = {n.code: n for n in Node.objects.filter(organisation=org)}
def car(reg, code, energy, end=None):
    Vehicle.objects.create(organisation=org, node=node[code], reg_no=reg, vehicle_type="personbil",
        ownership="leasad", energy=energy, valid_from=D(2023, 1, 1), valid_to=end)
car("MXA001", "MX-A", "el")
car("MXA002", "MX-A", "laddhybrid")
car("MXA003", "MX-A", "el", D(2025, 5, 1))
car("MXB001", "MX-B1", "diesel")
ChargingSite.objects.create(organisation=org, node=node["MX-A"], site_code="LA", points=6,
    access="intern", valid_from=D(2024, 1, 1), parking_spaces=40, parking_spaces_with_charging=6)
ChargingSite.objects.create(organisation=org, node=node["MX-B1"], site_code="LB", points=4,
    access="publik", valid_from=D(2024, 1, 1))
BackupUnit.objects.create(organisation=org, node=node["MX-A"], unit_code="RA", power_kw=400,
    energy="diesel", valid_from=D(2020, 1, 1))
BackupUnit.objects.create(organisation=org, node=node["MX-B1"], unit_code="RB", power_kw=100,
    energy="batteri", valid_from=D(2020, 1, 1))
BackupUnit.objects.create(organisation=org, node=node["MX-B1"], unit_code="RC", power_kw=300,
    energy="diesel", valid_from=D(2020, 1, 1), valid_to=D(2025, 3, 1))
"""


@pytest.fixture
def data_dir(demo_data_dir: Path) -> Path:
    tree = demo_data_dir / "mx.csv"
    tree.write_text(TREE, encoding="utf-8")
    made = run(
        "import",
        "org",
        "--organisation",
        "MX",
        "--name",
        "Region Mått",
        str(tree),
        data_dir=demo_data_dir,
    )
    assert made.returncode == 0, made.stderr
    shell = run("manage", "shell", "-c", RECORDS, data_dir=demo_data_dir)
    assert shell.returncode == 0, shell.stderr
    return demo_data_dir


def metrics(data_dir: Path, *args: str) -> dict[str, dict[str, float | None]]:
    result = run("metrics", "--organisation", "MX", "--format", "json", *args, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_every_metric_source_for_the_root_and_its_children_by_hand(data_dir: Path) -> None:
    found = metrics(data_dir, "--year", "2025")
    wanted = {
        "charging.points",
        "charging.points_per_plug_in_vehicle",
        "charging.parking_share_pct",
        "backup_power.kw",
        "backup_power.renewable_or_battery_pct",
        "backup_power.renewable_fuel_pct",
        "backup_power.flexibility_kw",
        "backup_power.flexibility_revenue_sek",
        "fleet.renewable_energy_pct",
        "klimatbokslut.total",
        "klimatbokslut.scope1",
    }
    assert wanted <= set(found)
    assert all(set(values) == {"MX", "MX-A", "MX-B"} for values in found.values())
    assert found["charging.points"] == {"MX": 10, "MX-A": 6, "MX-B": 4}
    # 31 Dec 2025: MXA001 (el) and MXA002 (laddhybrid); MXA003 left in May, MXB001 is diesel
    assert found["charging.points_per_plug_in_vehicle"] == {"MX": 5.0, "MX-A": 3.0, "MX-B": None}
    # only LA gives parking spaces
    assert found["charging.parking_share_pct"] == {"MX": 15.0, "MX-A": 15.0, "MX-B": None}
    # RC left service in March 2025
    assert found["backup_power.kw"] == {"MX": 500, "MX-A": 400, "MX-B": 100}
    assert found["backup_power.renewable_or_battery_pct"] == {
        "MX": 20.0,
        "MX-A": 0.0,
        "MX-B": 100.0,
    }
    assert found["backup_power.renewable_fuel_pct"] == {"MX": None, "MX-A": None, "MX-B": None}
    assert found["fleet.renewable_energy_pct"]["MX"] is None


def test_a_year_before_the_unit_left_and_a_node_of_its_own(data_dir: Path) -> None:
    found = metrics(data_dir, "--year", "2024", "--node", "MX-B")
    assert found["backup_power.kw"] == {"MX-B": 400, "MX-B1": 400}
    assert found["backup_power.renewable_or_battery_pct"]["MX-B"] == 25.0
    assert found["charging.points_per_plug_in_vehicle"] == {"MX-B": None, "MX-B1": None}


def test_the_text_format_is_a_swedish_table(data_dir: Path) -> None:
    result = run(
        "metrics", "--organisation", "MX", "--year", "2025", "--format", "text", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    assert "Region Mått: läget 2025-12-31" in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("Reservkraft, effekt (kW)"))
    assert line.split()[-3:] == ["500", "400", "100"]
    share = next(x for x in result.stdout.splitlines() if x.startswith("Laddpunkter per"))
    assert share.split()[-3:] == ["5", "3", "–"]


def test_an_unknown_organisation_or_node_is_a_swedish_error(demo_data_dir: Path) -> None:
    result = run("metrics", "--organisation", "NOPE", "--year", "2025", data_dir=demo_data_dir)
    assert result.returncode == 1
    assert "Organisationen NOPE finns inte." in result.stderr
    result = run(
        "metrics",
        "--organisation",
        "RJH",
        "--year",
        "2025",
        "--node",
        "NOPE",
        data_dir=demo_data_dir,
    )
    assert result.returncode == 1
    assert "Enheten NOPE finns inte i RJH." in result.stderr


def test_the_current_year_is_preliminary_null_in_json_and_in_brackets_in_the_table(
    data_dir: Path,
) -> None:
    """31 December of this year is still ahead: the register's state today is no year's value."""
    year = str(datetime.date.today().year)
    result = run("metrics", "--organisation", "MX", "--year", year, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["charging.points"] == {"MX": None, "MX-A": None, "MX-B": None}
    assert f"{year} är inte avslutat" in result.stderr
    text = run(
        "metrics", "--organisation", "MX", "--year", year, "--format", "text", data_dir=data_dir
    )
    assert f"{year} är inte slut – läget i dag {datetime.date.today().isoformat()}" in text.stdout
    assert f"{year}-12-31" not in text.stdout
    line = next(x for x in text.stdout.splitlines() if x.startswith("Laddpunkter (st)"))
    assert line.split()[-3:] == ["(10)", "(6)", "(4)"]
