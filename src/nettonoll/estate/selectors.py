"""Reads for the energy pages: the buildings of a node's subtree with their year's energy, a
building's months with their degree days, and the shared degree-day series."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min

from nettonoll.estate.energy import building_month_detail, building_months, building_weights
from nettonoll.estate.models import (
    Building,
    Carrier,
    DegreeDayImport,
    DegreeDayMonth,
    locality_key,
)
from nettonoll.organisations.models import Node


@dataclass(frozen=True)
class BuildingYear:
    building: Building
    weight_pct: float
    kwh: float | None  # the whole building's
    counted_kwh: float | None  # the part that counts for the node (kWh × weight)
    normalised_kwh: float | None
    kwh_per_m2: float | None
    normalised_kwh_per_m2: float | None


def building_table(node: Node, year: int) -> list[BuildingYear]:
    """The buildings counting for the node's subtree (with the share that counts) and their
    whole year's energy: kWh and normalised kWh (None when a month lacks degree days), per m²."""
    weights = building_weights(node)
    rows, _missing = building_month_detail(
        weights, datetime.date(year, 1, 1), datetime.date(year, 12, 1)
    )
    kwh: dict[int, float] = defaultdict(float)
    normalised: dict[int, float | None] = defaultdict(float)
    for building_id, _month, _carrier, reading_kwh, norm in rows:
        used = reading_kwh
        kwh[building_id] += used
        before = normalised[building_id]
        normalised[building_id] = None if before is None or norm is None else before + norm
    found = []
    for b in Building.objects.filter(pk__in=list(weights)).order_by("building_code"):
        area = float(b.atemp_m2)
        year_kwh = kwh.get(b.pk)
        norm = normalised.get(b.pk) if year_kwh is not None else None
        found.append(
            BuildingYear(
                b,
                weights[b.pk] * 100,
                year_kwh,
                year_kwh * weights[b.pk] if year_kwh is not None else None,
                norm,
                year_kwh / area if year_kwh is not None and area > 0 else None,
                norm / area if norm is not None and area > 0 else None,
            )
        )
    return found


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    cells: list[tuple[float | None, float | None]]  # per carrier: kWh, normalised
    degree_days: float | None
    normal_degree_days: float | None


def building_month_table(building: Building, year: int) -> dict[str, Any]:
    """A building's year month by month: per carrier kWh and normalised kWh, and the locality's
    degree days (None where missing)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 1)
    months, missing = building_months(building, first, last)
    carriers = [c for c, _label in Carrier.choices if any(m.carrier == c for m in months)]
    by_key = {(m.month, m.carrier): m for m in months}
    key = locality_key(building.locality)
    degree = {
        d.month: d
        for d in DegreeDayMonth.objects.filter(month__gte=first, month__lte=last)
        if locality_key(d.locality) == key
    }
    rows = []
    for number in range(1, 13):
        month = datetime.date(year, number, 1)
        if not any((month, c) in by_key for c in carriers):
            continue
        cells: list[tuple[float | None, float | None]] = []
        for c in carriers:
            m = by_key.get((month, c))
            cells.append((m.kwh, m.normalised_kwh) if m else (None, None))
        d = degree.get(month)
        rows.append(
            MonthRow(
                month,
                cells,
                float(d.degree_days) if d else None,
                float(d.normal_degree_days) if d else None,
            )
        )
    labels = dict(Carrier.choices)
    return {
        "carriers": [labels[c] for c in carriers],
        "rows": rows,
        "missing": sorted(missing.get(year, set())),
    }


def degree_day_series() -> list[dict[str, Any]]:
    """Every locality's series: first and last month, months, base temperature and source."""
    rows = (
        DegreeDayMonth.objects.values("locality", "base_c")
        .annotate(first=Min("month"), last=Max("month"), months=Count("pk"), source=Max("source"))
        .order_by("locality")
    )
    return [dict(row) for row in rows]


def degree_day_imports(limit: int = 20) -> list[DegreeDayImport]:
    return list(DegreeDayImport.objects.select_related("imported_by")[:limit])
