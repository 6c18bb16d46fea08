"""`nettonoll import register procurements|procurement-requirements` and `nettonoll metrics` as a
user runs them, on a copy of the demo database with an organisation of its own: the procurement
metric sources per node against hand counts, by count and by value; a year without procurements
has no share (null), not 0 %."""

import json
from pathlib import Path

import pytest

from tests.commandline import ON_POSTGRESQL
from tests.commandline import run_nettonoll as run

# the commands use a SQLite file of their own: the PostgreSQL pass would repeat this module as is
pytestmark = pytest.mark.skipif(
    ON_POSTGRESQL, reason="the command's own SQLite file, as on the SQLite pass"
)

TREE = (
    "code;name;parent_code;level\nMX;Region Mått;;region\nMX-A;Avdelning A;MX;avdelning\n"
    "MX-B;Avdelning B;MX;avdelning\nMX-B1;Enhet B1;MX-B;enhet\n"
)
# 2023: one procurement (MX-A); 2024: four (A 600 000 with klimat avancerad + cirkularitet,
# A 100 000 with annat only, B1 200 000 with social bas, B1 100 000 without requirements)
PROCUREMENTS = """procurement_code;title;node_code;value_sek;decided_on;contract_from;contract_to
MX 2023-1;Datorer;MX-A;500000;2023-10-01;2024-01-01;2026-12-31
MX 2024-1;Möbler;MX-A;600000;2024-02-01;2024-04-01;2027-03-31
MX 2024-2;Konsulter;MX-A;100000;2024-03-01;2024-04-01;
MX 2024-3;Städning;MX-B1;200000;2024-05-01;2024-07-01;
MX 2024-4;Kaffe;MX-B1;100000;2024-06-01;2024-07-01;
"""
# due by 31 Dec 2024: MX 2023-1 K1 (decided 2023, done, uppfyllt), MX 2024-1 K1 (done,
# delvis), MX 2024-1 K2 (not done), MX 2024-3 K1 (done, uppfyllt)
REQUIREMENTS = """procurement_code;requirement_code;criterion_id;area;level;placement;follow_up_planned_on;followed_up_on;result
MX 2023-1;K1;;cirkularitet;bas;kontraktsvillkor;2024-03-01;2024-03-10;uppfyllt
MX 2024-1;K1;10140:1;klimat;avancerad;teknisk specifikation;2024-09-01;2024-09-02;delvis
MX 2024-1;K2;;cirkularitet;bas;kontraktsvillkor;2024-12-01;;
MX 2024-2;K1;;annat;spjutspets;kvalificering;2025-01-01;;
MX 2024-3;K1;;social;bas;kontraktsvillkor;2024-11-01;2024-11-05;uppfyllt
"""


@pytest.fixture
def data_dir(demo_data_dir: Path) -> Path:
    files = {"mx.csv": TREE, "upph.csv": PROCUREMENTS, "krav.csv": REQUIREMENTS}
    for name, text in files.items():
        (demo_data_dir / name).write_text(text, encoding="utf-8")
    steps = [
        ("import", "org", "--organisation", "MX", "--name", "Region Mått", "mx.csv"),
        ("import", "register", "procurements", "--organisation", "MX", "upph.csv"),
        ("import", "register", "procurement-requirements", "--organisation", "MX", "krav.csv"),
    ]
    for step in steps:
        args = [*step[:-1], str(demo_data_dir / step[-1])]
        made = run(*args, data_dir=demo_data_dir)
        assert made.returncode == 0, made.stdout + made.stderr
    return demo_data_dir


def metrics(data_dir: Path, year: str) -> dict[str, dict[str, float | None]]:
    result = run(
        "metrics", "--organisation", "MX", "--year", year, "--format", "json", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_procurement_metrics_by_count_and_by_value_per_node(data_dir: Path) -> None:
    found = metrics(data_dir, "2024")
    # MX: 3 av 4 with a sustainability requirement (MX 2024-2 has only annat); by value
    # 800 000 of 1 000 000. MX-A: 1 av 2, 600 of 700. MX-B: 1 av 2, 200 of 300.
    assert found["procurement.with_requirements_count_pct"] == {
        "MX": 50.0,
        "MX-A": 50.0,
        "MX-B": 50.0,
    }
    assert found["procurement.with_requirements_value_pct"] == pytest.approx(
        {"MX": 80.0, "MX-A": 600 / 7, "MX-B": 200 / 3}
    )
    assert found["procurement.circularity_count_pct"] == {"MX": 25.0, "MX-A": 50.0, "MX-B": 0.0}
    assert found["procurement.circularity_value_pct"] == pytest.approx(
        {"MX": 60.0, "MX-A": 600 / 7, "MX-B": 0.0}
    )
    assert found["procurement.advanced_count_pct"] == {"MX": 25.0, "MX-A": 50.0, "MX-B": 0.0}
    # follow-up due by 31 Dec 2024: 4 (MX-A 3 incl. the one decided in 2023, MX-B 1);
    # followed up: 3 (MX-A 2, MX-B 1); uppfyllt of those: 2 (MX-A 1, MX-B 1)
    assert found["procurement.followed_up_pct"] == pytest.approx(
        {"MX": 75.0, "MX-A": 200 / 3, "MX-B": 100.0}
    )
    assert found["procurement.fulfilled_pct"] == pytest.approx(
        {"MX": 200 / 3, "MX-A": 50.0, "MX-B": 100.0}
    )


def test_a_year_without_procurements_has_no_share(data_dir: Path) -> None:
    found = metrics(data_dir, "2023")
    # MX-B decided nothing in 2023 and had nothing due
    assert found["procurement.with_requirements_count_pct"] == {
        "MX": 100.0,
        "MX-A": 100.0,
        "MX-B": None,
    }
    assert found["procurement.followed_up_pct"]["MX-B"] is None
    assert found["procurement.followed_up_pct"]["MX"] is None  # nothing due before 2024
