"""Writes of the budgets app: `carbon_budget_save` (an organisation's adopted budget) and
`county_data_import` (a new release of the territorial data)."""

from __future__ import annotations

import datetime
import json
import math
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from nettonoll.accounts.models import User
from nettonoll.budgets.models import CarbonBudget
from nettonoll.budgets.selectors import county as county_selectors
from nettonoll.calc.territorial import (
    FIRST_TREND_YEAR,
    TerritorialData,
    TerritorialDataError,
    carbon_law_2026,
    klimatkollen_2024,
    load_packaged,
    load_source_dir,
    write_packaged,
)
from nettonoll.common.records import require_version, save_versioned
from nettonoll.organisations.models import Organisation

# ---------------------------------------------------------------------------------------------
# The organisation's carbon budget


@transaction.atomic
def carbon_budget_save(
    *,
    organisation: Organisation,
    values: Mapping[str, object],
    expected_version: int | None = None,
    by: User | None = None,
) -> CarbonBudget:
    """Adopt how the organisation's carbon budget is derived (the fields of
    `forms.BUDGET_FIELDS`); validated by the model, the earlier settings kept in history. A form
    built from an older `expected_version` (0: nothing adopted yet) is refused with `StaleEdit`."""
    budget = CarbonBudget.objects.select_for_update().filter(organisation=organisation).first()
    if expected_version is not None:
        require_version(budget, expected_version)
    if budget is None:
        budget = CarbonBudget(organisation=organisation)
    for name, value in values.items():
        CarbonBudget._meta.get_field(name)  # only the model's own fields
        setattr(budget, name, value)
    budget.county_code = (budget.county_code or "").strip()
    budget.changed_at, budget.changed_by = timezone.now(), by
    budget.full_clean()
    save_versioned(budget, expected_version=expected_version if budget.pk else None, by=by)
    return budget


# ---------------------------------------------------------------------------------------------
# The county view's data

MUNICIPALITIES = 290
COUNTIES = 21
MAX_LISTED = 20  # problems of one kind listed before "… and N more"


