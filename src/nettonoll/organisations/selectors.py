"""Reads of the organisation tree, scoped by what the user may see."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet

from nettonoll.accounts.models import User
from nettonoll.organisations.models import (
    Headcount,
    Node,
    NodeMapping,
    Organisation,
    Reorganisation,
    RoleGrant,
)


def active_q(on: datetime.date | None = None) -> Q:
    on = on or datetime.date.today()
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def organisation_root(organisation: Organisation) -> Node | None:
    return Node.objects.get_root_nodes().filter(organisation=organisation).first()


def node_get(organisation_code: str, node_code: str) -> Node | None:
    return (
        Node.objects.select_related("organisation")
        .filter(organisation__code=organisation_code, code=node_code)
        .first()
    )


def node_children(node: Node, *, include_ended: bool = False) -> QuerySet[Node]:
    children = Node.objects.get_children(node)
    return children if include_ended else children.filter(active_q())


def node_subtree(node: Node, *, include_ended: bool = False) -> QuerySet[Node]:
    nodes = Node.objects.get_tree(node)
    return nodes if include_ended else nodes.filter(active_q())


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(nodes__role_grants__user=user).distinct()


def node_breadcrumbs(node: Node) -> list[Node]:
    return [*Node.objects.get_ancestors(node), node]


@dataclass(frozen=True)
class TreeRow:
    node: Node
    depth: int


def tree_rows(root: Node, *, include_ended: bool = False) -> list[TreeRow]:
    return [
        TreeRow(node=n, depth=n.depth - root.depth)
        for n in node_subtree(root, include_ended=include_ended)
    ]


def export_rows(organisation: Organisation) -> Iterable[tuple[str, str, str, str]]:
    """code, name, parent_code, level of every active node, parents before children."""
    root = organisation_root(organisation)
    if root is None:
        return []
    nodes = list(node_subtree(root))
    by_path = {n.path: n for n in nodes}
    rows = []
    for n in nodes:
        parent = by_path.get(n.path[: -Node.steplen]) if n.depth > 1 else None
        rows.append((n.code, n.name, parent.code if parent else "", n.level))
    return rows


def current_successors(node: Node) -> list[Node]:
    """The active nodes that carry an ended node's goals, activities and figures today."""
    if node.is_active:
        return [node]
    found: list[Node] = []
    frontier, seen = [node], {node.pk}
    while frontier:
        current = frontier.pop()
        successors = [m.new_node for m in current.successor_mappings.select_related("new_node")]
        for successor in successors:
            if successor.pk in seen:
                continue
            seen.add(successor.pk)
            if successor.is_active:
                found.append(successor)
            else:
                frontier.append(successor)
    return sorted(found, key=lambda n: n.code)


def node_reorganisations(node: Node) -> QuerySet[Reorganisation]:
    return (
        Reorganisation.objects.filter(
            Q(mappings__old_node=node) | Q(mappings__new_node=node), organisation=node.organisation
        )
        .distinct()
        .prefetch_related("mappings__old_node", "mappings__new_node")
    )


def node_neighbours(node: Node, *, before: bool) -> QuerySet[NodeMapping]:
    """The nodes whose records came to this one (`before`), or went from it: its predecessors
    and successors, one reorganisation away (a rename or move maps a node to itself)."""
    mappings = NodeMapping.objects.filter(**{"new_node" if before else "old_node": node})
    return (
        mappings.exclude(old_node=models.F("new_node"))
        .select_related("old_node", "new_node", "reorganisation")
        .order_by("reorganisation__effective_on", "pk")
    )


def node_mappings(organisation: Organisation) -> QuerySet[NodeMapping]:
    return NodeMapping.objects.filter(reorganisation__organisation=organisation).select_related(
        "old_node", "new_node", "reorganisation"
    )


def node_grants(node: Node) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(node=node)
        .select_related("user")
        .order_by("role", "user__username")
    )


def inherited_grants(node: Node) -> QuerySet[RoleGrant]:
    """Grants on the node's ancestors, which hold here too."""
    return (
        RoleGrant.objects.filter(node__in=Node.objects.get_ancestors(node))
        .select_related("user", "node")
        .order_by("node__depth", "role")
    )


def headcount_by_year(node: Node) -> dict[int, int]:
    """Employees of a node per year: its own figure where given, else the sum of the nearest
    descendants that have one (a department's figure is not added to its units' figures)."""
    rows = (
        Headcount.objects.filter(node__organisation_id=node.organisation_id)
        .filter(node__path__startswith=node.path)
        .values_list("year", "node__path", "employees")
        .order_by("year", "node__path")
    )
    counted: dict[int, list[tuple[str, int]]] = {}
    for year, path, employees in rows:
        kept = counted.setdefault(year, [])
        if not any(path.startswith(parent) for parent, _n in kept):
            kept.append((path, employees))
    return {year: sum(n for _p, n in kept) for year, kept in counted.items()}


def successor_map(organisation: Organisation) -> dict[int, int]:
    """Ended node id → the id of the active node that carries its figures today, following
    NodeMapping chains (an ended node's successor may have ended too). A node split into several
    active successors rolls up into their nearest common active ancestor, which holds them all; an
    ended node without an active successor is left out (its figures stay its own). Readers
    roll up with `successor_map(org).get(node_id, node_id)`."""
    nodes = {n.pk: n for n in Node.objects.filter(organisation=organisation)}
    by_path = {n.path: i for i, n in nodes.items()}
    successors: dict[int, list[int]] = {}
    for old_id, new_id in NodeMapping.objects.filter(
        reorganisation__organisation=organisation
    ).values_list("old_node_id", "new_node_id"):
        if old_id != new_id:
            successors.setdefault(old_id, []).append(new_id)
    mapped: dict[int, int] = {}
    for node_id, node in nodes.items():
        if node.is_active or node_id not in successors:
            continue
        found: set[int] = set()
        frontier, seen = [node_id], {node_id}
        while frontier:
            for successor in successors.get(frontier.pop(), []):
                if successor in seen or successor not in nodes:
                    continue
                seen.add(successor)
                if nodes[successor].is_active:
                    found.add(successor)
                else:
                    frontier.append(successor)
        if not found:
            continue
        paths = [nodes[i].path for i in found]
        common = paths[0]
        for path in paths[1:]:
            while not path.startswith(common):
                common = common[: -Node.steplen]
        while common and (common not in by_path or not nodes[by_path[common]].is_active):
            common = common[: -Node.steplen]  # up to the nearest active ancestor
        if common:
            mapped[node_id] = by_path[common]
    return mapped
