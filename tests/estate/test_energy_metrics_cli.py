"""`nettonoll metrics` with the energy metric sources (issue 12), as a user runs it on a copy of
the demo database with an organisation of its own, its buildings, readings and degree days
imported through the commands: values by hand, weighted by the units' area shares.

MX: MX-A has H1 (1 000 m²), MX-B1 has H2 (500 m²) and a quarter of H1. January 2024: H1 4 MWh
district heating (75 % temperature dependent) and 1 MWh electricity, H2 2 MWh district heating
(the carrier's default 75 %); Måttby's degree days 1 104 against a normal 967. 2023: H2 1 MWh
district heating in January, without degree days."""

import json
from pathlib import Path

import pytest

from tests.commandline import ON_POSTGRESQL
from tests.commandline import run_nettonoll as run

# the commands use a SQLite file of their own: the PostgreSQL pass would repeat this module as is
pytestmark = pytest.mark.skipif(
    ON_POSTGRESQL, reason="the command's own SQLite file, as on the SQLite pass"
)

TREE = "code;name;parent_code;level\nMX;Region Mått;;region\nMX-A;Avdelning A;MX;avdelning\nMX-B;Avdelning B;MX;avdelning\nMX-B1;Enhet B1;MX-B;enhet\n"
BUILDINGS = "building_code;name;node_code;municipality;locality;atemp_m2;year_built;ownership\nH1;Hus 1;MX-A;Måttby;Måttby;1000;1970;ägd\nH2;Hus 2;MX-B1;Måttby;Måttby;500;1990;inhyrd\n"
READINGS = "building_code;month;carrier;kwh;temperature_dependent_share\nH1;2024-01;fjärrvärme;4000;0,75\nH1;2024-01;el;1000;\nH2;2024-01;fjärrvärme;2000;\nH2;2023-01;fjärrvärme;1000;\n"
DEGREE_DAYS = "locality;month;degree_days;normal_degree_days;base_c;source\nMåttby;2024-01;1104;967;17;SMHI (testserie)\n"
SHARE = """
from nettonoll.estate.models import Building, BuildingShare
from nettonoll.organisations.models import Node
BuildingShare.objects.create(building=Building.objects.get(building_code="H1", organisation__code="MX"),
    node=Node.objects.get(organisation__code="MX", code="MX-B1"), share_pct=25)
"""


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_bytes(text.encode("cp1252"))
    return str(path)


@pytest.fixture
def data_dir(demo_data_dir: Path) -> Path:
    d = demo_data_dir
    steps = [
        ("import", "org", "--organisation", "MX", "--name", "Region Mått", write(d, "t.csv", TREE)),
        ("import", "register", "buildings", "--organisation", "MX", write(d, "b.csv", BUILDINGS)),
        (
            "import",
            "register",
            "energy-readings",
            "--organisation",
            "MX",
            write(d, "r.csv", READINGS),
        ),
        ("import", "degree-days", write(d, "gd.csv", DEGREE_DAYS)),
        ("manage", "shell", "-c", SHARE),
    ]
    for step in steps:
        done = run(*step, data_dir=d)
        assert done.returncode == 0, done.stdout + done.stderr
    return d


def test_energy_metrics_by_hand(data_dir: Path) -> None:
    result = run(
        "metrics", "--organisation", "MX", "--year", "2024", "--format", "json", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    h1_heat = 1000 + 3000 * 967 / 1104  # 3 627.7 kWh: the worked example
    h2_heat = 500 + 1500 * 967 / 1104
    assert found["energy.kwh"] == {"MX": 7000, "MX-A": 3750, "MX-B": 3250}
    assert found["energy.kwh_per_m2"] == pytest.approx(
        {"MX": 7000 / 1500, "MX-A": 5.0, "MX-B": 3250 / 750}
    )
    normalised = {
        "MX": h1_heat + 1000 + h2_heat,
        "MX-A": 0.75 * (h1_heat + 1000),
        "MX-B": 0.25 * (h1_heat + 1000) + h2_heat,
    }
    assert found["energy.normalised_kwh"] == pytest.approx(normalised)
    assert found["energy.normalised_kwh_per_m2"] == pytest.approx(
        {
            "MX": normalised["MX"] / 1500,
            "MX-A": normalised["MX-A"] / 750,
            "MX-B": normalised["MX-B"] / 750,
        }
    )
    # Boverket's weighting: district heating 0.7, electricity 1.8
    assert found["energy.primary_energy_number"]["MX"] == pytest.approx(
        ((h1_heat + h2_heat) * 0.7 + 1000 * 1.8) / 1500
    )
    assert found["energy.kwh.fjarrvarme"] == {"MX": 6000, "MX-A": 3000, "MX-B": 3000}
    assert found["energy.kwh.el"] == {"MX": 1000, "MX-A": 750, "MX-B": 250}
    # 2023 has no degree days for Måttby: measured yes, normalised missing (never the measured)
    earlier = run("metrics", "--organisation", "MX", "--year", "2023", data_dir=data_dir)
    before = json.loads(earlier.stdout)
    assert before["energy.kwh"]["MX"] == 1000
    assert before["energy.normalised_kwh"]["MX"] is None
    assert before["energy.kwh"]["MX-A"] is None  # MX-A had no readings that year
