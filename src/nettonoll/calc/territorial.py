"""Territorial carbon budgets for municipalities and counties (METHODS.md §3,
docs/methods/carbon-budgets.md).

Two published methods, reproduced on the shipped SMHI/SCB data:

* ``klimatkollen-2024``: the Uppsala University / CEMUS budget as Klimatkollen applied it in 2024:
  fossil CO2, Sweden's 80 Mt from 2024-01-01 less a proportional national overhead, shared between
  the 290 municipalities by their 2015–2022 emissions (cement process CO2 removed), an OLS trend,
  the "Paris path" P(t) = E0·exp(−(E0/B)(t − 2024)) (convention ``continuous``).
* ``carbon-law-2026``: all greenhouse gases (t CO2e), a LAD trend shifted through the last value,
  compared with the Carbon Law C(y) = E2026·0.8828^(y − 2026) summed over 2026–2050.

The data live in `data/territorial/` as compact CSV files (see its README for sources);
`load_source_dir` reads the original files and `write_packaged` writes the compact form.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polars as pl

from nettonoll.calc.pathways import (
    CARBON_LAW_RATE,
    Line,
    budget_runs_out,
    cagr_pct,
    carbon_law_path,
    exponential_path,
    fractional_year_to_date,
    lad_line,
    mean_annual_change_pct,
    ols_line,
    trapezoid,
    year_of_point,
)

PACKAGED_DIR = Path(__file__).parent / "data" / "territorial"
METHODS = ("klimatkollen-2024", "carbon-law-2026")

# klimatkollen-2024 (CEMUS, "Paris-compliant carbon budgets for Sweden's counties", 2023)
NATIONAL_BUDGET_T = 80_000_000.0  # 1.5 °C, 50 %, fossil CO2 from 2024-01-01
NATIONAL_OVERHEAD_SHARE = 55.0 / 285.0  # national overhead of the 285 Mt budget, in proportion
BUDGET_START_YEAR = 2024
FIRST_TREND_YEAR = 2015
END_YEAR = 2050
# carbon-law-2026
CARBON_LAW_START_YEAR = 2026

AREA_COLUMNS = (
    "level",
    "code",
    "name",
    "county_code",
    "population_2023_12_31",
    "population_2025_12",
)
CO2_COLUMNS = ("code", "year", "co2_t", "cement_process_co2_t")


class TerritorialDataError(ValueError):
    """A source directory or packaged file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class Area:
    """A municipality (`kommun`, 4-digit code), a county (`lan`, 2 digits) or Sweden (`riket`)."""

    level: str
    code: str
    name: str
    county_code: str
    population_2023_12_31: int | None
    population_2025_12: int | None


@dataclass(frozen=True)
class TerritorialData:
    """Areas, fossil CO2 (2024 release, t) with cement process CO2 (t), and GHG by sector
    (2026 release, t CO2e) keyed by (level, code)."""

    areas: dict[tuple[str, str], Area]
    co2_t: dict[str, dict[int, float]]
    cement_t: dict[str, dict[int, float]]
    ghg_sectors_t: dict[tuple[str, str], dict[int, dict[str, float]]]
    sectors: tuple[str, ...] = field(default=())

    def municipalities(self) -> list[Area]:
        return sorted((a for a in self.areas.values() if a.level == "kommun"), key=lambda a: a.code)

    def counties(self) -> list[Area]:
        return sorted((a for a in self.areas.values() if a.level == "lan"), key=lambda a: a.code)

    def ghg_total_t(self, level: str, code: str) -> dict[int, float]:
        """All greenhouse gases per year (t CO2e): the sum of the main sectors."""
        by_year = self.ghg_sectors_t.get((level, code), {})
        return {year: math.fsum(sectors.values()) for year, sectors in sorted(by_year.items())}

    def co2_without_cement_t(self, code: str) -> dict[int, float]:
        """Fossil CO2 per year (t) less cement process CO2 where there is any."""
        cement = self.cement_t.get(code, {})
        return {y: v - cement.get(y, 0.0) for y, v in sorted(self.co2_t[code].items())}


# ---------------------------------------------------------------------------------------------
# Reading and writing the data


