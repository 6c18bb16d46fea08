"""Reads of climate adaptation and new builds for a node: the buildings counted for its subtree
(as the energy figures: `estate.energy.building_weights`), their climate risks and which are high
under the product's rule (`calc.adaptation`), the activities that can be a building's measures,
and the subtree's new-build projects with requirement against outcome."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from nettonoll.adaptation.models import ClimateRisk, Hazard, NewBuildProject
from nettonoll.calc import adaptation
from nettonoll.estate.energy import building_weights
from nettonoll.estate.models import Building
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.records import in_subtree
from nettonoll.plans.models import Activity


def node_buildings(node: Node) -> list[Building]:
    """The buildings counted for the node's subtree (their own node in it, or a unit's share)."""
    return list(
        Building.objects.filter(pk__in=list(building_weights(node)))
        .select_related("node")
        .order_by("building_code")
    )


def building_get(organisation: Organisation, pk: int) -> Building | None:
    return Building.objects.select_related("node").filter(organisation=organisation, pk=pk).first()


def building_risks(building: Building) -> dict[str, ClimateRisk]:
    """Hazard → the building's assessed risk (hazards not assessed are absent)."""
    risks = ClimateRisk.objects.filter(building=building).prefetch_related("measures")
    return {r.hazard: r for r in risks}


@dataclass(frozen=True)
class HighRiskRow:
    building: Building
    found: adaptation.HighRiskBuilding
    vulnerable: bool


def high_risks(buildings: list[Building]) -> list[HighRiskRow]:
    """The buildings with a high risk under the rule, highest first (see `calc.adaptation`)."""
    by_id = {b.pk: b for b in buildings}
    rows = (
        ClimateRisk.objects.filter(building_id__in=list(by_id))
        .annotate(n=Count("measures"))
        .values_list("building_id", "hazard", "likelihood", "consequence", "vulnerable_use", "n")
    )
    risks = [adaptation.HazardRisk(*row) for row in rows]
    vulnerable = {r.building_id for r in risks if r.vulnerable}
    return [
        HighRiskRow(by_id[found.building_id], found, found.building_id in vulnerable)
        for found in adaptation.high_risk_buildings(risks)
    ]


def assessed_counts(buildings: list[Building]) -> dict[int, int]:
    """Building id → how many of the hazards are assessed."""
    rows = (
        ClimateRisk.objects.filter(building_id__in=[b.pk for b in buildings])
        .values("building_id")
        .annotate(n=Count("pk"))
    )
    return {r["building_id"]: r["n"] for r in rows}


def measure_choices(building: Building) -> Any:
    """Activities that can be a building's measures: those of its node, the nodes above it and
    the units below it."""
    node = building.node
    above = [n.pk for n in Node.objects.get_ancestors(node)] if node.depth > 1 else []
    return (
        Activity.objects.filter(node__organisation_id=node.organisation_id)
        .filter(Q(node__path__startswith=node.path) | Q(node_id__in=above))
        .select_related("node")
        .order_by("title")
    )


HAZARDS = [Hazard(h) for h in Hazard.values]


@dataclass(frozen=True)
class ProjectRow:
    project: NewBuildProject
    met: bool | None  # the Miljöbyggnad level achieved meets the required (None: not comparable)
    overdue: bool


def new_builds(node: Node, today: datetime.date | None = None) -> list[ProjectRow]:
    today = today or datetime.date.today()
    projects = (
        NewBuildProject.objects.filter(in_subtree(node))
        .select_related("node", "building")
        .order_by("planned_completion", "project_code")
    )
    return [
        ProjectRow(
            p,
            adaptation.level_met(p.requirement, p.achieved_level) if p.achieved_level else None,
            adaptation.follow_up_overdue(p.planned_completion, p.completed_on, p.result, today),
        )
        for p in projects
    ]
