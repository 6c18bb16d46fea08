"""Writes to the organisation tree: import, reorganisations (create, rename, move, merge, split,
end) and role grants. Every write is atomic and keeps history; reorganisations record an
old → new mapping so that goals, activities and figures follow the units."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nettonoll.accounts.models import User
from nettonoll.calc.problems import Problem, Rejected, register
from nettonoll.common.history import changed_by
from nettonoll.common.records import require_version, save_versioned
from nettonoll.common.tabular import field_lengths, read_table
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
from nettonoll.organisations.selectors import active_q, organisation_root

PROBLEMS = register(
    {
        "code_missing": gettext_noop("koden saknas"),
        "code_repeated": gettext_noop("koden %(code)s finns redan på rad %(line)d"),
        "name_missing": gettext_noop("namnet saknas"),
        "node_cycle": gettext_noop("cykel i trädet: %(chain)s"),
        "node_level_order": gettext_noop(
            "en %(child)s kan inte ligga under en %(parent)s (%(code)s)"
        ),
        "node_level_unknown": gettext_noop(
            "okänd nivå %(level)s (tillåtna: region, förvaltning, avdelning, enhet)"
        ),
        "node_own_parent": gettext_noop("enheten kan inte vara sin egen överordnade"),
        "node_root_repeated": gettext_noop("bara en region kan sakna överordnad"),
        "node_roots": gettext_noop(
            "organisationen kan bara ha en region överst (även %(others)s saknar överordnad)"
        ),
        "organisation_unknown_name": gettext_noop(
            "Organisationen %(code)s finns inte. Ange ett namn för att skapa den."
        ),
        "parent_unknown": gettext_noop("okänd överordnad kod %(code)s"),
    }
)


TREE_COLUMNS = ("code", "name", "parent_code", "level")
LEVEL_ALIASES = {
    "region": Level.REGION,
    "administration": Level.ADMINISTRATION,
    "förvaltning": Level.ADMINISTRATION,
    "forvaltning": Level.ADMINISTRATION,
    "department": Level.DEPARTMENT,
    "avdelning": Level.DEPARTMENT,
    "unit": Level.UNIT,
    "enhet": Level.UNIT,
}


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


def _record(
    organisation: Organisation,
    kind: ReorganisationKind,
    effective_on: datetime.date,
    description: str,
    by: User | None,
    mappings: Sequence[tuple[Node, Node]] = (),
) -> Reorganisation:
    reorganisation = Reorganisation(
        organisation=organisation,
        kind=kind,
        effective_on=effective_on,
        description=description,
        created_by=by,
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
    *, node: Node, effective_on: datetime.date | None = None, by: User | None = None
) -> None:
    effective_on = effective_on or datetime.date.today()
    if node_has_active_children(node):
        raise ReorganisationError(
            _("%(node)s har aktiva underenheter: flytta eller avveckla dem först.")
            % {"node": node.name}
        )
    _end(node, effective_on, by)
    _record(
        node.organisation,
        ReorganisationKind.END,
        effective_on,
        _("%(node)s avvecklas.") % {"node": node.name},
        by,
    )


def node_has_active_children(node: Node) -> bool:
    return Node.objects.get_children(_refresh(node)).filter(active_q()).exists()


@transaction.atomic
def nodes_merge(
    *,
    nodes: Sequence[Node],
    code: str,
    name: str,
    effective_on: datetime.date | None = None,
    by: User | None = None,
) -> Node:
    """Merge nodes into one: an existing node among them (same code) or a new node under the
    first node's parent. The others end; their active children move to the merged node."""
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
        parent = Node.objects.get_parent(nodes[0])
        assert parent is not None
        if Node.objects.filter(organisation=organisation, code=code).exists():
            raise ReorganisationError(_("Koden %(code)s används redan.") % {"code": code})
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
    )
    return _refresh(target)


@dataclass(frozen=True)
class SplitPart:
    code: str
    name: str


