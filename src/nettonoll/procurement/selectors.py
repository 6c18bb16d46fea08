"""Reads of procurements: a node's subtree's procurements with their requirements, as the
calculation (`calc.procurement`) takes them."""

from collections import defaultdict
from typing import Any

from nettonoll.calc.procurement import ProcurementFacts, RequirementFacts
from nettonoll.organisations.models import Node
from nettonoll.organisations.records import in_subtree
from nettonoll.procurement.models import Procurement, Requirement


def procurement_facts(node: Node) -> list[ProcurementFacts]:
    """Every procurement of the node's subtree (any decision year) with its requirements;
    `key` is the procurement's (and the requirement's) primary key."""
    procurements = list(
        Procurement.objects.filter(in_subtree(node)).values_list("pk", "decided_on", "value_sek")
    )
    requirements: dict[int, list[RequirementFacts]] = defaultdict(list)
    rows = Requirement.objects.filter(procurement_id__in=[p[0] for p in procurements])
    for pk, procurement_id, area, level, planned, done, result in rows.values_list(
        "pk", "procurement_id", "area", "level", "follow_up_planned_on", "followed_up_on", "result"
    ).iterator(chunk_size=5000):
        requirements[procurement_id].append(
            RequirementFacts(area, level, planned, done, result, key=pk)
        )
    return [
        ProcurementFacts(decided_on, value, tuple(requirements[pk]), key=pk)
        for pk, decided_on, value in procurements
    ]


def procurements_decided(node: Node, year: int) -> list[Procurement]:
    """The subtree's procurements decided in the year, with their nodes and requirements."""
    return list(
        Procurement.objects.filter(in_subtree(node), decided_on__year=year)
        .select_related("node")
        .prefetch_related("requirements")
        .order_by("decided_on", "procurement_code")
    )


def requirements_by_pk(pks: list[Any]) -> dict[int, Requirement]:
    found = Requirement.objects.filter(pk__in=pks).select_related(
        "procurement", "procurement__node"
    )
    return {r.pk: r for r in found}


def decision_years(node: Node) -> list[int]:
    """The years the subtree has procurements decided in, newest first."""
    dates = Procurement.objects.filter(in_subtree(node)).dates("decided_on", "year", order="DESC")
    return [d.year for d in dates]
