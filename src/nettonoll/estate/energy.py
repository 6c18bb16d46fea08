"""Reads of buildings' energy for a node: which part of each building counts for a node's
subtree (its units' area shares), and the subtree's energy month by month and carrier, measured
and degree-day normalised (`calc.degree_days`).

A building counts for a subtree with the shares of the subtree's units, plus the unshared rest
(100 % minus every unit's share) when the building's own node is in the subtree: a building
without shares belongs wholly to its node."""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from nettonoll.calc import degree_days
from nettonoll.calc.energy_years import MonthFigure, YearEnergy, years_of
from nettonoll.estate.models import (
    Building,
    BuildingShare,
    DegreeDayMonth,
    EnergyReading,
    locality_key,
)
from nettonoll.organisations.models import Node
from nettonoll.organisations.records import valid_on

# a subtree's use of a carrier in a month (kWh, its buildings' shares applied); `normalised_kwh`
# is None when a building's locality has no degree days for the month
MonthEnergy = MonthFigure


def building_weights(node: Node) -> dict[int, float]:
    """Building id → the fraction of the building that counts for the node's subtree (0 < w ≤ 1)."""
    buildings = Building.objects.filter(organisation_id=node.organisation_id)
    paths = dict(buildings.values_list("pk", "node__path"))
    shared: dict[int, Decimal] = defaultdict(Decimal)
    inside: dict[int, Decimal] = defaultdict(Decimal)
    for building_id, path, share in BuildingShare.objects.filter(
        building__organisation_id=node.organisation_id
    ).values_list("building_id", "node__path", "share_pct"):
        shared[building_id] += share
        if path.startswith(node.path):
            inside[building_id] += share
    weights: dict[int, float] = {}
    for building_id, path in paths.items():
        weight = inside[building_id]
        if path.startswith(node.path):
            weight += max(Decimal(100) - shared[building_id], Decimal(0))
        if weight > 0:
            weights[building_id] = float(min(weight, Decimal(100))) / 100
    return weights


def node_atemp_m2(node: Node, on: datetime.date) -> float:
    """The subtree's heated area (Atemp, m²) of the buildings in its care on the day."""
    weights = building_weights(node)
    areas = Building.objects.filter(pk__in=list(weights)).filter(valid_on(on))
    return sum(float(a) * weights[pk] for pk, a in areas.values_list("pk", "atemp_m2"))


def degree_days_for(
    localities: set[str], first: datetime.date, last: datetime.date
) -> dict[tuple[str, datetime.date], tuple[float, float]]:
    """(locality key, month) → (degree days, normal degree days); `MixedBases` when the series
    used have different base temperatures."""
    rows = DegreeDayMonth.objects.filter(month__gte=first, month__lte=last).values_list(
        "locality", "month", "degree_days", "normal_degree_days", "base_c"
    )
    found: dict[tuple[str, datetime.date], tuple[float, float]] = {}
    bases: list[Decimal] = []
    for locality, month, actual, normal, base in rows:
        key = locality_key(locality)
        if key in localities:
            found[(key, month)] = (float(actual), float(normal))
            bases.append(base)
    degree_days.single_base(bases)
    return found


def building_month_rows(
    weights: dict[int, float], first: datetime.date, last: datetime.date
) -> list[tuple[int, datetime.date, str, float, float | None]]:
    """(building id, month, carrier, kWh, normalised kWh or None) of the buildings' readings
    from `first` to `last` (months), unweighted."""
    return building_month_detail(weights, first, last)[0]


def building_month_detail(
    weights: dict[int, float], first: datetime.date, last: datetime.date
) -> tuple[list[tuple[int, datetime.date, str, float, float | None]], dict[int, set[str]]]:
    """`building_month_rows` and, per year, the localities lacking degree days for a month with
    readings (as the buildings name them; "" for a building without a locality)."""
    named = dict(Building.objects.filter(pk__in=list(weights)).values_list("pk", "locality"))
    localities = {pk: locality_key(name) for pk, name in named.items()}
    table = degree_days_for(set(localities.values()) - {""}, first, last)
    rows: list[tuple[int, datetime.date, str, float, float | None]] = []
    missing: dict[int, set[str]] = defaultdict(set)
    defaults = {c: degree_days.default_dependent_share(c) for c in degree_days.carrier_defaults()}
    normalise = degree_days.normalised_kwh
    readings = EnergyReading.objects.filter(
        building_id__in=list(weights), month__gte=first, month__lte=last
    ).values_list("building_id", "month", "carrier", "kwh", "temperature_dependent_share")
    for building_id, month, carrier, kwh, share in readings.iterator(chunk_size=5000):
        dependent = float(share) if share is not None else defaults.get(carrier, 0.0)
        found = table.get((localities[building_id], month))
        used = float(kwh)
        if found is None:
            missing[month.year].add(" ".join(named[building_id].split()))
            rows.append((building_id, month, carrier, used, None))
        else:
            rows.append((building_id, month, carrier, used, normalise(used, dependent, *found)))
    return rows, missing