class CountyDataRejected(Exception):
    """A release that cannot be used; `problems` are Swedish sentences. Nothing was replaced."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CountyDataSummary:
    municipalities: int
    counties: int
    first_year: int
    last_year: int
    directory: Path  # where the release now lives


def _read_error(error: TerritorialDataError) -> str:
    """The reader's error as a Swedish sentence (the reader wraps Python's own errors)."""
    cause = error.__cause__
    if isinstance(cause, KeyError):
        return f"En kolumn eller ett fält saknas: {cause.args[0]}."
    if isinstance(cause, json.JSONDecodeError):
        return f"En JSON-fil kan inte läsas: fel på rad {cause.lineno}, kolumn {cause.colno}."
    if isinstance(cause, ValueError):
        value = str(cause).rsplit(": ", 1)[-1]
        return f"Ett värde kan inte läsas som tal: {value}."
    if isinstance(cause, OSError):
        return f"En fil kan inte läsas: {cause.filename or cause}."
    text = str(error)
    if "okänt namn" in text:
        return (
            f"{text}: namnet finns inte bland kommunerna och länen i "
            "smhi_co2_municipality_totals_*.csv (är den filen ofullständig?)."
        )
    if "ingen sådan fil" in text:
        return f"Filen saknas: {text}."
    return f"Filerna kan inte läsas: {text}."


def _listed(problems: list[str], what: str) -> list[str]:
    if len(problems) <= MAX_LISTED:
        return problems
    rest = len(problems) - MAX_LISTED
    return [*problems[:MAX_LISTED], f"… och {rest} till av samma slag ({what})."]


def _finite(values: object) -> bool:
    return all(math.isfinite(v) and v >= 0 for v in values)  # type: ignore[attr-defined]


def _problems(data: TerritorialData) -> list[str]:
    """Everything that stops the release from being used, in Swedish."""
    problems: list[str] = []
    municipalities = data.municipalities()
    counties = data.counties()
    if len(municipalities) != MUNICIPALITIES:
        problems.append(
            f"Filen med kommunernas koldioxidutsläpp (smhi_co2_municipality_totals_*.csv) har "
            f"{len(municipalities)} kommuner; {MUNICIPALITIES} väntades."
        )
    if len(counties) != COUNTIES:
        problems.append(f"Uppgifterna har {len(counties)} län; {COUNTIES} väntades.")
    county_codes = {c.code for c in counties}
    last_co2 = max((max(s) for s in data.co2_t.values() if s), default=FIRST_TREND_YEAR)
    trend_years = set(range(FIRST_TREND_YEAR, last_co2 + 1))
    population, co2, ghg = [], [], []
    for area in municipalities:
        label = f"{area.code} {area.name}"
        if area.county_code not in county_codes:
            problems.append(f"Kommunen {label} hör till ett okänt län ({area.county_code}).")
        if not area.population_2023_12_31:
            population.append(f"Befolkningen 31 december 2023 saknas för {label}.")
        series = data.co2_t.get(area.code, {})
        missing = sorted(trend_years - set(series))
        if missing:
            years = ", ".join(str(y) for y in missing)
            co2.append(f"Koldioxidutsläpp saknas för {label} år {years}.")
        elif not _finite(series.values()):
            co2.append(f"Koldioxidutsläppen för {label} har negativa eller ogiltiga värden.")
    for level, areas, what in (
        ("kommun", municipalities, "kommunen"),
        ("lan", counties, "länet"),
    ):
        for area in areas:
            label = f"{what} {area.code} {area.name}"
            by_year = data.ghg_sectors_t.get((level, area.code), {})
            if len([y for y in by_year if y >= FIRST_TREND_YEAR]) < 2:
                ghg.append(f"Utsläpp per sektor från {FIRST_TREND_YEAR} saknas för {label}.")
            elif not all(_finite(v.values()) for v in by_year.values()):
                ghg.append(f"Utsläppen per sektor för {label} har negativa eller ogiltiga värden.")
    if ("riket", "00") not in data.ghg_sectors_t:
        ghg.append("Utsläpp per sektor saknas för Sverige (national-sector-emissions.json).")
    problems += _listed(population, "befolkning")
    problems += _listed(co2, "koldioxidutsläpp")
    problems += _listed(ghg, "utsläpp per sektor")
    if not problems:
        try:
            klimatkollen_2024(data)
            carbon_law_2026(data, "kommun")
            carbon_law_2026(data, "lan")
        except (ValueError, ArithmeticError, KeyError) as error:
            problems.append(f"Budgetarna kan inte beräknas på uppgifterna: {error}.")
    return problems


def _read(directory: Path) -> TerritorialData:
    if all((directory / name).is_file() for name in county_selectors.PACKAGED_FILES):
        return load_packaged(directory)
    return load_source_dir(directory)


def county_data_import(*, directory: Path) -> CountyDataSummary:
    """Read a new release of the territorial data from `directory` (the original SMHI/SCB files
    as Klimatbyrån redistributes them, as in `shared/data/swedish-open-emissions`, or the packaged
    form), check it and make it the county view's data: written to a temporary directory under
    `DATA_DIR`, then renamed into place. On any problem `CountyDataRejected` lists them all and
    the previous release stays."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CountyDataRejected([f"Katalogen {directory} finns inte."])
    try:
        data = _read(directory)
    except TerritorialDataError as error:
        raise CountyDataRejected([_read_error(error)]) from error
    problems = _problems(data)
    if problems:
        raise CountyDataRejected(problems)
    years = {y for s in data.co2_t.values() for y in s} | {
        y for by_year in data.ghg_sectors_t.values() for y in by_year
    }
    base = Path(settings.DATA_DIR)
    base.mkdir(parents=True, exist_ok=True)
    target = base / county_selectors.TERRITORIAL_DIRNAME
    previous = base / county_selectors.PREVIOUS_DIRNAME
    staging = Path(tempfile.mkdtemp(prefix=".territorial-", dir=base))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; the web server may run as another user
        write_packaged(data, staging)
        release = {
            "imported_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "source": directory.resolve().name,
            "municipalities": len(data.municipalities()),
            "counties": len(data.counties()),
            "years": [min(years), max(years)],
        }
        (staging / county_selectors.RELEASE_FILE).write_text(
            json.dumps(release, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        if len(load_packaged(staging).municipalities()) != MUNICIPALITIES:  # read back
            raise CountyDataRejected(["De skrivna filerna kunde inte läsas tillbaka."])
        # Two renames: while only `previous` exists the selectors read it, so a process stopped
        # between them still leaves a complete release in use.
        if target.exists():
            if previous.exists():
                shutil.rmtree(previous)
            target.rename(previous)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(previous, ignore_errors=True)
    county_selectors.clear_cache()
    return CountyDataSummary(
        municipalities=len(data.municipalities()),
        counties=len(data.counties()),
        first_year=min(years),
        last_year=max(years),
        directory=target,
    )
