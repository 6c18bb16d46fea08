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
from django.utils.translation import gettext_noop

from nettonoll.accounts.models import User
from nettonoll.budgets.models import CarbonBudget
from nettonoll.budgets.selectors import county as county_selectors
from nettonoll.calc.problems import Problem, Rejected, register
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


PROBLEMS = register(
    {
        "county_directory_missing": gettext_noop("Katalogen %(directory)s finns inte."),
        "county_field_missing": gettext_noop("En kolumn eller ett fält saknas: %(field)s."),
        "county_json_invalid": gettext_noop(
            "En JSON-fil kan inte läsas: fel på rad %(line)s, kolumn %(column)s."
        ),
        "county_number_invalid": gettext_noop("Ett värde kan inte läsas som tal: %(value)s."),
        "county_file_unreadable": gettext_noop("En fil kan inte läsas: %(file)s."),
        "county_name_unknown": gettext_noop(
            "%(detail)s: namnet finns inte bland kommunerna och länen i "
            "smhi_co2_municipality_totals_*.csv (är den filen ofullständig?)."
        ),
        "county_file_missing": gettext_noop("Filen saknas: %(detail)s."),
        "county_files_unreadable": gettext_noop("Filerna kan inte läsas: %(detail)s."),
        "county_municipality_count": gettext_noop(
            "Filen med kommunernas koldioxidutsläpp (smhi_co2_municipality_totals_*.csv) har "
            "%(found)s kommuner; %(expected)s väntades."
        ),
        "county_county_count": gettext_noop(
            "Uppgifterna har %(found)s län; %(expected)s väntades."
        ),
        "county_county_unknown": gettext_noop(
            "Kommunen %(area)s hör till ett okänt län (%(county)s)."
        ),
        "county_population_missing": gettext_noop(
            "Befolkningen 31 december 2023 saknas för %(area)s."
        ),
        "county_co2_missing": gettext_noop("Koldioxidutsläpp saknas för %(area)s år %(years)s."),
        "county_co2_invalid": gettext_noop(
            "Koldioxidutsläppen för %(area)s har negativa eller ogiltiga värden."
        ),
        "county_sectors_missing": gettext_noop(
            "Utsläpp per sektor från %(year)s saknas för %(area)s."
        ),
        "county_sectors_invalid": gettext_noop(
            "Utsläppen per sektor för %(area)s har negativa eller ogiltiga värden."
        ),
        "county_national_missing": gettext_noop(
            "Utsläpp per sektor saknas för Sverige (national-sector-emissions.json)."
        ),
        "county_more": gettext_noop("… och %(count)s till av samma slag (%(what)s)."),
        "county_budget_failed": gettext_noop(
            "Budgetarna kan inte beräknas på uppgifterna: %(detail)s."
        ),
        "county_read_back_failed": gettext_noop("De skrivna filerna kunde inte läsas tillbaka."),
    }
)


@dataclass(frozen=True)
class CountyDataSummary:
    municipalities: int
    counties: int
    first_year: int
    last_year: int
    directory: Path  # where the release now lives


def _read_error(error: TerritorialDataError) -> Problem:
    """The reader's error as a problem (the reader wraps Python's own errors)."""
    cause = error.__cause__
    if isinstance(cause, KeyError):
        return Problem("county_field_missing", {"field": cause.args[0]})
    if isinstance(cause, json.JSONDecodeError):
        return Problem("county_json_invalid", {"line": cause.lineno, "column": cause.colno})
    if isinstance(cause, ValueError):
        return Problem("county_number_invalid", {"value": str(cause).rsplit(": ", 1)[-1]})
    if isinstance(cause, OSError):
        return Problem("county_file_unreadable", {"file": cause.filename or cause})
    text = str(error)
    if "okänt namn" in text:
        return Problem("county_name_unknown", {"detail": text})
    if "ingen sådan fil" in text:
        return Problem("county_file_missing", {"detail": text})
    return Problem("county_files_unreadable", {"detail": text})


