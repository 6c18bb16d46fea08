"""Importing and exporting the registers (vehicles, charging points, backup power): CSV and XLSX
through the spine, all or nothing with every problem's line and column, updates counted and kept
in the history, exports of a node's subtree that import back unchanged (issue 11)."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from django.utils import timezone

from nettonoll.calc.problems import Rejected
from nettonoll.cli import main
from nettonoll.cli.registers import REGISTER_KEYS
from nettonoll.common.records import StaleEdit, history_entries, save_versioned
from nettonoll.common.tablespec import ImportResult
from nettonoll.organisations.models import Level, Node
from nettonoll.organisations.services import node_end
from nettonoll.registers.children import CHILD_TABLES
from nettonoll.registers.declarations import REGISTERS
from nettonoll.registers.imports import register_import, register_rows
from nettonoll.registers.models import BackupUnit, ChargingSite, Vehicle
from tests.commandline import run_nettonoll
from tests.factories import NodeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_registers")]

VEHICLES = """reg_no;node_code;vehicle_type;ownership;energy;hvo100_approved;co2_g_per_km;in_service_from;in_service_to;lease_end
ABC123;E1;personbil;leasad;el;nej;0;2023-03-01;;2026-02-28
abc 12d;E1;Lätt lastbil;ägd;diesel;ja;182,5;2019-05-01;2024-06-30;
XYZ-999;E2;car;hyrd;laddhybrid;;28;2024-01-15;;
"""
CHARGING = """site_code,node_code,address,points,power_kw,access,parking_spaces,parking_spaces_with_charging,in_service_from
P-HUS-A,E1,Storgatan 1,8,11,intern,40,8,2023-05-01
P-SJH,F,Sjukhusvägen 2,20,22,publik,,,2021-01-01
"""
BACKUP = """unit_code,site_code,node_code,power_kw,energy,hvo100_approved,tank_l,test_hours_per_year
RK-01,SJH,E1,800,hvo100,ja,5000,12
RK-02,SJH,E2,250,batteri,nej,,
"""


@pytest.fixture
def tree() -> Node:
    root = NodeFactory(code="R")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    NodeFactory(parent=administration, code="E1")
    NodeFactory(parent=administration, code="E2")
    NodeFactory(parent=root, code="G", level=Level.ADMINISTRATION)
    return root


def run(key: str, root: Node, text: str | bytes, filename: str = "fil.csv") -> ImportResult:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return register_import(
        key, organisation_code=root.organisation.code, data=data, filename=filename
    )


def xlsx(text: str, separator: str = ",") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in text.strip().splitlines():
        sheet.append(line.split(separator))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused(key: str, root: Node, text: str) -> list[str]:
    with pytest.raises(Rejected) as refusal:
        run(key, root, text)
    return [p.text() for p in refusal.value.problems]


def test_vehicles_from_a_swedish_excel_csv_are_created_with_their_numbers_normalised(
    tree: Node,
) -> None:
    result = run("vehicles", tree, VEHICLES.encode("cp1252"))
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    van = Vehicle.objects.get(reg_no="ABC12D")
    assert van.node.code == "E1" and van.organisation == tree.organisation
    assert (van.vehicle_type, van.ownership, van.energy) == ("lätt lastbil", "ägd", "diesel")
    assert van.hvo100_approved and van.co2_g_per_km == Decimal("182.5")
    assert (van.valid_from, van.valid_to) == (datetime.date(2019, 5, 1), datetime.date(2024, 6, 30))
    hired = Vehicle.objects.get(reg_no="XYZ999")
    assert (hired.vehicle_type, hired.hvo100_approved, hired.lease_end) == (
        "personbil",
        False,
        None,
    )
    created = Vehicle.objects.get(reg_no="ABC123")
    assert created.history.count() == 1  # created, with history
    [entry] = history_entries(created)
    assert entry.kind == "skapad" and ("registreringsnummer", "–", "ABC123") in entry.changes
    assert abs(entry.at - timezone.now()) < datetime.timedelta(minutes=1)


def test_charging_sites_and_backup_units_from_xlsx(tree: Node) -> None:
    result = run("charging-points", tree, xlsx(CHARGING), "laddplatser.xlsx")
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    site = ChargingSite.objects.get(site_code="P-HUS-A")
    assert (site.points, site.power_kw, site.access) == (8, Decimal(11), "intern")
    assert (site.parking_spaces, site.parking_spaces_with_charging) == (40, 8)
    assert ChargingSite.objects.get(site_code="P-SJH").parking_spaces is None
    result = run("backup-power", tree, xlsx(BACKUP), "reservkraft.xlsx")
    assert result.created == 2
    genset = BackupUnit.objects.get(unit_code="RK-01")
    assert (genset.energy, genset.hvo100_approved, genset.tank_l) == ("hvo100", True, 5000)
    assert genset.test_hours_per_year == Decimal(12) and genset.node.code == "E1"
    assert BackupUnit.objects.get(unit_code="RK-02").tank_l is None


@pytest.mark.parametrize(
    ("key", "text"),
    [("vehicles", VEHICLES), ("charging-points", CHARGING), ("backup-power", BACKUP)],
)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_imports_back_unchanged(
    tree: Node, key: str, text: str, file_format: str
) -> None:
    run(key, tree, text)
    rows = register_rows(key, tree.organisation)
    exported = REGISTERS[key].spec.write(rows, file_format)
    result = run(key, tree, exported, f"export.{file_format}")
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(rows))
    assert register_rows(key, tree.organisation) == rows


def test_the_export_of_a_node_has_its_subtree_only(tree: Node) -> None:
    run("vehicles", tree, VEHICLES)
    e1 = Node.objects.get(code="E1")
    assert [row[0] for row in register_rows("vehicles", tree.organisation, e1)] == [
        "ABC123",
        "ABC12D",
    ]
    administration = Node.objects.get(code="F")
    assert len(register_rows("vehicles", tree.organisation, administration)) == 3
    assert register_rows("vehicles", tree.organisation, Node.objects.get(code="G")) == []
    assert register_rows("vehicles", tree.organisation)[0] == [
        "ABC123", "E1", "personbil", "leasad", "el", "nej", "0", "2023-03-01", "", "2026-02-28",
    ]  # fmt: skip


def test_a_known_code_updates_its_record_with_history_and_is_counted(tree: Node) -> None:
    run("vehicles", tree, VEHICLES)
    before = Vehicle.objects.get(reg_no="ABC123")
    changed = VEHICLES.replace("ABC123;E1;personbil;leasad;el;nej;0;2023-03-01;;2026-02-28", "ABC123;E2;personbil;leasad;el;nej;0;2023-03-01;2025-12-31;2026-02-28")  # fmt: skip
    changed += "MLB12A;E2;buss;ägd;fordonsgas;nej;;2022-01-01;;\n"
    result = run("vehicles", tree, changed)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 2)
    after = Vehicle.objects.get(reg_no="ABC123")
    assert after.pk == before.pk and after.version == before.version + 1
    assert (after.node.code, after.valid_to) == ("E2", datetime.date(2025, 12, 31))
    history = list(after.history.order_by("history_date"))
    assert len(history) == 2 and history[0].node_id != history[1].node_id
    assert Vehicle.objects.filter(organisation=tree.organisation).count() == 4


def test_records_not_in_the_file_stay(tree: Node) -> None:
    run("backup-power", tree, BACKUP)
    run("backup-power", tree, BACKUP.splitlines()[0] + "\nRK-03,,G,100,diesel,nej,500,10\n")
    assert set(BackupUnit.objects.values_list("unit_code", flat=True)) == {
        "RK-01",
        "RK-02",
        "RK-03",
    }


HEADER = VEHICLES.splitlines()[0] + "\n"


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        (
            "vehicles",
            HEADER + "ABC123;E1;personbil;ägd;kol;nej;;2024-01-01;;\n",
            "rad 2, kolumn energy: okänt värde 'kol' (tillåtna: bensin, diesel, el, laddhybrid, "
            "elhybrid, fordonsgas, e85, ed95, vätgas)",
        ),
        (
            "vehicles",
            HEADER
            + "ABC123;E1;personbil;ägd;el;nej;;2024-01-01;;\n"
            + "DEF456;E1;personbil;ägd;el;nej;;2024-01-01;;\n"
            + "abc-123;E2;buss;ägd;el;nej;;2024-01-01;;\n",
            "rad 4, kolumn reg_no: registreringsnumret 'ABC123' finns redan på rad 2",
        ),
        (
            "vehicles",
            HEADER + "ABC123;E1;personbil;ägd;el;nej;;2024-01-01;;\n" * 2,
            "rad 3, kolumn reg_no: registreringsnumret 'ABC123' finns redan på rad 2",
        ),
        (
            "vehicles",
            HEADER + "ABC123;E9;personbil;ägd;el;nej;;2024-01-01;;\n",
            "rad 2, kolumn node_code: okänd enhet 'E9'",
        ),
        (
            "vehicles",
            HEADER + "ABI123;E1;personbil;ägd;el;nej;;2024-01-01;;\n",
            "rad 2, kolumn reg_no: registreringsnumret 'ABI123' har inte svenskt format",
        ),
        (
            "vehicles",
            HEADER + "ABC123;E1;personbil;ägd;bensin;ja;;2024-01-01;;\n",
            "rad 2, kolumn hvo100_approved: HVO100-godkännande gäller bara dieselfordon "
            "(drivmedlet är bensin)",
        ),
        (
            "vehicles",
            HEADER + "ABC123;E1;personbil;ägd;el;nej;;2024-01-01;2023-12-31;\n",
            "rad 2, kolumn in_service_to: i trafik till 2023-12-31 ligger före i trafik från "
            "2024-01-01",
        ),
        (
            "vehicles",
            HEADER + "ABC123;E1;personbil;ägd;el;nej;;2024-01-01;;2027-02-28\n",
            "rad 2, kolumn lease_end: ett ägt fordon har inget leasingavtal",
        ),
        (
            "backup-power",
            BACKUP + "RK-03,SJH,E2,400,hvo100,nej,3000,10\n",
            "rad 4, kolumn hvo100_approved: HVO100 kräver att motortillverkaren har godkänt "
            "motorn för HVO100",
        ),
        (
            "charging-points",
            CHARGING + "P-X,E2,,4,11,besökare,10,12,2024-01-01\n",
            "rad 4, kolumn parking_spaces_with_charging: 12 parkeringsplatser med laddning är fler "
            "än parkeringsplatserna (10)",
        ),
        (
            "charging-points",
            CHARGING + "P-X,E2,,4.5,11,besökare,10,2,2024-01-01\n",
            "rad 4, kolumn points: värdet '4.5' ska vara ett heltal",
        ),
    ],
)
def test_a_bad_file_is_refused_whole_with_line_and_column(
    tree: Node, key: str, text: str, expected: str
) -> None:
    texts = refused(key, tree, text)
    assert any(t.startswith(expected) for t in texts), texts
    assert not REGISTERS[key].model._default_manager.exists()  # type: ignore[attr-defined]


def test_every_problem_of_a_file_is_listed_and_nothing_changes(tree: Node) -> None:
    run("vehicles", tree, VEHICLES)
    bad = VEHICLES.replace(";el;nej;0;", ";el;nej;5;") + (
        "ABC999;E1;personbil;ägd;kol;nej;;2024-01-01;;\n"
        "ABC123;E1;personbil;ägd;el;nej;;2024-01-01;;\n"
        "DEF456;NOPE;personbil;ägd;el;nej;;2024-01-01;;\n"
    )
    texts = refused("vehicles", tree, bad)
    assert [t.split(":")[0] for t in texts] == [
        "rad 5, kolumn energy",
        "rad 6, kolumn reg_no",
        "rad 7, kolumn node_code",
    ]
    assert Vehicle.objects.get(reg_no="ABC123").co2_g_per_km == 0  # the good first line too
    assert Vehicle.objects.count() == 3


def test_a_node_that_has_ended_is_refused_naming_its_successor(tree: Node) -> None:
    node_end(node=Node.objects.get(code="E2"), successor=Node.objects.get(code="E1"))
    texts = refused("backup-power", tree, BACKUP)
    assert texts == [
        "rad 3, kolumn node_code: enheten 'E2' är avvecklad; använd 'E1' (Enhet E1) som har "
        "tagit över"
    ]


def test_an_unknown_organisation_is_refused(tree: Node) -> None:
    with pytest.raises(Rejected) as refusal:
        register_import("vehicles", organisation_code="NOPE", data=b"x", filename="x.csv")
    assert refusal.value.problems[0].text() == "Organisationen NOPE finns inte."


# --- The command line ----------------------------------------------------------------------


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_the_command_imports_updates_and_exports_a_register(tree: Node, tmp_path: Path) -> None:
    code = tree.organisation.code
    source = tmp_path / "fordon.csv"
    source.write_bytes(VEHICLES.encode("cp1252"))
    status, output = cli("import", "register", "vehicles", "--organisation", code, str(source))
    assert status == 0, output
    assert "fordon.csv: 3 nya, 0 ändrade, 0 oförändrade fordon." in output
    target = tmp_path / "ut.xlsx"
    status, output = cli(
        "export", "register", "vehicles", "--organisation", code, "--node", "E1", str(target)
    )
    assert status == 0 and "2 fordon exporterade" in output
    rows = list(openpyxl.load_workbook(target).active.values)  # type: ignore[union-attr]
    assert rows[0] == REGISTERS["vehicles"].spec.headers
    assert [r[0] for r in rows[1:]] == ["ABC123", "ABC12D"]
    status, output = cli("import", "register", "vehicles", "--organisation", code, str(target))
    assert status == 0 and "0 nya, 0 ändrade, 2 oförändrade fordon." in output
    whole = tmp_path / "alla.csv"
    assert cli("export", "register", "vehicles", "--organisation", code, str(whole))[0] == 0
    assert whole.read_bytes() == REGISTERS["vehicles"].spec.write(
        register_rows("vehicles", tree.organisation), "csv"
    )


def test_the_command_refuses_a_bad_file_with_every_problem_and_exit_1(
    tree: Node, tmp_path: Path
) -> None:
    bad = tmp_path / "reservkraft.csv"
    bad.write_text(BACKUP + "RK-03,SJH,E2,400,hvo100,nej,3000,10\nRK-01,,E1,1,kol,,,\n")
    code = tree.organisation.code
    status, output = cli("import", "register", "backup-power", "--organisation", code, str(bad))
    assert status == 1
    assert "reservkraft.csv: 3 fel, inget har sparats." in output
    assert "rad 4, kolumn hvo100_approved: HVO100 kräver att motortillverkaren" in output
    assert "rad 5, kolumn unit_code: aggregatet 'RK-01' finns redan på rad 2" in output
    assert "rad 5, kolumn energy: okänt värde 'kol'" in output
    assert not BackupUnit.objects.exists()


def test_the_command_names_a_node_or_format_it_cannot_export(tree: Node, tmp_path: Path) -> None:
    code = tree.organisation.code
    args = ("export", "register", "charging-points", "--organisation", code)
    status, output = cli(*args, "--node", "NOPE", str(tmp_path / "x.csv"))
    assert status == 1 and f"Enheten NOPE finns inte i {code}." in output
    status, output = cli(*args, str(tmp_path / "x.pdf"))
    assert status == 1 and "Filen ska sluta på .xlsx eller .csv." in output
    status, output = cli("export", "register", "boats", "--organisation", code, "x.csv")
    assert status == 2


def test_the_commands_know_every_register() -> None:
    assert set(REGISTERS) | set(CHILD_TABLES) == set(REGISTER_KEYS)


def test_the_real_command_imports_into_a_fresh_installation(tmp_path: Path) -> None:
    tree_file = tmp_path / "träd.csv"
    tree_file.write_text("code,name,parent_code,level\nR,Region Ny,,region\nE1,Enhet,R,enhet\n")
    assert run_nettonoll(
        "import", "org", "--organisation", "NY", "--name", "Region Ny", str(tree_file),
        data_dir=tmp_path,
    ).returncode == 0  # fmt: skip
    source = tmp_path / "fordon.csv"
    source.write_text(HEADER + "ABC 123;E1;personbil;ägd;el;nej;;2024-01-01;;\n")
    imported = run_nettonoll(
        "import", "register", "vehicles", "--organisation", "NY", str(source), data_dir=tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    assert "1 nya, 0 ändrade, 0 oförändrade fordon" in imported.stdout
    bad = tmp_path / "fel.csv"
    bad.write_text(HEADER + "ABC123;E2;personbil;ägd;el;nej;;2024-01-01;;\n")
    refused_run = run_nettonoll(
        "import", "register", "vehicles", "--organisation", "NY", str(bad), data_dir=tmp_path
    )
    assert refused_run.returncode == 1
    assert "rad 2, kolumn node_code: okänd enhet 'E2'" in refused_run.stderr
    target = tmp_path / "ut.csv"
    exported = run_nettonoll(
        "export", "register", "vehicles", "--organisation", "NY", str(target), data_dir=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    assert target.read_text(encoding="utf-8-sig").splitlines()[1].startswith("ABC123;E1;")


def test_xlsx_cells_typed_by_excel_as_numbers_dates_and_booleans(tree: Node) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(REGISTERS["vehicles"].spec.headers))
    sheet.append(["ABC123", "E1", "buss", "ägd", "diesel", True, 95.5, datetime.datetime(2021, 4, 1), None, None])  # fmt: skip
    sheet.append(["DEF456", "E2", "personbil", "leasad", "el", False, 0, datetime.date(2024, 1, 2), None, datetime.date(2027, 1, 31)])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert run("vehicles", tree, buffer.getvalue(), "fordon.xlsx").created == 2
    bus = Vehicle.objects.get(reg_no="ABC123")
    assert (bus.hvo100_approved, bus.co2_g_per_km) == (True, Decimal("95.5"))
    assert bus.valid_from == datetime.date(2021, 4, 1)
    car = Vehicle.objects.get(reg_no="DEF456")
    assert (car.hvo100_approved, car.lease_end) == (False, datetime.date(2027, 1, 31))


def test_a_record_saved_by_someone_else_during_the_import_refuses_it_whole(
    tree: Node, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("vehicles", tree, VEHICLES)
    saved = []

    def someone_saved_first(record: Vehicle, **kwargs: object) -> Vehicle:
        if saved:
            raise StaleEdit(record)
        saved.append(save_versioned(record, **kwargs))  # type: ignore[arg-type]
        return record

    monkeypatch.setattr("nettonoll.registers.imports.save_versioned", someone_saved_first)
    changed = VEHICLES.replace(";0;2023-03-01;", ";1;2023-03-01;").replace(";28;", ";29;")
    with pytest.raises(Rejected) as refusal:
        run("vehicles", tree, changed + "MLB12A;E2;buss;ägd;fordonsgas;nej;;2022-01-01;;\n")
    assert refusal.value.has("register_changed") and len(saved) == 1
    assert Vehicle.objects.get(reg_no="ABC123").co2_g_per_km == 0  # the first update undone
    assert not Vehicle.objects.filter(reg_no="MLB12A").exists()


def test_a_lease_end_is_taken_for_leased_and_hired_vehicles(tree: Node) -> None:
    run(
        "vehicles",
        tree,
        HEADER
        + "ABC123;E1;personbil;leasad;el;nej;;2024-01-01;;2027-02-28\n"
        + "DEF456;E1;personbil;hyrd;el;nej;;2024-01-01;;2025-06-30\n",
    )
    ends = dict(Vehicle.objects.values_list("reg_no", "lease_end"))
    assert ends == {"ABC123": datetime.date(2027, 2, 28), "DEF456": datetime.date(2025, 6, 30)}
