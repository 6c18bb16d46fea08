"""`nettonoll import register` and `nettonoll metrics` as a user runs them for reuse,
co-loading, green bonds and holdings, on a copy of the demo database with an organisation of
its own: the metric keys of the issue, by hand; nothing to divide by is null (issue 12)."""

import json
from pathlib import Path

import pytest

from tests.commandline import ON_POSTGRESQL
from tests.commandline import run_nettonoll as run

# the commands use a SQLite file of their own: the PostgreSQL pass would repeat this module as is
pytestmark = pytest.mark.skipif(
    ON_POSTGRESQL, reason="the command's own SQLite file, as on the SQLite pass"
)

TREE = "code;name;parent_code;level\nMZ;Region Mått;;region\nMZ-A;Avdelning A;MZ;avdelning\nMZ-B;Avdelning B;MZ;avdelning\n"
FILES = {
    "reuse": "reuse_code;item_type;count;from_node_code;to_node_code;transferred_on\n"
    "R1;kontorsstol;10;MZ-A;MZ-B;2025-03-01\nR2;bildskärm;2;MZ-A;MZ-B;2025-09-01\n"
    "R3;bärbar dator;1;MZ-B;MZ-A;2024-01-10\n",
    "deliveries": "site_code;node_code;month;deliveries;coloaded_deliveries;vehicle_km\n"
    "S1;MZ-A;2025-01;100;30;900\nS1;MZ-A;2025-02;300;90;2000\nS2;MZ-B;2025-01;0;0;\n",
    "green-bonds": "isin;amount_sek;issued_on;matures_on;framework\n"
    "US0378331005;1000;2024-01-01;;Ramverk\n",
    "green-bond-projects": "isin;project_code;name;category;allocated_sek;impact_t_co2e_per_year\n"
    "US0378331005;P1;Vårdhus;gröna byggnader;400;12,5\n",
    "holdings": "holding_code;instrument;value_sek;fossil_free;screening_source;held_from;held_to\n"
    "H1;Räntefond;300;ja;Rapport;2024-01-01;\nH2;Aktiefond;100;nej;Rapport;2024-01-01;\n",
}


@pytest.fixture
def data_dir(demo_data_dir: Path) -> Path:
    tree = demo_data_dir / "mz.csv"
    tree.write_text(TREE, encoding="utf-8")
    made = run("import", "org", "--organisation", "MZ", "--name", "Region Mått", str(tree),
               data_dir=demo_data_dir)  # fmt: skip
    assert made.returncode == 0, made.stderr
    for key, text in FILES.items():
        path = demo_data_dir / f"{key}.csv"
        path.write_text(text, encoding="utf-8")
        done = run("import", "register", key, "--organisation", "MZ", str(path),
                   data_dir=demo_data_dir)  # fmt: skip
        assert done.returncode == 0, done.stderr
    return demo_data_dir


def test_the_issues_metric_keys_by_hand(data_dir: Path) -> None:
    result = run("metrics", "--organisation", "MZ", "--year", "2025", "--format", "json",
                 data_dir=data_dir)  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["reuse.items"] == {"MZ": 12, "MZ-A": 12, "MZ-B": None}
    # 10 × (72 − 5 − 2) + 2 × 520 = 1 690 kg (factor version 2026.1)
    assert found["reuse.avoided_t_co2e"]["MZ"] == pytest.approx(1.69)
    assert found["reuse.avoided_cost_sek"]["MZ"] == 55000
    assert found["coloading.share_pct"] == {"MZ": 30.0, "MZ-A": 30.0, "MZ-B": None}
    assert found["green_bonds.allocated_pct"] == {"MZ": 40.0, "MZ-A": None, "MZ-B": None}
    assert found["green_bonds.impact_t_co2e"]["MZ"] == 12.5
    assert found["finance.fossil_free_pct"] == {"MZ": 75.0, "MZ-A": None, "MZ-B": None}


def test_a_bad_file_is_refused_with_line_and_column_and_exit_1(data_dir: Path) -> None:
    path = data_dir / "bad.csv"
    path.write_text(FILES["deliveries"] + "S1;MZ-A;2025-03;10;11;5\n", encoding="utf-8")
    result = run("import", "register", "deliveries", "--organisation", "MZ", str(path),
                 data_dir=data_dir)  # fmt: skip
    assert result.returncode == 1
    assert "rad 5, kolumn coloaded_deliveries" in result.stderr
