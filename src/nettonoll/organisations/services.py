"""Writes to the organisation tree: import, reorganisations (create, rename, move, merge, split,
end) and role grants. Every write is atomic and keeps history; reorganisations record an
old → new mapping, and every carrier registered in `organisations.reorganise` (goals, activities,
open-round entries, indicator values, headcounts, grants, klimatbokslut) moves the old node's
records along it in the same transaction."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.common.records import require_version, save_versioned
from nettonoll.organisations.imports import TREE_COLUMNS as TREE_COLUMNS  # the old home
from nettonoll.organisations.imports import TreeImportResult as TreeImportResult
from nettonoll.organisations.imports import tree_import as tree_import
from nettonoll.organisations.models import (
    LEVEL_RANK,
    Headcount,
    Level,
    Node,
    NodeMapping,
    Organisation,
    Reorganisation,
    ReorganisationKind,
    Role,
    RoleGrant,
)
from nettonoll.organisations.reorganise import Move, carriers, remaining
from nettonoll.organisations.selectors import active_q


class ReorganisationError(ValueError):
    """A reorganisation that would break the tree; the message is for the user."""


def _check_level(parent: Node | None, level: str) -> None:
    if parent is None:
        if level != Level.REGION:
            raise ReorganisationError(_("Bara en region kan ligga överst i trädet."))
        return
    if LEVEL_RANK[Level(level)] <= parent.level_rank:
        raise ReorganisationError(
            _("En %(child)s kan inte ligga under en %(parent)s.")
            % {"child": Level(level).label.lower(), "parent": Level(parent.level).label.lower()}
        )


def _carry(moves: Sequence[Move]) -> dict[str, object]:
    """Every registered carrier moves each old node's records; what moved, per new node."""
    moved: dict[str, dict[str, int]] = {}
    kept: list[str] = []
    codes: dict[int, str] = {}
    for move in moves:
        for node in [move.default, *move.parts.values()]:
            codes[node.pk] = node.code
            moved.setdefault(node.code, {})
        for carrier in carriers():
            for pk, n in carrier.carry(move.for_carrier(carrier.key)).items():
                counts = moved.setdefault(codes[pk], {})
                counts[carrier.key] = counts.get(carrier.key, 0) + n
        kept += move.kept
    return {"moved": {code: counts for code, counts in moved.items()}, "kept": kept}


def _record(
    organisation: Organisation,
    kind: ReorganisationKind,
    effective_on: datetime.date,
    description: str,
    by: User | None,
    mappings: Sequence[tuple[Node, Node]] = (),
    moves: Sequence[Move] = (),
) -> Reorganisation:
    reorganisation = Reorganisation(
        organisation=organisation,
        kind=kind,
        effective_on=effective_on,
        description=description,
        created_by=by,
        carried=_carry(moves) if moves else {},
    )
    changed_by(reorganisation, by)
    reorganisation.save()
    NodeMapping.objects.bulk_create(
        NodeMapping(reorganisation=reorganisation, old_node=old, new_node=new)
        for old, new in mappings
    )
    return reorganisation


def _refresh(node: Node) -> Node:
    return Node.objects.get(pk=node.pk)


# --- Single changes -------------------------------------------------------------------------


@transaction.atomic
def node_create(
    *,
    parent: Node,
    code: str,
    name: str,
    level: str,
    effective_on: datetime.date | None = None,
    by: User | None = None,
) -> Node:
    effective_on = effective_on or datetime.date.today()
    parent = _refresh(parent)
    _check_level(parent, level)
    if Node.objects.filter(organisation=parent.organisation, code=code).exists():
        raise ReorganisationError(_("Koden %(code)s används redan.") % {"code": code})
    node = Node(
        organisation=parent.organisation, code=code, name=name, level=level, valid_from=effective_on
    )
    changed_by(node, by)
    node = Node.objects.add_child(parent, instance=node)
    _record(
        parent.organisation,
        ReorganisationKind.CREATE,
        effective_on,
        _("%(name)s inrättas under %(parent)s.") % {"name": name, "parent": parent.name},
        by,
        [(node, node)],
    )
    return node


@transaction.atomic
def node_rename(
    *, node: Node, name: str, effective_on: datetime.date | None = None, by: User | None = None
) -> Node:
    node = _refresh(node)
    old_name = node.name
    if not name.strip() or name == old_name:
        raise ReorganisationError(_("Ange ett nytt namn."))
    node.name = name.strip()
    changed_by(node, by)
    node.save()
    _record(
        node.organisation,
        ReorganisationKind.RENAME,
        effective_on or datetime.date.today(),
        _("%(old)s byter namn till %(new)s.") % {"old": old_name, "new": node.name},
        by,
        [(node, node)],
    )
    return node


