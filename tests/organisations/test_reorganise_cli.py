"""`nettonoll reorganise merge|split|move|rename|end` on the demo database: the data follows,
refusals are Swedish with a non-zero exit, and the summary says what moved (issue 10, item 4)."""

import sqlite3
from pathlib import Path

from tests.commandline import DATABASE_FILE, run_nettonoll


def count(data_dir: Path, table: str, code: str) -> int:
    with sqlite3.connect(data_dir / DATABASE_FILE) as db:
        row = db.execute(
            f"SELECT count(*) FROM {table} t JOIN organisations_node n ON n.id = t.node_id "  # noqa: S608
            "JOIN organisations_organisation o ON o.id = n.organisation_id "
            "WHERE o.code = 'RJH' AND n.code = ?",
            (code,),
        ).fetchone()
    db.close()
    return int(row[0])


def activity_id(data_dir: Path, code: str) -> int:
    with sqlite3.connect(data_dir / DATABASE_FILE) as db:
        row = db.execute(
            "SELECT a.id FROM plans_activity a JOIN organisations_node n ON n.id = a.node_id "
            "WHERE n.code = ? ORDER BY a.title LIMIT 1",
            (code,),
        ).fetchone()
    db.close()
    return int(row[0])


def test_a_merge_from_the_command_line_moves_goals_activities_and_emissions(
    demo_data_dir: Path,
) -> None:
    aggregates = count(demo_data_dir, "emissions_activityaggregate", "RS-SERV-KOST") + count(
        demo_data_dir, "emissions_activityaggregate", "RS-SERV-FAST"
    )
    result = run_nettonoll(
        "reorganise",
        "merge",
        "--organisation",
        "RJH",
        "--into",
        "RS-SERV-KF",
        "--name",
        "Kost och fastighet",
        "--effective-on",
        "2026-01-01",
        "RS-SERV-KOST",
        "RS-SERV-FAST",
        data_dir=demo_data_dir,
    )
    assert result.returncode == 0, result.stderr
    assert "slås ihop till Kost och fastighet" in result.stdout
    assert "4 aktiviteter" in result.stdout
    assert f"{aggregates} rader klimatbokslut flyttades till Kost och fastighet." in result.stdout
    assert count(demo_data_dir, "plans_activity", "RS-SERV-KF") == 4
    assert count(demo_data_dir, "plans_assignment", "RS-SERV-KF") >= 2
    assert count(demo_data_dir, "emissions_activityaggregate", "RS-SERV-KF") == aggregates > 0
    assert count(demo_data_dir, "emissions_inventoryresult", "RS-SERV-KF") > 0
    for old in ("RS-SERV-KOST", "RS-SERV-FAST"):
        assert count(demo_data_dir, "plans_activity", old) == 0
        assert count(demo_data_dir, "organisations_rolegrant", old) == 0


def test_split_end_move_and_rename_from_the_command_line(demo_data_dir: Path) -> None:
    def reorganise(*args: str) -> tuple[int, str, str]:
        result = run_nettonoll("reorganise", *args, "--organisation", "RJH", data_dir=demo_data_dir)
        return result.returncode, result.stdout, result.stderr

    code, out, _err = reorganise("split", "RS-SERV-FAST", "--list")
    chosen = activity_id(demo_data_dir, "RS-SERV-FAST")
    assert code == 0 and f"aktivitet:{chosen}\t" in out and "klimatbokslut:" in out
    code, _out, err = reorganise(
        "split", "RS-SERV-FAST", "--into", "F1:Fastighet norr", "--into", "F2:Fastighet söder",
        "--assign", "aktivitet:999999=F2",
    )  # fmt: skip
    assert code == 1 and "aktivitet:999999 hör inte till RS-SERV-FAST" in err
    code, out, err = reorganise(
        "split", "RS-SERV-FAST", "--into", "F1:Fastighet norr", "--into", "F2:Fastighet söder",
        "--assign", f"aktivitet:{chosen}=F2",
    )  # fmt: skip
    assert code == 0, err
    assert "1 aktivitet" in out and "flyttades till Fastighet söder." in out
    assert count(demo_data_dir, "plans_activity", "F2") == 1
    assert count(demo_data_dir, "plans_activity", "F1") == 1

    code, _out, err = reorganise("end", "F1")
    assert code == 1
    assert err.startswith("Fel: Fastighet norr har kvar ") and "1 aktivitet" in err
    code, out, err = reorganise("end", "F1", "--successor", "F2")
    assert code == 0, err
    assert "Fastighet norr avvecklas; Fastighet söder tar över." in out
    assert count(demo_data_dir, "plans_activity", "F2") == 2

    code, out, err = reorganise("rename", "F2", "--name", "Fastighet")
    assert code == 0 and "stannar hos enheten" in out, err
    code, out, err = reorganise("move", "F2", "--to", "RS-STAB")
    assert code == 0 and "flyttas från Regionservice till" in out, err
    code, _out, err = reorganise("move", "F2", "--to", "F2")
    assert code == 1 and "kan inte flyttas under sig själv" in err


def test_an_assignments_file_adds_its_lines_after_the_options(tmp_path: Path) -> None:
    from nettonoll.cli.reorganise import _assignments

    file = tmp_path / "fordelning.txt"
    file.write_text("# vart saker går\naktivitet:12=F2\n\nmal:7 = F1\n", encoding="utf-8")
    assert _assignments(("roll:3=F1",), file) == [
        (0, "roll:3=F1"),
        (2, "aktivitet:12=F2"),
        (4, "mal:7 = F1"),
    ]