def node_months(node: Node, first: datetime.date, last: datetime.date) -> list[MonthEnergy]:
    """The subtree's energy per month and carrier from `first` to `last`, by month and carrier."""
    weights = building_weights(node)
    kwh: dict[tuple[datetime.date, str], float] = defaultdict(float)
    normalised: dict[tuple[datetime.date, str], float | None] = defaultdict(float)
    for building_id, month, carrier, used, norm in building_month_rows(weights, first, last):
        key = (month, carrier)
        weight = weights[building_id]
        kwh[key] += used * weight
        before = normalised[key]
        normalised[key] = None if before is None or norm is None else before + norm * weight
    return [MonthEnergy(m, c, kwh[(m, c)], normalised[(m, c)]) for m, c in sorted(kwh)]


def _weighted_months(
    weights: dict[int, float], first: datetime.date, last: datetime.date
) -> tuple[list[MonthFigure], dict[int, set[str]]]:
    rows, missing = building_month_detail(weights, first, last)
    kwh: dict[tuple[datetime.date, str], float] = defaultdict(float)
    normalised: dict[tuple[datetime.date, str], float | None] = defaultdict(float)
    for building_id, month, carrier, used, norm in rows:
        key = (month, carrier)
        weight = weights[building_id]
        kwh[key] += used * weight
        before = normalised[key]
        normalised[key] = None if before is None or norm is None else before + norm * weight
    months = [MonthFigure(m, c, kwh[(m, c)], normalised[(m, c)]) for m, c in sorted(kwh)]
    return months, missing


def atemp_by_year(
    weights: dict[int, float],
    years: range,
    today: datetime.date,
    read: set[tuple[int, int]] | None = None,
) -> dict[int, float]:
    """Year → the weighted Atemp (m²) of the buildings in care on 31 December (today for the
    year in progress); with `read` ((building id, year) with readings) only of the buildings
    read that year: a building without a single reading in a year would add its area and no
    energy, and lower the year's kWh/m² (docs/methods/energy.md)."""
    areas = list(
        Building.objects.filter(pk__in=list(weights)).values_list(
            "pk", "atemp_m2", "valid_from", "valid_to"
        )
    )
    found = {}
    for year in years:
        day = min(datetime.date(year, 12, 31), today)
        found[year] = sum(
            float(area) * weights[pk]
            for pk, area, start, end in areas
            if start <= day and (end is None or end > day) and (read is None or (pk, year) in read)
        )
    return found


def weighted_years(
    weights: dict[int, float], today: datetime.date | None = None
) -> list[YearEnergy]:
    """The years with readings of the weighted buildings (see `node_years`)."""
    on = today or datetime.date.today()
    if not weights:
        return []
    span = EnergyReading.objects.filter(building_id__in=list(weights), month__lte=on)
    first = span.order_by("month").values_list("month", flat=True).first()
    if first is None:
        return []
    months, missing = _weighted_months(weights, first, on)
    read = set(
        EnergyReading.objects.filter(building_id__in=list(weights), month__lte=on)
        .values_list("building_id", "month__year")
        .distinct()
    )
    years = range(first.year, on.year + 1)
    return years_of(months, atemp_by_year(weights, years, on, read), missing, on)


def node_years(node: Node, today: datetime.date | None = None) -> list[YearEnergy]:
    """The subtree's energy year by year (`calc.energy_years.YearEnergy`): measured and
    normalised kWh per carrier, Atemp on 31 December, the localities lacking degree days; the
    year in progress is preliminary."""
    return weighted_years(building_weights(node), today)


def building_years(building: Building, today: datetime.date | None = None) -> list[YearEnergy]:
    return weighted_years({building.pk: 1.0}, today)


def building_months(
    building: Building, first: datetime.date, last: datetime.date
) -> tuple[list[MonthFigure], dict[int, set[str]]]:
    """A building's months and carriers (whole building) with the years lacking degree days."""
    return _weighted_months({building.pk: 1.0}, first, last)


__all__: list[Any] = [
    "MonthEnergy",
    "building_months",
    "building_weights",
    "building_years",
    "node_atemp_m2",
    "node_months",
    "node_years",
]