def _listed(problems: list[Problem], what: str) -> list[Problem]:
    if len(problems) <= MAX_LISTED:
        return problems
    rest = len(problems) - MAX_LISTED
    return [*problems[:MAX_LISTED], Problem("county_more", {"count": rest, "what": what})]


def _finite(values: object) -> bool:
    return all(math.isfinite(v) and v >= 0 for v in values)  # type: ignore[attr-defined]


def _problems(data: TerritorialData) -> list[Problem]:
    """Everything that stops the release from being used."""
    problems: list[Problem] = []
    municipalities = data.municipalities()
    counties = data.counties()
    if len(municipalities) != MUNICIPALITIES:
        problems.append(
            Problem(
                "county_municipality_count",
                {"found": len(municipalities), "expected": MUNICIPALITIES},
            )
        )
    if len(counties) != COUNTIES:
        problems.append(
            Problem("county_county_count", {"found": len(counties), "expected": COUNTIES})
        )
    county_codes = {c.code for c in counties}
    last_co2 = max((max(s) for s in data.co2_t.values() if s), default=FIRST_TREND_YEAR)
    trend_years = set(range(FIRST_TREND_YEAR, last_co2 + 1))
    population, co2, ghg = [], [], []
    for area in municipalities:
        label = f"{area.code} {area.name}"
        if area.county_code not in county_codes:
            problems.append(
                Problem("county_county_unknown", {"area": label, "county": area.county_code})
            )
        if not area.population_2023_12_31:
            population.append(Problem("county_population_missing", {"area": label}))
        series = data.co2_t.get(area.code, {})
        missing = sorted(trend_years - set(series))
        if missing:
            years = ", ".join(str(y) for y in missing)
            co2.append(Problem("county_co2_missing", {"area": label, "years": years}))
        elif not _finite(series.values()):
            co2.append(Problem("county_co2_invalid", {"area": label}))
    for level, areas, what in (
        ("kommun", municipalities, "kommunen"),
        ("lan", counties, "länet"),
    ):
        for area in areas:
            label = f"{what} {area.code} {area.name}"
            by_year = data.ghg_sectors_t.get((level, area.code), {})
            if len([y for y in by_year if y >= FIRST_TREND_YEAR]) < 2:
                ghg.append(
                    Problem("county_sectors_missing", {"year": FIRST_TREND_YEAR, "area": label})
                )
            elif not all(_finite(v.values()) for v in by_year.values()):
                ghg.append(Problem("county_sectors_invalid", {"area": label}))
    if ("riket", "00") not in data.ghg_sectors_t:
        ghg.append(Problem("county_national_missing"))
    problems += _listed(population, "befolkning")
    problems += _listed(co2, "koldioxidutsläpp")
    problems += _listed(ghg, "utsläpp per sektor")
    if not problems:
        try:
            klimatkollen_2024(data)
            carbon_law_2026(data, "kommun")
            carbon_law_2026(data, "lan")
        except (ValueError, ArithmeticError, KeyError) as error:
            problems.append(Problem("county_budget_failed", {"detail": str(error)}))
    return problems


def _read(directory: Path) -> TerritorialData:
    if all((directory / name).is_file() for name in county_selectors.PACKAGED_FILES):
        return load_packaged(directory)
    return load_source_dir(directory)


def county_data_import(*, directory: Path) -> CountyDataSummary:
    """Read a new release of the territorial data from `directory` (the original SMHI/SCB files
    as Klimatbyrån redistributes them, as in `shared/data/swedish-open-emissions`, or the packaged
    form), check it and make it the county view's data: written to a temporary directory under
    `DATA_DIR`, then renamed into place. On any problem `Rejected` lists them all and
    the previous release stays."""
    directory = Path(directory)
    if not directory.is_dir():
        raise Rejected([Problem("county_directory_missing", {"directory": str(directory)})])
    try:
        data = _read(directory)
    except TerritorialDataError as error:
        raise Rejected([_read_error(error)]) from error
    problems = _problems(data)
    if problems:
        raise Rejected(problems)
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
            raise Rejected([Problem("county_read_back_failed")])
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
