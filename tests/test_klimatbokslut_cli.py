"""`nettonoll klimatbokslut compute`: file in, klimatbokslut out, no database needed."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

NETTONOLL = str(Path(sys.executable).parent / "nettonoll")
ACTIVITIES = (
    "org_unit;category;period;quantity;unit;source_ref\n"
    "RS-SERV-FORD;fuel.diesel;2023-03;1 000;l;kort 1\n"
    "RS-SERV-FORD;fuel.diesel;2023-04;1 000;l;kort 2\n"
    "RS-SERV-FAST;electricity.residual_mix;2023;100;MWh;faktura 7\n"
    "RS-STAB;travel.train.nordic_electric;2022;10 000;pkm;\n"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"  # proves no database is touched
    return subprocess.run(
        [NETTONOLL, "klimatbokslut", "compute", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_json_holds_totals_breakdowns_and_result_rows(tmp_path: Path) -> None:
    source = tmp_path / "aktiviteter.csv"
    source.write_bytes(ACTIVITIES.encode("cp1252"))
    result = run("--activities", str(source), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total_t_co2e"] == pytest.approx(2 * 2.853 + 52.41 + 0.07)
    assert data["by_year"] == {
        "2022": pytest.approx(0.07),
        "2023": pytest.approx(2 * 2.853 + 52.41),
    }
    assert data["by_scope"] == {"1": 5.706, "2": 52.41, "3": 0.07}
    assert set(data["by_category"]) == {
        "fuel.diesel",
        "electricity.residual_mix",
        "travel.train.nordic_electric",
    }
    assert data["by_org_unit"]["RS-SERV-FORD"] == 5.706
    assert {"year", "org_unit", "category", "scope", "emissions_t_co2e"} <= set(data["results"][0])
    diesel = next(r for r in data["results"] if r["category"] == "fuel.diesel")
    assert diesel["category_label"] == "Diesel (med låginblandning)"
    assert diesel["gwp_set"] == "AR5" and data["gwp_set"] == "AR5"


def test_own_factors_and_csv_output_from_an_xlsx_file(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["org_unit", "category", "period", "quantity", "unit"])
    sheet.append(["FAST", "district_heating.egen", 2024, 2, "GWh"])
    source = tmp_path / "aktiviteter.xlsx"
    workbook.save(source)
    factors = tmp_path / "faktorer.csv"
    factors.write_text(
        "category,valid_year,factor,unit,scope,publisher,title,year,link\n"
        "district_heating.egen,2024,30,g CO2e/kWh,2,Jämtkraft,Miljövärden,2024,https://example.org\n",
        encoding="utf-8",
    )
    out = tmp_path / "resultat.csv"
    result = run(
        "--activities",
        str(source),
        "--factors",
        str(factors),
        "--format",
        "csv",
        "--out",
        str(out),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("year,org_unit,category,scope,emissions_t_co2e")
    assert "2024,FAST,district_heating.egen,2,60.0" in text


def test_invalid_input_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "fel.csv"
    source.write_text(
        "org_unit,category,period,quantity,unit\nA,fuel.diesel,2023,1,l\nA,fuel.okänd,2023,1,l\n"
        "A,travel.train.diesel,2023,5,km\nA,fuel.diesel,2023,x,l\n",
        encoding="utf-8",
    )
    out = tmp_path / "resultat.json"
    result = run("--activities", str(source), "--out", str(out), cwd=tmp_path)
    assert result.returncode != 0
    assert "rad 3, kolumn category: okänd kategori 'fuel.okänd'" in result.stderr
    assert (
        "rad 4, kolumn unit: enheten 'km' kan inte räknas om till faktorns enhet 'pkm'"
        in result.stderr
    )
    assert "rad 5, kolumn quantity: mängden 'x' är inget tal" in result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_a_file_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "bild.xlsx"
    source.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    result = run("--activities", str(source), cwd=tmp_path)
    assert result.returncode != 0
    assert "inte en CSV- eller XLSX-fil" in result.stderr
    assert io.StringIO(result.stdout).read() == ""


GAS_ACTIVITIES = "org_unit,category,period,quantity,unit\nOP,medical_gas.nitrous_oxide,2024,10,kg\n"


def _gas_factors(tmp_path: Path, *sets: str) -> Path:
    factors = tmp_path / "gaser.csv"
    rows = "".join(
        f"medical_gas.nitrous_oxide,2014,{273 if s == 'AR6' else 265},kg CO2e/kg,1,{s},"
        f"IPCC,{s} WG1 GWP100 (N2O),2021,https://www.ipcc.ch/report/{s.lower()}/wg1/\n"
        for s in sets
    )
    factors.write_text(
        "category,valid_year,factor,unit,scope,gwp_set,publisher,title,year,link\n" + rows,
        encoding="utf-8",
    )
    return factors


def test_a_factor_file_in_ar6_is_used_with_its_own_gwp_set(tmp_path: Path) -> None:
    source = tmp_path / "gas.csv"
    source.write_text(GAS_ACTIVITIES, encoding="utf-8")
    result = run(
        "--activities", str(source), "--factors", str(_gas_factors(tmp_path, "AR6")), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["gwp_set"] == "AR6"
    assert data["total_t_co2e"] == pytest.approx(2.73)


def test_a_factor_only_in_another_gwp_set_is_named_as_such(tmp_path: Path) -> None:
    source = tmp_path / "gas.csv"
    source.write_text(GAS_ACTIVITIES, encoding="utf-8")
    factors = _gas_factors(tmp_path, "AR6")
    result = run(
        "--activities", str(source), "--factors", str(factors), "--gwp-set", "AR5", cwd=tmp_path
    )
    assert result.returncode != 0
    assert "finns för AR6, inte för AR5" in result.stderr
    assert "okänd kategori" not in result.stderr


def test_a_factor_file_mixing_gwp_sets_is_refused_unless_one_is_chosen(tmp_path: Path) -> None:
    source = tmp_path / "gas.csv"
    source.write_text(GAS_ACTIVITIES, encoding="utf-8")
    factors = _gas_factors(tmp_path, "AR5", "AR6")
    mixed = run("--activities", str(source), "--factors", str(factors), cwd=tmp_path)
    assert mixed.returncode != 0
    assert "blandar GWP-uppsättningar (AR5, AR6)" in mixed.stderr
    chosen = run(
        "--activities", str(source), "--factors", str(factors), "--gwp-set", "AR5", cwd=tmp_path
    )
    assert chosen.returncode == 0, chosen.stderr
    assert json.loads(chosen.stdout)["total_t_co2e"] == pytest.approx(2.65)


def test_a_known_category_missing_from_the_factor_file_is_not_called_unknown(
    tmp_path: Path,
) -> None:
    source = tmp_path / "gas.csv"
    source.write_text(GAS_ACTIVITIES + "OP,fuel.diesel,2024-03,1000,l\n", encoding="utf-8")
    factors = _gas_factors(tmp_path, "AR6")
    result = run("--activities", str(source), "--factors", str(factors), cwd=tmp_path)
    assert result.returncode != 0
    assert "rad 3, kolumn category: kategorin 'fuel.diesel' saknar emissionsfaktor" in result.stderr
    assert "okänd kategori" not in result.stderr
