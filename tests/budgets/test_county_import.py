"""A new release of the county view's data: `county_data_import` and `nettonoll import
county-data DIR`, with a good and a broken directory."""

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from nettonoll.budgets.selectors import county as selectors
from nettonoll.budgets.services import county_data_import
from nettonoll.calc.problems import Rejected
from nettonoll.calc.territorial import PACKAGED_DIR
from tests.commandline import run_nettonoll

SOURCE = Path(__file__).parents[1] / "data" / "swedish-open-emissions"  # see its README
FILES = [
    "2024-co2/smhi_co2_municipality_totals_1990-2022.csv",
    "2024-co2/cement_process_co2_t.csv",
    "2024-co2/scb_population_2023-12-31.csv",
    "2026-ghg/municipality-sector-emissions.json",
    "2026-ghg/region-sector-emissions.json",
    "2026-ghg/national-sector-emissions.json",
    "2026-ghg/scb_population_2025M12.csv",
]
TOTALS = "2024-co2/smhi_co2_municipality_totals_1990-2022.csv"


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_nettonoll(*args, data_dir=data_dir)


def _copy(to: Path) -> Path:
    """The source files the reader needs, in the original layout (not the large workbooks)."""
    for name in FILES:
        (to / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SOURCE / name, to / name)
    return to


def _truncate(directory: Path) -> None:
    """Cut the municipality totals in the middle of line 101, as an interrupted download."""
    path = directory / TOTALS
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text("".join(lines[:100]) + lines[100][:30], encoding="utf-8")


@pytest.fixture
def data_dir(settings: object, tmp_path: Path) -> Path:
    directory = tmp_path / "var"
    directory.mkdir()
    settings.DATA_DIR = directory  # type: ignore[attr-defined]
    selectors.clear_cache()
    yield directory
    selectors.clear_cache()


def test_import_writes_the_packaged_form_and_the_pages_use_it(
    data_dir: Path, tmp_path: Path
) -> None:
    summary = county_data_import(directory=SOURCE)
    assert (summary.municipalities, summary.counties) == (290, 21)
    assert (summary.first_year, summary.last_year) == (1990, 2024)
    target = data_dir / "territorial"
    assert summary.directory == target
    for name in ("areas.csv", "co2_2024.csv", "ghg_sectors_2026.csv"):
        assert (target / name).read_bytes() == (PACKAGED_DIR / name).read_bytes()
    release = json.loads((target / "release.json").read_text(encoding="utf-8"))
    assert release["source"] == "swedish-open-emissions"
    assert sorted(p.name for p in data_dir.iterdir()) == ["territorial"]  # no leftovers
    listed = selectors.county_list()
    assert listed.release.is_imported
    assert listed.counties[0].code == "01"


def test_the_tests_hold_every_source_file_the_reader_needs() -> None:
    assert sorted(str(p.relative_to(SOURCE)) for p in SOURCE.rglob("*.*") if p.suffix != ".md") == (
        sorted(FILES)
    )


def test_the_packaged_copy_shipped_in_the_package_imports_as_itself(data_dir: Path) -> None:
    summary = county_data_import(directory=PACKAGED_DIR)
    assert (summary.municipalities, summary.counties) == (290, 21)
    for name in ("areas.csv", "co2_2024.csv", "ghg_sectors_2026.csv"):
        assert (data_dir / "territorial" / name).read_bytes() == (PACKAGED_DIR / name).read_bytes()
    release = json.loads((data_dir / "territorial" / "release.json").read_text(encoding="utf-8"))
    assert release["source"] == "territorial"


@pytest.mark.django_db
def test_the_pages_name_the_imported_release(
    data_dir: Path, client_as: Callable[[str], Client]
) -> None:
    county_data_import(directory=SOURCE)
    html = client_as("reader").get("/lan/01/").content.decode()
    assert "Datautgåvan lästes in" in html and "swedish-open-emissions" in html


def test_a_changed_release_replaces_the_previous_one(data_dir: Path, tmp_path: Path) -> None:
    county_data_import(directory=SOURCE)
    before = selectors.municipality_detail("01", "0180")
    assert before is not None
    changed = _copy(tmp_path / "changed")
    path = changed / "2026-ghg/scb_population_2025M12.csv"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    population = changed / "2024-co2/scb_population_2023-12-31.csv"
    text = population.read_text(encoding="utf-8-sig")
    population.write_text(text.replace(",988943", ",1000000"), encoding="utf-8")
    county_data_import(directory=changed)
    after = selectors.municipality_detail("01", "0180")
    assert after is not None
    assert (before.municipality.population, after.municipality.population) == (988943, 1000000)


def test_a_truncated_file_is_refused_in_swedish_and_nothing_is_replaced(
    data_dir: Path, tmp_path: Path
) -> None:
    county_data_import(directory=SOURCE)
    kept = {p.name: p.read_bytes() for p in (data_dir / "territorial").iterdir()}
    broken = _copy(tmp_path / "broken")
    _truncate(broken)
    with pytest.raises(Rejected) as rejected:
        county_data_import(directory=broken)
    problems = [p.text() for p in rejected.value.problems]
    assert problems == [
        "municipality-sector-emissions.json: okänt namn 'Avesta': namnet finns inte bland "
        "kommunerna och länen i smhi_co2_municipality_totals_*.csv (är den filen ofullständig?)."
    ]
    assert {p.name: p.read_bytes() for p in (data_dir / "territorial").iterdir()} == kept
    assert sorted(p.name for p in data_dir.iterdir()) == ["territorial"]


def test_missing_files_and_bad_numbers_are_named(data_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(Rejected) as rejected:
        county_data_import(directory=empty)
    assert [p.text() for p in rejected.value.problems] == [
        f"Filen saknas: smhi_co2_municipality_totals_*.csv: ingen sådan fil i {empty}."
    ]
    bad = _copy(tmp_path / "bad")
    path = bad / TOTALS
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    lines[5] = lines[5].rsplit(",", 1)[0] + ",12.5t\n"  # Järfälla 2022
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(Rejected) as rejected:
        county_data_import(directory=bad)
    assert [p.text() for p in rejected.value.problems] == [
        "Ett värde kan inte läsas som tal: '12.5t'."
    ]
    assert not (data_dir / "territorial").exists()


def test_cli_imports_and_refuses_a_broken_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    good = run("import", "county-data", str(SOURCE), data_dir=data_dir)
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip() == "Länsdata inläst: 290 kommuner, 21 län, år 1990–2024."
    kept = (data_dir / "territorial" / "areas.csv").read_bytes()
    broken = _copy(tmp_path / "trasig")
    _truncate(broken)
    refused = run("import", "county-data", str(broken), data_dir=data_dir)
    assert refused.returncode == 1
    assert "trasig:" in refused.stderr and "fel, inget har ersatts." in refused.stderr
    assert "är den filen ofullständig?" in refused.stderr
    assert (data_dir / "territorial" / "areas.csv").read_bytes() == kept
