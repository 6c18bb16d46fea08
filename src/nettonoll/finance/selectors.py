"""Reads of green bonds and holdings for a node's subtree (in practice the organisation's root,
where they belong): the state on a day (31 December for a year's figure)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min

from nettonoll.calc import green_finance
from nettonoll.finance.models import GreenBond, GreenBondProject, Holding
from nettonoll.organisations.models import Node
from nettonoll.organisations.records import in_subtree, valid_on


@dataclass(frozen=True)
class BondState:
    bond: GreenBond
    allocated_sek: Decimal
    impact_t_co2e: Decimal | None  # None: no project reports its impact
    projects: list[GreenBondProject]

    @property
    def allocated_pct(self) -> Decimal | None:
        return green_finance.share_pct(self.allocated_sek, self.bond.amount_sek)


def reported_sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the values reported, or None when none is (no value, not 0)."""
    reported = [v for v in values if v is not None]
    return sum(reported, Decimal(0)) if reported else None


def bonds_outstanding(node: Node, on: datetime.date) -> list[BondState]:
    bonds = list(
        GreenBond.objects.filter(in_subtree(node), valid_on(on)).order_by("valid_from", "isin")
    )
    projects: dict[int, list[GreenBondProject]] = {b.pk: [] for b in bonds}
    for project in GreenBondProject.objects.filter(bond__in=bonds).order_by("project_code"):
        projects[project.bond_id].append(project)
    return [
        BondState(
            bond,
            sum((p.allocated_sek for p in projects[bond.pk]), Decimal(0)),
            reported_sum(p.impact_t_co2e for p in projects[bond.pk]),
            projects[bond.pk],
        )
        for bond in bonds
    ]


def holdings_held(node: Node, on: datetime.date) -> list[Holding]:
    return list(Holding.objects.filter(in_subtree(node), valid_on(on)).order_by("instrument"))


def _years(model: type[GreenBond] | type[Holding], node: Node) -> range:
    first = model.objects.filter(in_subtree(node)).aggregate(first=Min("valid_from"))["first"]
    last = datetime.date.today().year
    return range(first.year, last + 1) if first else range(0)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def allocated_pct_by_year(node: Node) -> dict[int, Decimal]:
    found = {}
    for year in _years(GreenBond, node):
        states = bonds_outstanding(node, year_end(year))
        share = green_finance.allocated_pct(
            green_finance.Bond(s.bond.amount_sek, s.allocated_sek, s.impact_t_co2e or Decimal(0))
            for s in states
        )
        if share is not None:
            found[year] = share
    return found


def impact_by_year(node: Node) -> dict[int, Decimal]:
    found = {}
    for year in _years(GreenBond, node):
        states = bonds_outstanding(node, year_end(year))
        impact = reported_sum(s.impact_t_co2e for s in states)
        if impact is not None:
            found[year] = impact
    return found


def fossil_free_pct_by_year(node: Node) -> dict[int, Decimal]:
    found = {}
    for year in _years(Holding, node):
        share = green_finance.fossil_free_pct(
            green_finance.Holding(h.value_sek, h.fossil_free)
            for h in holdings_held(node, year_end(year))
        )
        if share is not None:
            found[year] = share
    return found


def holdings_totals(holdings: list[Holding]) -> tuple[Decimal, Decimal]:
    """Value of all holdings and of the fossil-free ones."""
    total = sum((h.value_sek for h in holdings), Decimal(0))
    free = sum((h.value_sek for h in holdings if h.fossil_free), Decimal(0))
    return total, free
