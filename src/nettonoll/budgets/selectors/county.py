"""Reads of the county view: territorial emissions, carbon budgets and Carbon Law status per county
and municipality (docs/methods/carbon-budgets.md).

The data are public (SMHI NEDB, SCB) and the same for every user. They come from an imported
release in `DATA_DIR/territorial` when there is one (`nettonoll import county-data`), else from
the shipped files. They are read and both methods computed once per process; the cache is keyed by
the files' modification times, so a new import is seen by every process on its next request.
"""

from __future__ import annotations

import datetime
import json
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from nettonoll.calc.territorial import (
    Budget2024,
    CarbonLaw2026,
    TerritorialData,
    carbon_law_2026,
    klimatkollen_2024,
    load_packaged,
    packaged_data,
)

TERRITORIAL_DIRNAME = "territorial"  # under settings.DATA_DIR
PREVIOUS_DIRNAME = "territorial.previous"  # the release being replaced, during an import
PACKAGED_FILES = ("areas.csv", "co2_2024.csv", "ghg_sectors_2026.csv")
RELEASE_FILE = "release.json"  # written by the import: when, from where, which years
FIRST_COUNTY = "01"  # Stockholms län first (the demo region's county)
BASE_YEARS = (1990, 2015)


@dataclass(frozen=True)
class Release:
    """Where the figures come from: the shipped files or an imported release."""

    is_imported: bool
    imported_at: str  # ISO timestamp of the import; "" for the shipped data
    source_name: str  # the imported directory's name; "" for the shipped data
    co2_first_year: int
    co2_last_year: int
    ghg_first_year: int
    ghg_last_year: int


@dataclass(frozen=True)
class MunicipalityRow:
    """One municipality in a county's comparison table. Emissions are all greenhouse gases
    (t CO2e, NEDB) of the latest year; the budget is fossil CO2 (t) by klimatkollen-2024."""

    code: str
    name: str
    county_code: str
    population: int | None  # SCB, 31 Dec 2023
    emissions_t: float
    per_capita_t: float | None
    historical_change_pct: float  # carbon-law-2026: CAGR 2015 → latest year
    budget_t: float
    budget_runs_out: datetime.date | None  # None: the budget holds on the trend
    is_on_track: bool  # carbon-law-2026
    hit_net_zero: datetime.date | None  # carbon-law-2026; None: the trend never falls


@dataclass(frozen=True)
class CountyRow:
    code: str
    name: str
    population: int | None  # SCB, 31 Dec 2023
    emissions_t: float  # the county's own series, latest year, t CO2e
    per_capita_t: float | None
    municipalities: int
    municipalities_on_track: int
    is_on_track: bool  # the county's own carbon-law-2026 result


@dataclass(frozen=True)
class CountyList:
    counties: list[CountyRow]
    latest_year: int
    release: Release


@dataclass(frozen=True)
class CountyDetail:
    county: CountyRow
    change_pct: dict[int, float | None]  # base year → change to the latest year, %
    law: CarbonLaw2026  # the county's own series
    budget_sum_t: float  # Σ of its municipalities' klimatkollen-2024 budgets
    municipalities: list[MunicipalityRow]  # sorted as asked
    sort: str
    order: str
    sectors_by_year: dict[int, dict[str, float]]  # t CO2e
    sectors: tuple[str, ...]  # the main sectors with any emissions here, largest first
    all_sectors: tuple[str, ...]  # every main sector of the release (fixed colours)
    latest_year: int
    release: Release


@dataclass(frozen=True)
class MunicipalityDetail:
    municipality: MunicipalityRow
    county_name: str
    change_pct: dict[int, float | None]
    sectors_by_year: dict[int, dict[str, float]]
    sectors: tuple[str, ...]
    all_sectors: tuple[str, ...]
    budget: Budget2024
    law: CarbonLaw2026
    latest_year: int
    release: Release


@dataclass(frozen=True)
class _State:
    data: TerritorialData
    budgets: dict[str, Budget2024]
    law_municipalities: dict[str, CarbonLaw2026]
    law_counties: dict[str, CarbonLaw2026]
    rows: dict[str, MunicipalityRow]
    release: Release
    latest_year: int


# ---------------------------------------------------------------------------------------------
# Loading, once per process and release

_lock = threading.Lock()
_cache: dict[str, Any] = {}


