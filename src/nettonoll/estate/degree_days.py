"""SMHI degree days in and out: `nettonoll import degree-days FILE`, the administrators' import
page and the export (not per organisation: the same weather for everyone).

A file is refused whole, every problem with its line and column, and one base temperature holds
for every series: a file mixing bases, or a series (a locality) whose base differs from the one
stored for it or for the other localities, is refused. Rows are added or updated by locality
(any case) and month; every change keeps its history, and each import is logged (who, when,
which file)."""

from decimal import Decimal as D
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from nettonoll.accounts.models import User
from nettonoll.calc.problems import Problem, register
from nettonoll.common.tablespec import (
    Decimal,
    ImportResult,
    Line,
    Month,
    TableSpec,
    Text,
    max_length,
    month_text,
    quoted,
)
from nettonoll.estate.models import DegreeDayImport, DegreeDayMonth, locality_key
from nettonoll.registers.declarations import number_cell

PROBLEMS = register(
    {
        "degree_days_bases_mixed": gettext_noop(
            "bastemperaturen %(value)s °C skiljer sig från %(first)s °C på rad %(line)d: "
            "en fil får bara ha en bastemperatur"
        ),
        "degree_days_base_differs": gettext_noop(
            "bastemperaturen %(value)s °C skiljer sig från %(stored)s °C som redan finns för "
            "%(locality)s: graddagar med olika bastemperatur får inte blandas"
        ),
        "degree_days_base_other": gettext_noop(
            "bastemperaturen %(value)s °C skiljer sig från %(stored)s °C som de andra orternas "
            "graddagar har: graddagar med olika bastemperatur får inte blandas"
        ),
    }
)

DEGREE_DAYS = TableSpec(
    title="Graddagar",
    columns=(
        Text(
            name="locality",
            required=True,
            max_length=max_length(DegreeDayMonth, "locality"),
            example="Karlstad",
        ),
        Month(name="month", required=True, example="2024-01"),
        Decimal(name="degree_days", required=True, unit="", min=D(0), max=D(2000), example="640"),
        Decimal(
            name="normal_degree_days", required=True, unit="", min=D(0), max=D(2000), example="612"
        ),
        Decimal(name="base_c", required=True, unit="°C", min=D(-20), max=D(30), example="17"),
        Text(
            name="source",
            required=True,
            max_length=max_length(DegreeDayMonth, "source"),
            example="SMHI graddagar, Karlstad",
        ),
    ),
    key=("locality", "month"),
)

FIELDS = ("degree_days", "normal_degree_days", "base_c", "source")


def _text(value: D) -> str:
    return format(value.normalize(), "f")


def _base_problems(rows: list[Line]) -> list[Problem]:
    """Bases mixed in the file, or different from those stored (see the module)."""
    problems = []
    first: Line | None = None
    for row in rows:
        if row["base_c"] is None:
            continue
        if first is None:
            first = row
        elif row["base_c"] != first["base_c"]:
            params = {
                "value": _text(row["base_c"]),
                "first": _text(first["base_c"]),
                "line": first.line,
            }
            problems.append(Problem("degree_days_bases_mixed", params, row.line, "base_c"))
    if problems or first is None:
        return problems
    base = first["base_c"]
    stored: dict[str, tuple[str, D]] = {}
    for locality, stored_base in DegreeDayMonth.objects.values_list(
        "locality", "base_c"
    ).distinct():
        stored.setdefault(locality_key(locality), (locality, stored_base))
    in_file = {locality_key(r["locality"]) for r in rows if r["locality"]}
    for row in rows:
        found = stored.get(locality_key(row["locality"] or ""))
        if found is not None and found[1] != base:
            params = {"value": _text(base), "stored": _text(found[1]), "locality": found[0]}
            problems.append(Problem("degree_days_base_differs", params, row.line, "base_c"))
    others = {b for key, (_name, b) in stored.items() if key not in in_file}
    if not problems and others and base not in others:
        params = {"value": _text(base), "stored": ", ".join(_text(b) for b in sorted(others))}
        problems.append(Problem("degree_days_base_other", params, first.line, "base_c"))
    return problems


def degree_days_import(*, data: bytes, filename: str, by: User | None = None) -> ImportResult:
    """Import degree days, all or nothing (`Rejected` with every problem; see the module)."""
    parsed = DEGREE_DAYS.read(data, filename)
    parsed.problems += _base_problems(parsed.rows)
    parsed.reject()
    with transaction.atomic():
        existing = {
            (locality_key(d.locality), d.month): d
            for d in DegreeDayMonth.objects.select_for_update()
        }
        new: list[DegreeDayMonth] = []
        changed: list[DegreeDayMonth] = []
        unchanged = 0
        seen: set[tuple[str, Any]] = set()
        for row in parsed.rows:
            key = (locality_key(row["locality"]), row["month"])
            if key in seen:  # the same locality in another case, twice in the file
                continue
            seen.add(key)
            values = {
                "degree_days": row["degree_days"].quantize(D("0.1")),
                "normal_degree_days": row["normal_degree_days"].quantize(D("0.1")),
                "base_c": row["base_c"].quantize(D("0.1")),
                "source": row["source"],
            }
            stored = existing.get(key)
            if stored is None:
                new.append(DegreeDayMonth(locality=row["locality"], month=row["month"], **values))
            elif all(getattr(stored, f) == v for f, v in values.items()):
                unchanged += 1
            else:
                for name, value in values.items():
                    setattr(stored, name, value)
                changed.append(stored)
        user = {"default_user": by} if by is not None else {}
        if new:
            bulk_create_with_history(new, DegreeDayMonth, batch_size=1000, **user)
        if changed:
            bulk_update_with_history(changed, DegreeDayMonth, list(FIELDS), batch_size=1000, **user)
        result = ImportResult(len(new), len(changed), unchanged)
        DegreeDayImport.objects.create(
            imported_by=by,
            filename=filename[:200],
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        )
    return result


def degree_day_rows() -> list[list[object]]:
    """Every stored degree-day month in the import's columns."""
    return [
        [
            d.locality,
            month_text(d.month),
            number_cell(d.degree_days),
            number_cell(d.normal_degree_days),
            number_cell(d.base_c),
            d.source,
        ]
        for d in DegreeDayMonth.objects.order_by("locality", "month")
    ]


__all__ = ["DEGREE_DAYS", "degree_day_rows", "degree_days_import", "quoted"]
