"""Reads of solar power for a node: its installations and their production, the electricity its
buildings bought, year by year, and the organisation's path to its target kWp.

An installation counts for a node through its *building*: with the share of the building that
counts for the node's subtree (`estate.energy.building_weights`, the units' area shares, as the
energy figures), never through the installation's own stored node. The self-sufficiency's
electricity bought is over every building counted for the node, with or without panels."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Min

from nettonoll.calc import solar
from nettonoll.estate.energy import building_weights
from nettonoll.estate.models import Carrier, EnergyReading
from nettonoll.organisations.models import Node, Organisation
from nettonoll.solar.models import SolarInstallation, SolarProduction, SolarTarget


@dataclass(frozen=True)
class NodeSolar:
    """A node's installations (with the share of each that counts for it) and its figures per
    year, from the first installation's or production's year to this year."""

    weights: dict[int, float]
    installations: list[tuple[SolarInstallation, float]]
    years: list[solar.YearSolar]


def _facts(weights: dict[int, float]) -> list[SolarInstallation]:
    return list(
        SolarInstallation.objects.filter(building_id__in=list(weights))
        .select_related("building", "node")
        .order_by("installation_code")
    )


def _first_year(organisation_id: int) -> int | None:
    """The organisation's first year with an installation or production: a node's years start
    there (a unit without panels has 0 kWp from then on, not nothing)."""
    found = SolarInstallation.objects.filter(organisation_id=organisation_id).aggregate(
        first=Min("valid_from")
    )["first"]
    made = SolarProduction.objects.filter(installation__organisation_id=organisation_id).aggregate(
        first=Min("month")
    )["first"]
    years = [d.year for d in (found, made) if d is not None]
    return min(years) if years else None


def node_solar(node: Node, today: datetime.date | None = None) -> NodeSolar:
    today = today or datetime.date.today()
    weights = building_weights(node)
    records = _facts(weights)
    facts = [
        solar.Installation(i.building_id, float(i.kwp), i.valid_from, i.valid_to) for i in records
    ]
    produced: dict[int, float] = defaultdict(float)
    exported: dict[int, float] = defaultdict(float)
    for building_id, month, made, sold in SolarProduction.objects.filter(
        installation__building_id__in=list(weights)
    ).values_list("installation__building_id", "month", "produced_kwh", "exported_kwh"):
        produced[month.year] += float(made) * weights[building_id]
        exported[month.year] += float(sold) * weights[building_id]
    first = _first_year(node.organisation_id)
    if first is None:
        return NodeSolar(weights, [], [])
    bought: dict[int, float] = defaultdict(float)
    readings = EnergyReading.objects.filter(
        building_id__in=list(weights),
        carrier=Carrier.ELECTRICITY,
        month__gte=datetime.date(first, 1, 1),
    ).values_list("building_id", "month", "kwh")
    for building_id, month, kwh in readings.iterator(chunk_size=5000):
        bought[month.year] += float(kwh) * weights[building_id]
    # a year without any reading has no electricity bought *known*: no self-sufficiency (the
    # year's key is absent from `bought`; a reading of 0 kWh keeps it, as 0)
    last = max(today.year, *produced) if produced else today.year
    years = [
        solar.year_figures(
            year,
            facts,
            weights,
            produced[year],
            exported[year],
            bought.get(year),
            # this year's 31 December is ahead: what the register says today (preliminary)
            on=today if year == today.year else None,
        )
        for year in range(first, last + 1)
    ]
    return NodeSolar(weights, [(i, weights[i.building_id]) for i in records], years)


def last_months(installations: list[SolarInstallation]) -> dict[int, datetime.date]:
    """Installation id → its last month with production reported (absent: none yet)."""
    rows = (
        SolarProduction.objects.filter(installation__in=installations)
        .values("installation_id")
        .annotate(last=Max("month"))
    )
    return {r["installation_id"]: r["last"] for r in rows}


def kwp_today(node: Node, today: datetime.date | None = None) -> float:
    weights = building_weights(node)
    facts = [
        solar.Installation(i.building_id, float(i.kwp), i.valid_from, i.valid_to)
        for i in _facts(weights)
    ]
    return solar.kwp_on(facts, weights, today or datetime.date.today())


def target_get(organisation: Organisation) -> SolarTarget | None:
    return SolarTarget.objects.filter(organisation=organisation).first()


def root_of(organisation: Organisation) -> Node | None:
    return Node.objects.get_root_nodes().filter(organisation=organisation).first()


def target_path(
    organisation: Organisation, today: datetime.date | None = None
) -> tuple[SolarTarget, solar.TargetPath] | None:
    """The organisation's target and the whole organisation's path to it (None: no target)."""
    target = target_get(organisation)
    root = root_of(organisation)
    if target is None or root is None:
        return None
    today = today or datetime.date.today()
    weights = building_weights(root)
    facts = [
        solar.Installation(i.building_id, float(i.kwp), i.valid_from, i.valid_to)
        for i in _facts(weights)
    ]
    base_kwp = solar.kwp_on(facts, weights, datetime.date(target.base_year, 12, 31))
    path = solar.target_path(
        target.base_year,
        base_kwp,
        target.target_year,
        float(target.target_kwp),
        today.year,
        solar.kwp_on(facts, weights, today),
    )
    return target, path


__all__: list[Any] = [
    "NodeSolar",
    "kwp_today",
    "last_months",
    "node_solar",
    "target_get",
    "target_path",
]