def _move(node: Node, new_parent: Node, by: User | None) -> Node:
    node, new_parent = _refresh(node), _refresh(new_parent)
    if new_parent.path.startswith(node.path):
        raise ReorganisationError(
            _("%(node)s kan inte flyttas under sig själv eller en av sina underenheter.")
            % {"node": node.name}
        )
    _check_level(new_parent, node.level)
    Node.objects.move(node, new_parent, pos="sorted-child")
    node = _refresh(node)
    changed_by(node, by)
    node.save()  # a history row for the new place in the tree
    return node


@transaction.atomic
def node_move(
    *,
    node: Node,
    new_parent: Node,
    effective_on: datetime.date | None = None,
    by: User | None = None,
) -> Node:
    if node.organisation_id != new_parent.organisation_id:
        raise ReorganisationError(_("En enhet kan bara flyttas inom sin egen organisation."))
    old_parent = Node.objects.get_parent(node)
    node = _move(node, new_parent, by)
    _record(
        node.organisation,
        ReorganisationKind.MOVE,
        effective_on or datetime.date.today(),
        _("%(node)s flyttas från %(old)s till %(new)s.")
        % {
            "node": node.name,
            "old": old_parent.name if old_parent else "–",
            "new": new_parent.name,
        },
        by,
        [(node, node)],
    )
    return node


def _end(node: Node, effective_on: datetime.date, by: User | None) -> None:
    node = _refresh(node)
    node.valid_to = max(effective_on, node.valid_from)
    changed_by(node, by)
    node.save()


@transaction.atomic
def node_end(
    *,
    node: Node,
    successor: Node | None = None,
    effective_on: datetime.date | None = None,
    by: User | None = None,
) -> None:
    """End a node. Its goals, activities, figures and grants go to `successor`; without one, a
    node that still holds any is refused with a list of what remains (nothing is orphaned)."""
    effective_on = effective_on or datetime.date.today()
    node = _refresh(node)
    if node.is_root():
        raise ReorganisationError(_("Regionen själv kan inte avvecklas."))
    if node_has_active_children(node):
        raise ReorganisationError(
            _("%(node)s har aktiva underenheter: flytta eller avveckla dem först.")
            % {"node": node.name}
        )
    if successor is None:
        left = remaining(node)
        if left:
            raise ReorganisationError(
                _(
                    "%(node)s har kvar %(what)s. Välj en enhet som tar över dem, eller flytta "
                    "dem först."
                )
                % {"node": node.name, "what": ", ".join(left)}
            )
    else:
        successor = _refresh(successor)
        if successor.organisation_id != node.organisation_id:
            raise ReorganisationError(_("Efterträdaren måste höra till samma organisation."))
        if successor.path.startswith(node.path) or not successor.is_active:
            raise ReorganisationError(
                _("%(node)s kan inte ta över: välj en aktiv enhet utanför den som avvecklas.")
                % {"node": successor.name}
            )
    _end(node, effective_on, by)
    if successor is None:
        description = _("%(node)s avvecklas.") % {"node": node.name}
    else:
        description = _("%(node)s avvecklas; %(successor)s tar över.") % {
            "node": node.name,
            "successor": successor.name,
        }
    _record(
        node.organisation,
        ReorganisationKind.END,
        effective_on,
        description,
        by,
        [(node, successor)] if successor else [],
        [Move(old=node, default=successor, by=by)] if successor else [],
    )


def node_has_active_children(node: Node) -> bool:
    return Node.objects.get_children(_refresh(node)).filter(active_q()).exists()


@transaction.atomic
def nodes_merge(
    *,
    nodes: Sequence[Node],
    code: str,
    name: str,
    parent: Node | None = None,
    effective_on: datetime.date | None = None,
    by: User | None = None,
) -> Node:
    """Merge nodes into one: an existing node among them (same code) or a new node under
    `parent` (default: the first node's parent). The others end; their active children, goals,
    activities, figures and grants move to the merged node."""
    effective_on = effective_on or datetime.date.today()
    nodes = [_refresh(n) for n in nodes]
    if len(nodes) < 2:
        raise ReorganisationError(_("Välj minst två enheter att slå ihop."))
    organisation = nodes[0].organisation
    if any(n.organisation_id != organisation.pk for n in nodes):
        raise ReorganisationError(_("Enheterna måste höra till samma organisation."))
    if len({n.level for n in nodes}) != 1:
        raise ReorganisationError(_("Bara enheter på samma nivå kan slås ihop."))
    if any(n.is_root() for n in nodes):
        raise ReorganisationError(_("Regionen själv kan inte slås ihop."))
    target = next((n for n in nodes if n.code == code), None)
    if target is None:
        if parent is None:
            parent = Node.objects.get_parent(nodes[0])
        else:
            parent = _refresh(parent)
            if parent.organisation_id != organisation.pk:
                raise ReorganisationError(_("Enheterna måste höra till samma organisation."))
            _check_level(parent, nodes[0].level)
        assert parent is not None
        if Node.objects.filter(organisation=organisation, code=code).exists():
            raise ReorganisationError(_("Koden %(code)s används redan.") % {"code": code})
        if not name.strip():
            raise ReorganisationError(_("Ange ett namn på den nya enheten."))
        target = Node(
            organisation=organisation,
            code=code,
            name=name,
            level=nodes[0].level,
            valid_from=effective_on,
        )
        changed_by(target, by)
        target = Node.objects.add_child(parent, instance=target)
    elif name and name != target.name:
        target.name = name
        changed_by(target, by)
        target.save()
    sources = [n for n in nodes if n.pk != target.pk]
    for source in sources:
        for child in list(Node.objects.get_children(_refresh(source)).filter(active_q())):
            _move(child, target, by)
        _end(source, effective_on, by)
    _record(
        organisation,
        ReorganisationKind.MERGE,
        effective_on,
        _("%(sources)s slås ihop till %(target)s.")
        % {"sources": ", ".join(s.name for s in sources), "target": target.name},
        by,
        [(source, target) for source in sources],
        [Move(old=source, default=target, by=by) for source in sources],
    )
    return _refresh(target)