@transaction.atomic
def node_split(
    *,
    node: Node,
    parts: Sequence[SplitPart],
    children_to: dict[str, str] | None = None,
    effective_on: datetime.date | None = None,
    by: User | None = None,
) -> list[Node]:
    """Split a node into new nodes beside it; `children_to` maps each active child's code to the
    part that takes it over (default: the first part). The split node ends."""
    effective_on = effective_on or datetime.date.today()
    node = _refresh(node)
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
    children_to = children_to or {}
    unknown = set(children_to.values()) - set(codes)
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


# --- Import of a whole tree -----------------------------------------------------------------


@dataclass(frozen=True)
class TreeImportResult:
    organisation: Organisation
    created: int
    updated: int
    unchanged: int


@dataclass
class _Line:
    line: int
    code: str
    name: str
    parent_code: str
    level: str


def _parse_lines(data: bytes, filename: str) -> tuple[list[_Line], list[Problem]]:
    table = read_table(
        data,
        filename,
        required=TREE_COLUMNS,
        lengths=field_lengths(Node, code="code", name="name", parent_code="code"),
    )
    problems: list[Problem] = []
    lines: list[_Line] = []
    first_line_of: dict[str, int] = {}
    for row in table.rows:
        code, name = row.values["code"], row.values["name"]
        parent_code, raw_level = row.values["parent_code"], row.values["level"]
        level = LEVEL_ALIASES.get(raw_level.strip().lower())
        if not code:
            problems.append(Problem("code_missing", {}, row.line, "code"))
        if not name:
            problems.append(Problem("name_missing", {}, row.line, "name"))
        if level is None:
            problems.append(
                Problem("node_level_unknown", {"level": f"'{raw_level}'"}, row.line, "level")
            )
        if code and code in first_line_of:
            problems.append(
                Problem(
                    "code_repeated",
                    {"code": f"'{code}'", "line": first_line_of[code]},
                    row.line,
                    "code",
                )
            )
            continue
        if code:
            first_line_of[code] = row.line
        if code and parent_code == code:
            problems.append(Problem("node_own_parent", {}, row.line, "parent_code"))
        lines.append(_Line(row.line, code, name, parent_code, level or ""))
    return lines, problems


def _validate_structure(
    lines: list[_Line], existing: dict[str, Node], existing_parent: dict[str, str]
) -> list[Problem]:
    problems: list[Problem] = []
    in_file = {ln.code: ln for ln in lines if ln.code}
    parent_of = dict(existing_parent)
    level_of = {code: node.level for code, node in existing.items()}
    for ln in lines:
        if ln.code:
            parent_of[ln.code] = ln.parent_code
            if ln.level:
                level_of[ln.code] = ln.level
    roots = [code for code, parent in parent_of.items() if not parent]
    for ln in lines:
        if not ln.code:
            continue
        if ln.parent_code and ln.parent_code not in in_file and ln.parent_code not in existing:
            problems.append(
                Problem("parent_unknown", {"code": f"'{ln.parent_code}'"}, ln.line, "parent_code")
            )
            continue
        if not ln.parent_code:
            if ln.level and ln.level != Level.REGION:
                problems.append(Problem("node_root_repeated", {}, ln.line, "parent_code"))
            elif len(roots) > 1:
                problems.append(
                    Problem(
                        "node_roots",
                        {"others": ", ".join(f"'{r}'" for r in roots if r != ln.code)},
                        ln.line,
                        "parent_code",
                    )
                )
            continue
        # A cycle: following parents from this line comes back to it.
        chain, current, seen = [ln.code], ln.parent_code, {ln.code}
        while current and current not in seen:
            chain.append(current)
            seen.add(current)
            current = parent_of.get(current, "")
        if current == ln.code:
            problems.append(
                Problem(
                    "node_cycle", {"chain": " → ".join([*chain, ln.code])}, ln.line, "parent_code"
                )
            )
            continue
        parent_level = level_of.get(ln.parent_code)
        if (
            ln.level
            and parent_level
            and LEVEL_RANK[Level(ln.level)] <= LEVEL_RANK[Level(parent_level)]
        ):
            problems.append(
                Problem(
                    "node_level_order",
                    {
                        "child": Level(ln.level).label.lower(),
                        "parent": Level(parent_level).label.lower(),
                        "code": f"'{ln.parent_code}'",
                    },
                    ln.line,
                    "level",
                )
            )
    return problems


