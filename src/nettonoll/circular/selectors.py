"""Reads of reuse and co-loading for a node's subtree: per year, per unit, per item type, per
site and month (docs/methods/circular.md). Avoided emissions are computed with the factor
table's current version, which every result names."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear

from nettonoll.calc import green_finance, reuse
from nettonoll.circular.models import CircularSystem, DeliveryMonth, ReuseTransfer
from nettonoll.organisations.models import Node
from nettonoll.organisations.records import in_subtree, valid_on


def reuse_by_year(node: Node) -> dict[int, reuse.Avoided]:
    """Each year with transfers from the node's subtree: what they avoided."""
    rows = (
        ReuseTransfer.objects.filter(in_subtree(node))
        .annotate(year=ExtractYear("valid_from"))
        .values("year", "item_type")
        .annotate(items=Sum("count"))
    )
    by_year: dict[int, list[reuse.Transfer]] = defaultdict(list)
    for row in rows:
        by_year[row["year"]].append(reuse.Transfer(row["item_type"], row["items"]))
    table = reuse.factor_table()
    return {year: reuse.avoided(found, table) for year, found in sorted(by_year.items())}


def reuse_years(node: Node) -> list[int]:
    return sorted(reuse_by_year(node), reverse=True)


@dataclass(frozen=True)
class UnitReuse:
    node: Node
    avoided: reuse.Avoided


def reuse_by_unit(node: Node, year: int) -> list[UnitReuse]:
    """The giving units of the subtree with transfers in the year, by name."""
    rows = (
        ReuseTransfer.objects.filter(in_subtree(node), valid_from__year=year)
        .values("node_id", "item_type")
        .annotate(items=Sum("count"))
    )
    by_node: dict[int, list[reuse.Transfer]] = defaultdict(list)
    for row in rows:
        by_node[row["node_id"]].append(reuse.Transfer(row["item_type"], row["items"]))
    table = reuse.factor_table()
    nodes = Node.objects.in_bulk(list(by_node))
    found = [UnitReuse(nodes[pk], reuse.avoided(t, table)) for pk, t in by_node.items()]
    return sorted(found, key=lambda u: u.node.path)


def circular_systems(node: Node, on: datetime.date) -> list[CircularSystem]:
    return list(
        CircularSystem.objects.filter(in_subtree(node), valid_on(on))
        .select_related("node")
        .order_by("name")
    )


@dataclass(frozen=True)
class SiteMonth:
    site_code: str
    site_name: str
    node_name: str
    month: datetime.date
    deliveries: int
    coloaded: int
    vehicle_km: Decimal | None

    @property
    def share_pct(self) -> Decimal | None:
        return green_finance.share_pct(Decimal(self.coloaded), Decimal(self.deliveries))


def _months(node: Node) -> Q:
    return Q(
        site__node__organisation_id=node.organisation_id, site__node__path__startswith=node.path
    )


def delivery_months(node: Node, year: int) -> list[SiteMonth]:
    rows = (
        DeliveryMonth.objects.filter(_months(node), month__year=year)
        .select_related("site", "site__node")
        .order_by("month", "site__site_code")
    )
    return [
        SiteMonth(
            m.site.site_code,
            m.site.name,
            m.site.node.name,
            m.month,
            m.deliveries,
            m.coloaded_deliveries,
            m.vehicle_km,
        )
        for m in rows
    ]


@dataclass(frozen=True)
class YearDeliveries:
    deliveries: int
    coloaded: int
    vehicle_km: Decimal

    @property
    def share_pct(self) -> Decimal | None:
        return green_finance.share_pct(Decimal(self.coloaded), Decimal(self.deliveries))


def deliveries_by_year(node: Node) -> dict[int, YearDeliveries]:
    rows = (
        DeliveryMonth.objects.filter(_months(node))
        .annotate(year=ExtractYear("month"))
        .values("year")
        .annotate(
            deliveries=Sum("deliveries"),
            coloaded=Sum("coloaded_deliveries"),
            km=Sum("vehicle_km"),
        )
    )
    return {
        r["year"]: YearDeliveries(r["deliveries"] or 0, r["coloaded"] or 0, r["km"] or Decimal(0))
        for r in sorted(rows, key=lambda r: r["year"])
    }
