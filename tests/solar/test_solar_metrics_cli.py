"""`nettonoll metrics` for solar power as a user runs it, on a data folder of its own filled
through `nettonoll import`: installed kWp on 31 December, produced kWh, self-consumption and
self-sufficiency over every building of the node (those without panels too), against hand
counts; no production gives no rate (null), not 0 %."""

import json
from pathlib import Path

import pytest

from tests.commandline import ON_POSTGRESQL
from tests.commandline import run_nettonoll as run

# the commands use a SQLite file of their own: the PostgreSQL pass would repeat this module as is
pytestmark = pytest.mark.skipif(
    ON_POSTGRESQL, reason="the command's own SQLite file, as on the SQLite pass"
)

TREE = "code;name;parent_code;level\nSX;Region Sol;;region\nSX-A;Avdelning A;SX;avdelning\nSX-B;Avdelning B;SX;avdelning\n"
BUILDINGS = """building_code;name;node_code;municipality;locality;atemp_m2;year_built;ownership
B-A;Hus A;SX-A;Karlstad;Karlstad;1000;1990;ägd
B-B;Hus B;SX-B;Karlstad;Karlstad;2000;1980;ägd
"""
SOLAR = """installation_code;building_code;kwp;in_service_from;in_service_to
SOL-A;B-A;100;2023-05-01;
SOL-OLD;B-A;20;2020-01-01;2024-06-30
"""
PRODUCTION = """installation_code;month;produced_kwh;exported_kwh
SOL-A;2024-06;7000;2000
SOL-A;2024-07;5000;1000
"""
READINGS = """building_code;month;carrier;kwh;temperature_dependent_share
B-A;2024-06;el;10000;
B-A;2024-07;el;11000;
B-A;2024-07;fjärrvärme;50000;
B-B;2024-06;el;30000;
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("solar-metrics")
    files = {
        "tree.csv": TREE,
        "buildings.csv": BUILDINGS,
        "solar.csv": SOLAR,
        "production.csv": PRODUCTION,
        "readings.csv": READINGS,
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    steps = [
        ("import", "org", "--organisation", "SX", "--name", "Region Sol", str(folder / "tree.csv")),
        *(
            ("import", "register", key, "--organisation", "SX", str(folder / name))
            for key, name in (
                ("buildings", "buildings.csv"),
                ("solar", "solar.csv"),
                ("solar-production", "production.csv"),
                ("energy-readings", "readings.csv"),
            )
        ),
    ]
    for step in steps:
        done = run(*step, data_dir=folder)
        assert done.returncode == 0, done.stdout + done.stderr
    return folder


def metrics(data_dir: Path, year: str) -> dict[str, dict[str, float | None]]:
    result = run(
        "metrics", "--organisation", "SX", "--year", year, "--format", "json", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_solar_metrics_by_hand(data_dir: Path) -> None:
    found = metrics(data_dir, "2024")
    # SOL-OLD left service on 30 June 2024: on 31 December only SOL-A's 100 kWp
    assert found["solar.kwp"] == {"SX": 100, "SX-A": 100, "SX-B": 0}
    assert found["solar.produced_kwh"] == {"SX": 12000, "SX-A": 12000, "SX-B": 0}
    # (12 000 − 3 000) ÷ 12 000
    assert found["solar.self_consumption_pct"] == {"SX": 75.0, "SX-A": 75.0, "SX-B": None}
    # A: 9 000 ÷ (21 000 bought + 9 000); the region also counts B's 30 000 bought, without panels
    assert found["solar.self_sufficiency_pct"] == {"SX": 15.0, "SX-A": 30.0, "SX-B": None}


def test_a_year_with_panels_but_no_production_has_no_rates(data_dir: Path) -> None:
    found = metrics(data_dir, "2023")
    assert found["solar.kwp"]["SX"] == 120
    assert found["solar.produced_kwh"]["SX"] is None
    assert found["solar.self_consumption_pct"]["SX"] is None
    assert found["solar.self_sufficiency_pct"]["SX"] is None