@dataclass(frozen=True)
class SplitPart:
    code: str
    name: str


def split_check(*, node: Node, parts: Sequence[SplitPart]) -> None:
    """Refuse a split that cannot be done, before anyone is asked where each record goes."""
    if node.is_root():
        raise ReorganisationError(_("Regionen själv kan inte delas."))
    if len(parts) < 2:
        raise ReorganisationError(_("En delning kräver minst två nya enheter."))
    codes = [p.code for p in parts]
    if len(set(codes)) != len(codes):
        raise ReorganisationError(_("De nya enheterna måste ha olika koder."))
    taken = Node.objects.filter(organisation=node.organisation, code__in=codes)
    if taken.exists():
        raise ReorganisationError(
            _("Koden %(code)s används redan.") % {"code": ", ".join(t.code for t in taken)}
        )


@transaction.atomic
def node_split(
    *,
    node: Node,
    parts: Sequence[SplitPart],
    children_to: dict[str, str] | None = None,
    choices: dict[str, dict[str, str]] | None = None,
    effective_on: datetime.date | None = None,
    by: User | None = None,
) -> list[Node]:
    """Split a node into new nodes beside it; `children_to` maps each active child's code to the
    part that takes it over (default: the first part). The split node ends. `choices` says per
    carrier and record (as `reorganise.carriers()` list them) which part takes it over; the first
    part takes what is not chosen."""
    effective_on = effective_on or datetime.date.today()
    node = _refresh(node)
    split_check(node=node, parts=parts)
    codes = [p.code for p in parts]
    children_to = children_to or {}
    choices = choices or {}
    chosen = {code for per_carrier in choices.values() for code in per_carrier.values()}
    unknown = (set(children_to.values()) | chosen) - set(codes)
    if unknown:
        raise ReorganisationError(
            _("Okänd ny enhet: %(code)s.") % {"code": ", ".join(sorted(unknown))}
        )
    parent = Node.objects.get_parent(node)
    assert parent is not None
    created: dict[str, Node] = {}
    for part in parts:
        new = Node(
            organisation=node.organisation,
            code=part.code,
            name=part.name,
            level=node.level,
            valid_from=effective_on,
        )
        changed_by(new, by)
        created[part.code] = Node.objects.add_child(_refresh(parent), instance=new)
    for child in list(Node.objects.get_children(node).filter(active_q())):
        _move(child, created[children_to.get(child.code, codes[0])], by)
    _end(node, effective_on, by)
    _record(
        node.organisation,
        ReorganisationKind.SPLIT,
        effective_on,
        _("%(node)s delas i %(parts)s.")
        % {"node": node.name, "parts": ", ".join(p.name for p in parts)},
        by,
        [(node, new) for new in created.values()],
        [Move(old=node, default=created[codes[0]], parts=created, choices=choices, by=by)],
    )
    return [_refresh(n) for n in created.values()]


@transaction.atomic
def role_grant(*, user: User, node: Node, role: Role, by: User | None = None) -> RoleGrant:
    grant = RoleGrant.objects.filter(user=user, node=node, role=role).first()
    if grant is None:
        grant = RoleGrant(user=user, node=node, role=role)
        changed_by(grant, by)
        grant.save()
    return grant


@transaction.atomic
def role_revoke(*, grant: RoleGrant, by: User | None = None) -> None:
    changed_by(grant, by)
    grant.delete()


@transaction.atomic
def headcount_save(
    *,
    node: Node,
    year: int,
    employees: int,
    source: str = "",
    expected_version: int | None = None,
    by: User | None = None,
) -> Headcount:
    """Set (or change) the number of employees of a node in a year; history is kept. A form
    built from an older `expected_version` (0: no figure yet) is refused with `StaleEdit`."""
    row = Headcount.objects.filter(node=node, year=year).first()
    if expected_version is not None:
        require_version(row, expected_version)
    row = row or Headcount(node=node, year=year)
    row.employees, row.source = employees, source
    save_versioned(row, expected_version=expected_version, by=by)
    return row