def _parents_first(lines: list[_Line]) -> list[_Line]:
    in_file = {ln.code: ln for ln in lines}
    ordered: list[_Line] = []
    placed: set[str] = set()

    def place(ln: _Line) -> None:
        if ln.code in placed:
            return
        parent = in_file.get(ln.parent_code)
        if parent is not None:
            place(parent)
        placed.add(ln.code)
        ordered.append(ln)

    for ln in lines:
        place(ln)
    return ordered


def tree_import(
    *,
    organisation_code: str,
    data: bytes,
    filename: str,
    name: str | None = None,
    by: User | None = None,
) -> TreeImportResult:
    """Import `code,name,parent_code,level` rows into an organisation (created when `name` is
    given). Nodes already there are updated (renamed, moved). Atomic: any problem → nothing stored,
    Rejected lists every problem with its line number."""
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None and not name:
        raise Rejected([Problem("organisation_unknown_name", {"code": organisation_code})])
    lines, problems = _parse_lines(data, filename)
    existing: dict[str, Node] = {}
    existing_parent: dict[str, str] = {}
    if organisation is not None:
        nodes = list(Node.objects.filter(organisation=organisation).order_by("path"))
        by_path = {n.path: n for n in nodes}
        for n in nodes:
            existing[n.code] = n
            parent = by_path.get(n.path[: -Node.steplen])
            existing_parent[n.code] = parent.code if parent else ""
    problems += _validate_structure(lines, existing, existing_parent)
    if not lines and not problems:
        problems.append(Problem("file_empty"))
    if problems:
        raise Rejected(problems)

    with transaction.atomic():
        if organisation is None:
            organisation = Organisation(code=organisation_code, name=name or organisation_code)
            changed_by(organisation, by)
            organisation.save()
        elif name and name != organisation.name:
            organisation.name = name
            changed_by(organisation, by)
            organisation.save()
        created = updated = unchanged = 0
        today = datetime.date.today()
        for ln in _parents_first(lines):
            node = existing.get(ln.code)
            if node is None:
                new = Node(organisation=organisation, code=ln.code, name=ln.name, level=ln.level)
                changed_by(new, by)
                if ln.parent_code:
                    parent = _refresh(existing[ln.parent_code])
                    existing[ln.code] = Node.objects.add_child(parent, instance=new)
                else:
                    existing[ln.code] = Node.objects.add_root(instance=new)
                existing_parent[ln.code] = ln.parent_code
                created += 1
                continue
            node = _refresh(node)
            changed = False
            if (node.name, node.level) != (ln.name, ln.level) or node.valid_to is not None:
                node.name, node.level, node.valid_to = ln.name, ln.level, None
                changed_by(node, by)
                node.save()
                changed = True
            if existing_parent.get(ln.code, "") != ln.parent_code and ln.parent_code:
                node = _move(node, existing[ln.parent_code], by)
                existing_parent[ln.code] = ln.parent_code
                changed = True
            existing[ln.code] = node
            updated += changed
            unchanged += not changed
        if created or updated:
            _record(
                organisation,
                ReorganisationKind.IMPORT,
                today,
                _("Import av %(file)s: %(created)d nya, %(updated)d ändrade.")
                % {"file": filename, "created": created, "updated": updated},
                by,
            )
    assert organisation_root(organisation) is not None
    return TreeImportResult(organisation, created, updated, unchanged)


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