def imported_dir() -> Path | None:
    """The imported release in use, if any: `territorial`, else the previous release left by an
    import that was stopped between its two renames."""
    base = Path(settings.DATA_DIR)
    for name in (TERRITORIAL_DIRNAME, PREVIOUS_DIRNAME):
        candidate = base / name
        if all((candidate / f).is_file() for f in PACKAGED_FILES):
            return candidate
    return None


def _key(directory: Path | None) -> tuple[object, ...]:
    if directory is None:
        return ("packaged",)
    stats: list[tuple[str, int | None, int | None]] = []
    for name in (*PACKAGED_FILES, RELEASE_FILE):
        try:
            stat = (directory / name).stat()
        except FileNotFoundError:
            stats.append((name, None, None))
        else:
            stats.append((name, stat.st_mtime_ns, stat.st_size))
    return (str(directory), *stats)


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _state() -> _State:
    directory = imported_dir()
    key = _key(directory)
    with _lock:
        if _cache.get("key") == key:
            state: _State = _cache["state"]
            return state
        data = packaged_data() if directory is None else load_packaged(directory)
        state = _compute(data, directory)
        _cache["key"], _cache["state"] = key, state
        return state


def _release(data: TerritorialData, directory: Path | None) -> Release:
    meta: dict[str, Any] = {}
    if directory is not None and (directory / RELEASE_FILE).is_file():
        try:
            meta = json.loads((directory / RELEASE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
    co2_years = {y for series in data.co2_t.values() for y in series}
    ghg_years = {y for by_year in data.ghg_sectors_t.values() for y in by_year}
    return Release(
        is_imported=directory is not None,
        imported_at=str(meta.get("imported_at", "")),
        source_name=str(meta.get("source", "")),
        co2_first_year=min(co2_years),
        co2_last_year=max(co2_years),
        ghg_first_year=min(ghg_years),
        ghg_last_year=max(ghg_years),
    )


def _population(data: TerritorialData, level: str, code: str) -> int | None:
    area = data.areas[(level, code)]
    return area.population_2023_12_31 or area.population_2025_12


def _per_capita(emissions_t: float, population: int | None) -> float | None:
    return emissions_t / population if population else None


def _compute(data: TerritorialData, directory: Path | None) -> _State:
    budgets = klimatkollen_2024(data)
    law_municipalities = carbon_law_2026(data, "kommun")
    law_counties = carbon_law_2026(data, "lan")
    release = _release(data, directory)
    rows = {}
    for area in data.municipalities():
        law = law_municipalities[area.code]
        budget = budgets[area.code]
        emissions = law.emissions_t[max(law.emissions_t)]
        population = _population(data, "kommun", area.code)
        rows[area.code] = MunicipalityRow(
            code=area.code,
            name=area.name,
            county_code=area.county_code,
            population=population,
            emissions_t=emissions,
            per_capita_t=_per_capita(emissions, population),
            historical_change_pct=law.historical_change_pct,
            budget_t=budget.budget_t,
            budget_runs_out=budget.budget_runs_out,
            is_on_track=law.is_on_track,
            hit_net_zero=law.hit_net_zero,
        )
    return _State(
        data, budgets, law_municipalities, law_counties, rows, release, release.ghg_last_year
    )


# ---------------------------------------------------------------------------------------------
# Selectors


def municipal_budgets_2024(county_code: str) -> list[Budget2024]:
    """The klimatkollen-2024 budgets of a county's municipalities (the release in use)."""
    state = _state()
    return [
        state.budgets[a.code]
        for a in state.data.municipalities()
        if a.county_code == county_code and a.code in state.budgets
    ]


def _county_row(state: _State, code: str) -> CountyRow:
    area = state.data.areas[("lan", code)]
    law = state.law_counties[code]
    emissions = law.emissions_t.get(state.latest_year, 0.0)
    population = _population(state.data, "lan", code)
    members = [r for r in state.rows.values() if r.county_code == code]
    return CountyRow(
        code=code,
        name=area.name,
        population=population,
        emissions_t=emissions,
        per_capita_t=_per_capita(emissions, population),
        municipalities=len(members),
        municipalities_on_track=sum(r.is_on_track for r in members),
        is_on_track=law.is_on_track,
    )


def county_list() -> CountyList:
    """The 21 counties, Stockholms län first, then by code."""
    state = _state()
    codes = sorted((a.code for a in state.data.counties()), key=lambda c: (c != FIRST_COUNTY, c))
    return CountyList([_county_row(state, c) for c in codes], state.latest_year, state.release)


_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_sort_key(text: str) -> str:
    """Alphabetical order as in Swedish: … x y z å ä ö."""
    return text.lower().translate(_SWEDISH_ORDER)


def _date_key(value: datetime.date | None) -> datetime.date:
    return datetime.date.max if value is None else value


def _number_key(value: float | None) -> float:
    return math.inf if value is None else value


# column → (sort key, the order a first click gives)
SORT_COLUMNS: dict[str, tuple[Callable[[MunicipalityRow], Any], str]] = {
    "name": (lambda r: swedish_sort_key(r.name), "asc"),
    "population": (lambda r: _number_key(r.population), "desc"),
    "emissions": (lambda r: r.emissions_t, "desc"),
    "per_capita": (lambda r: _number_key(r.per_capita_t), "desc"),
    "change": (lambda r: r.historical_change_pct, "asc"),
    "budget": (lambda r: r.budget_t, "desc"),
    "runs_out": (lambda r: _date_key(r.budget_runs_out), "asc"),
    "on_track": (lambda r: r.is_on_track, "desc"),
    "net_zero": (lambda r: _date_key(r.hit_net_zero), "asc"),
}
DEFAULT_SORT = "name"


def _sectors(by_year: dict[int, dict[str, float]], all_sectors: tuple[str, ...]) -> tuple[str, ...]:
    totals = {s: math.fsum(v.get(s, 0.0) for v in by_year.values()) for s in all_sectors}
    return tuple(sorted((s for s in all_sectors if totals[s] > 0), key=lambda s: -totals[s]))


def _change_pct(series: dict[int, float], latest_year: int) -> dict[int, float | None]:
    latest = series.get(latest_year)
    changes: dict[int, float | None] = {}
    for year in BASE_YEARS:
        base = series.get(year)
        changes[year] = None if not base or latest is None else 100.0 * (latest - base) / base
    return changes


def county_detail(code: str, sort: str = DEFAULT_SORT, order: str = "") -> CountyDetail | None:
    """One county: its summary, sector series and its municipalities sorted by `sort` (a key of
    `SORT_COLUMNS`; unknown → by name) in `order` (`asc`/`desc`; else the column's own first
    order). None for an unknown county code."""
    state = _state()
    if ("lan", code) not in state.data.areas:
        return None
    if sort not in SORT_COLUMNS:
        sort, order = DEFAULT_SORT, ""
    key, first_order = SORT_COLUMNS[sort]
    if order not in ("asc", "desc"):
        order = first_order
    members = [r for r in state.rows.values() if r.county_code == code]
    members.sort(key=lambda r: swedish_sort_key(r.name))  # ties stay alphabetical
    members.sort(key=key, reverse=order == "desc")
    law = state.law_counties[code]
    by_year = state.data.ghg_sectors_t.get(("lan", code), {})
    return CountyDetail(
        county=_county_row(state, code),
        change_pct=_change_pct(law.emissions_t, state.latest_year),
        law=law,
        budget_sum_t=math.fsum(r.budget_t for r in members),
        municipalities=members,
        sort=sort,
        order=order,
        sectors_by_year=dict(sorted(by_year.items())),
        sectors=_sectors(by_year, state.data.sectors),
        all_sectors=state.data.sectors,
        latest_year=state.latest_year,
        release=state.release,
    )


def municipality_detail(county_code: str, code: str) -> MunicipalityDetail | None:
    """One municipality of the county `county_code`; None when it is not one."""
    state = _state()
    row = state.rows.get(code)
    if row is None or row.county_code != county_code:
        return None
    law = state.law_municipalities[code]
    by_year = state.data.ghg_sectors_t.get(("kommun", code), {})
    return MunicipalityDetail(
        municipality=row,
        county_name=state.data.areas[("lan", county_code)].name,
        change_pct=_change_pct(law.emissions_t, state.latest_year),
        sectors_by_year=dict(sorted(by_year.items())),
        sectors=_sectors(by_year, state.data.sectors),
        all_sectors=state.data.sectors,
        budget=state.budgets[code],
        law=law,
        latest_year=state.latest_year,
        release=state.release,
    )