def _find(directory: Path, pattern: str) -> Path:
    found = sorted(directory.rglob(pattern))
    if not found:
        raise TerritorialDataError(f"{pattern}: ingen sådan fil i {directory}")
    return found[-1]  # the newest release when several are present (names carry the date)


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def load_source_dir(directory: Path) -> TerritorialData:
    """Read the original-format files (as redistributed by Klimatbyrån) from `directory` or its
    subdirectories: `smhi_co2_municipality_totals_*.csv`, `cement_process_co2_t.csv`,
    `scb_population_*-12-31.csv` (2024 release) and `municipality-`, `region-` and
    `national-sector-emissions.json` with `scb_population_*M12.csv` (2026 release)."""
    directory = Path(directory)
    try:
        return _load_source_dir(directory)
    except TerritorialDataError:
        raise
    except (OSError, KeyError, ValueError, json.JSONDecodeError) as error:
        raise TerritorialDataError(f"{directory}: {error}") from error


def _load_source_dir(directory: Path) -> TerritorialData:
    totals = _find(directory, "smhi_co2_municipality_totals_*.csv")
    with totals.open(encoding="utf-8-sig", newline="") as handle:
        co2_rows = list(csv.DictReader(handle))
    areas: dict[tuple[str, str], Area] = {}
    co2_t: dict[str, dict[int, float]] = {}
    county_names: dict[str, str] = {}
    municipality_codes: dict[str, str] = {}
    for row in co2_rows:
        code = row["kommunkod"].strip().zfill(4)
        municipality_codes[row["kommun"].strip()] = code
        county_names[code[:2]] = row["lan"].strip()
        co2_t[code] = {int(k): _number(v) for k, v in row.items() if k.strip().isdigit() and v}
    cement_t: dict[str, dict[int, float]] = {}
    with _find(directory, "cement_process_co2_t.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            code = row["kommunkod"].strip().zfill(4)
            cement_t.setdefault(code, {})[int(row["year"])] = _number(row["cement_process_co2_t"])
    population_2023: dict[str, int] = {}
    with _find(directory, "scb_population_*-12-31.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            population_2023[row["code"].strip()] = int(_number(row["population_2023_12_31"]))
    population_2025: dict[str, int] = {}
    with _find(directory, "scb_population_*M12.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            population_2025[row["kommunkod"].strip().zfill(4)] = int(
                _number(row["population_2025_12"])
            )
    for name, code in municipality_codes.items():
        areas[("kommun", code)] = Area(
            "kommun", code, name, code[:2], population_2023.get(code), population_2025.get(code)
        )
    for county, name in county_names.items():
        members = [c for c in municipality_codes.values() if c[:2] == county]
        total_2025 = sum(population_2025.get(c, 0) for c in members)
        areas[("lan", county)] = Area(
            "lan", county, name, county, population_2023.get(county), total_2025 or None
        )
    areas[("riket", "00")] = Area(
        "riket",
        "00",
        "Sverige",
        "00",
        sum(population_2023.get(c, 0) for c in county_names) or None,
        sum(population_2025.values()) or None,
    )
    county_codes = {name: code for code, name in county_names.items()}
    ghg: dict[tuple[str, str], dict[int, dict[str, float]]] = {}
    sectors: set[str] = set()
    for filename, level, codes in (
        ("municipality-sector-emissions.json", "kommun", municipality_codes),
        ("region-sector-emissions.json", "lan", county_codes),
        ("national-sector-emissions.json", "riket", {"Sverige": "00"}),
    ):
        for entry in json.loads(_find(directory, filename).read_text(encoding="utf-8")):
            name = entry["name"].strip()
            if name not in codes:
                raise TerritorialDataError(f"{filename}: okänt namn {name!r}")
            by_year = {
                int(year): {s: float(v or 0.0) for s, v in values.items()}
                for year, values in entry["sectors"].items()
            }
            for values in by_year.values():
                sectors.update(values)
            ghg[(level, codes[name])] = by_year
    return TerritorialData(areas, co2_t, cement_t, ghg, tuple(sorted(sectors)))


def _csv_text(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def _short(value: float) -> str:
    """Shortest text that reads back as the same float (no trailing `.0` noise)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def write_packaged(data: TerritorialData, directory: Path = PACKAGED_DIR) -> list[Path]:
    """Write the compact form: `areas.csv`, `co2_2024.csv` (long) and `ghg_sectors_2026.csv`
    (one row per area and year, one column per main sector). Returns the files written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    area_rows = [
        (
            a.level,
            a.code,
            a.name,
            a.county_code,
            a.population_2023_12_31 or "",
            a.population_2025_12 or "",
        )
        for a in sorted(data.areas.values(), key=lambda a: (a.level, a.code))
    ]
    co2_rows = [
        (code, year, _short(value), _short(data.cement_t.get(code, {}).get(year, 0.0)))
        for code in sorted(data.co2_t)
        for year, value in sorted(data.co2_t[code].items())
    ]
    ghg_rows = [
        (level, code, year, *(_short(values.get(s, 0.0)) for s in data.sectors))
        for (level, code), by_year in sorted(data.ghg_sectors_t.items())
        for year, values in sorted(by_year.items())
    ]
    files = {
        "areas.csv": _csv_text(AREA_COLUMNS, area_rows),
        "co2_2024.csv": _csv_text(CO2_COLUMNS, co2_rows),
        "ghg_sectors_2026.csv": _csv_text(("level", "code", "year", *data.sectors), ghg_rows),
    }
    written = []
    for name, text in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def load_packaged(directory: Path = PACKAGED_DIR) -> TerritorialData:
    """Read the compact form written by `write_packaged`."""
    directory = Path(directory)
    text = {"code": pl.Utf8, "county_code": pl.Utf8, "level": pl.Utf8}
    try:
        area_frame = pl.read_csv(directory / "areas.csv", schema_overrides=text)
        co2_frame = pl.read_csv(
            directory / "co2_2024.csv",
            schema_overrides={
                "code": pl.Utf8,
                "co2_t": pl.Float64,
                "cement_process_co2_t": pl.Float64,
            },
        )
        # every column after level, code and year is a sector in t CO2e
        ghg_frame = pl.read_csv(
            directory / "ghg_sectors_2026.csv", schema_overrides=text, infer_schema_length=None
        )
    except (OSError, pl.exceptions.PolarsError) as error:
        raise TerritorialDataError(f"{directory}: {error}") from error
    areas = {
        (row["level"], row["code"]): Area(
            row["level"],
            row["code"],
            row["name"],
            row["county_code"],
            row["population_2023_12_31"],
            row["population_2025_12"],
        )
        for row in area_frame.iter_rows(named=True)
    }
    co2_t: dict[str, dict[int, float]] = {}
    cement_t: dict[str, dict[int, float]] = {}
    for code, year, co2, cement in co2_frame.select(CO2_COLUMNS).iter_rows():
        co2_t.setdefault(code, {})[year] = float(co2)
        if cement:
            cement_t.setdefault(code, {})[year] = float(cement)
    sectors = tuple(c for c in ghg_frame.columns if c not in ("level", "code", "year"))
    ghg: dict[tuple[str, str], dict[int, dict[str, float]]] = {}
    for row in ghg_frame.iter_rows():
        level, code, year = row[0], row[1], row[2]
        ghg.setdefault((level, code), {})[year] = {
            s: float(v) for s, v in zip(sectors, row[3:], strict=True)
        }
    return TerritorialData(areas, co2_t, cement_t, ghg, sectors)


@cache
def packaged_data() -> TerritorialData:
    """The shipped data, read once per process."""
    return load_packaged(PACKAGED_DIR)


# ---------------------------------------------------------------------------------------------
# klimatkollen-2024


@dataclass(frozen=True)
class Budget2024:
    """One municipality's budget by ``klimatkollen-2024``. Tonnes of fossil CO2; dates from
    fractional years by Klimatkollen's 365-day convention; the Paris path is ``continuous``."""

    code: str
    name: str
    e0_t: float  # emissions of 2024, from the trend (no data yet)
    historical_change_pct: float  # mean of the year-on-year changes 2015→last data year
    budget_t: float  # from 2024-01-01
    needed_change_pct: float  # (P(2025) − P(2026))/P(2025) = 1 − exp(−E0/B)
    budget_runs_out: datetime.date | None  # None: the budget holds on the trend
    hit_net_zero: datetime.date | None  # None: the trend never falls
    paris_path_t: dict[int, float]
    trend_t: dict[int, float]  # floored OLS line, 2024…2050
    trend_line: Line
    emissions_t: dict[int, float]  # the series used: cement process CO2 removed
    method: str = "klimatkollen-2024"
    convention: str = "continuous"


def klimatkollen_2024(data: TerritorialData) -> dict[str, Budget2024]:
    """Budgets for all municipalities (the shares need all of them), keyed by kommunkod."""
    areas = data.municipalities()
    series = {a.code: data.co2_without_cement_t(a.code) for a in areas}
    last_year = min(max(s) for s in series.values())
    share_years = range(FIRST_TREND_YEAR, last_year + 1)
    sums = {code: math.fsum(s[y] for y in share_years) for code, s in series.items()}
    total = math.fsum(sums.values())
    national_t = NATIONAL_BUDGET_T * (1.0 - NATIONAL_OVERHEAD_SHARE)
    results = {}
    for area in areas:
        emissions = series[area.code]
        values = [emissions[y] for y in share_years]
        line = ols_line(list(share_years), values)
        trend = {y: line.floored(y) for y in range(BUDGET_START_YEAR, END_YEAR + 1)}
        e0 = trend[BUDGET_START_YEAR]
        budget = national_t * sums[area.code] / total
        paris = exponential_path(e0, budget, BUDGET_START_YEAR, END_YEAR, "continuous")
        needed = 100.0 * (paris[2025] - paris[2026]) / paris[2025] if paris[2025] else 0.0
        runs_out = budget_runs_out(line, budget, trend, BUDGET_START_YEAR)
        zero = line.net_zero_year()
        results[area.code] = Budget2024(
            code=area.code,
            name=area.name,
            e0_t=e0,
            historical_change_pct=mean_annual_change_pct(values),
            budget_t=budget,
            needed_change_pct=needed,
            budget_runs_out=None
            if runs_out is None
            else fractional_year_to_date(runs_out, BUDGET_START_YEAR + 1),
            hit_net_zero=None if zero is None else fractional_year_to_date(zero, last_year + 1),
            paris_path_t=paris,
            trend_t=trend,
            trend_line=line,
            emissions_t=emissions,
        )
    return results


# ---------------------------------------------------------------------------------------------
# carbon-law-2026


@dataclass(frozen=True)
class CarbonLaw2026:
    """A municipality's or county's trend against the Carbon Law (``carbon-law-2026``), t CO2e."""

    level: str
    code: str
    name: str
    e0_t: float  # the trend's value for the start year (2026)
    historical_change_pct: float  # CAGR from 2015 to the last data year
    total_trend_t: float  # Σ floored trend, start year…2050
    total_carbon_law_t: float  # Σ C(y), start year…2050
    is_on_track: bool  # Σ trend ≤ Σ Carbon Law
    hit_net_zero: datetime.date | None
    slope_t_per_yr: float
    approximated_t: dict[int, float]  # last data year…start year, floored
    trend_t: dict[int, float]  # start year…2050, floored
    carbon_law_t: dict[int, float]
    emissions_t: dict[int, float]
    method: str = "carbon-law-2026"


def carbon_law_comparison(
    level: str,
    code: str,
    name: str,
    emissions_t: Mapping[int, float],
    *,
    start_year: int = CARBON_LAW_START_YEAR,
    end_year: int = END_YEAR,
    first_year: int = FIRST_TREND_YEAR,
    rate: float = CARBON_LAW_RATE,
) -> CarbonLaw2026:
    """The 2026 comparison for one series (years ≥ `first_year` that exist are used)."""
    years = sorted(y for y in emissions_t if y >= first_year)
    values = [emissions_t[y] for y in years]
    last_year, last_value = years[-1], values[-1]
    lad = lad_line(years, values)
    line = lad.shifted_through(last_year, last_value)
    approximated = {y: line.floored(y) for y in range(last_year, start_year + 1)}
    trend = {y: line.floored(y) for y in range(start_year, end_year + 1)}
    e0 = trend[start_year]
    law = carbon_law_path(e0, start_year, end_year, rate)
    total_trend = math.fsum(trend.values())
    total_law = math.fsum(law.values())
    zero = None
    if line.slope < 0:
        zero = year_of_point(last_year - last_value / line.slope)
    return CarbonLaw2026(
        level=level,
        code=code,
        name=name,
        e0_t=e0,
        historical_change_pct=cagr_pct(values[0], last_value, last_year - years[0]),
        total_trend_t=total_trend,
        total_carbon_law_t=total_law,
        is_on_track=total_trend <= total_law,
        hit_net_zero=zero,
        slope_t_per_yr=line.slope,
        approximated_t=approximated,
        trend_t=trend,
        carbon_law_t=law,
        emissions_t=dict(sorted(emissions_t.items())),
    )


def carbon_law_2026(data: TerritorialData, level: str = "kommun") -> dict[str, CarbonLaw2026]:
    """The comparison for every municipality (`kommun`) or county (`lan`), keyed by code. A
    county uses its own county series, not the sum of its municipalities."""
    areas = data.municipalities() if level == "kommun" else data.counties()
    return {
        a.code: carbon_law_comparison(level, a.code, a.name, data.ghg_total_t(level, a.code))
        for a in areas
    }


def trend_sum_t(trend_t: Mapping[int, float]) -> float:
    """The trapezoid integral of a yearly trend (t), as the 2024 method sums it."""
    return trapezoid([trend_t[y] for y in sorted(trend_t)])
