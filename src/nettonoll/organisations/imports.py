"""Import of a whole organisation tree (`code,name,parent_code,level`) on the table spec, linear in
the size of the tree: the file is read and checked before the write transaction opens, and the
transaction only writes in bulk (paths, depths and child counts computed here, as treebeard's
materialised path stores them; siblings sorted by code). History is kept for every created,
changed or moved node."""

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history

from nettonoll.accounts.models import User
from nettonoll.calc.problems import Problem, Rejected, register
from nettonoll.common.history import changed_by
from nettonoll.common.tablespec import Choice, Code, Line, TableSpec, Text, max_length, quoted
from nettonoll.organisations.models import (
    LEVEL_RANK,
    Level,
    Node,
    Organisation,
    Reorganisation,
    ReorganisationKind,
)

PROBLEMS = register(
    {
        "code_missing": gettext_noop("koden saknas"),
        "code_repeated": gettext_noop("koden %(code)s finns redan på rad %(line)d"),
        "level_missing": gettext_noop("nivån saknas"),
        "name_missing": gettext_noop("namnet saknas"),
        "node_cycle": gettext_noop("cykel i trädet: %(chain)s"),
        "node_level_order": gettext_noop(
            "en %(child)s kan inte ligga under en %(parent)s (%(code)s)"
        ),
        "node_level_unknown": gettext_noop(
            "okänd nivå %(level)s (tillåtna: region, förvaltning, avdelning, enhet)"
        ),
        "node_root_repeated": gettext_noop("bara en region kan sakna överordnad"),
        "node_roots": gettext_noop(
            "organisationen kan bara ha en region överst (även %(others)s saknar överordnad)"
        ),
        "organisation_unknown_name": gettext_noop(
            "Organisationen %(code)s finns inte. Ange ett namn för att skapa den."
        ),
        "tree_changed": gettext_noop(
            "trädet ändrades av någon annan medan filen lästes; importera filen igen"
        ),
    }
)

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
TREE = TableSpec(
    title="Organisation",
    columns=(
        Code(
            name="code",
            required=True,
            missing="code_missing",
            max_length=max_length(Node, "code"),
            example="R",
        ),
        Text(
            name="name",
            required=True,
            missing="name_missing",
            max_length=max_length(Node, "name"),
            example="Region Exempel",
        ),
        Code(name="parent_code", max_length=max_length(Node, "code")),
        Choice(
            name="level",
            aliases=LEVEL_ALIASES,
            required=True,
            missing="level_missing",
            unknown="node_level_unknown",
            param="level",
            example="region",
        ),
    ),
    key=("code",),
    repeated="code_repeated",
    parent="parent_code",
    cycle="node_cycle",
)
TREE_COLUMNS = TREE.headers
BATCH = 1000


@dataclass(frozen=True)
class TreeImportResult:
    organisation: Organisation
    created: int
    updated: int
    unchanged: int


@dataclass
class _Stored:
    """A node already in the tree, as read before the write."""

    pk: int
    code: str
    path: str
    name: str
    level: str
    valid_to: datetime.date | None
    depth: int = 1
    numchild: int = 0
    parent: str = ""


def _stored(organisation: Organisation | None) -> dict[str, _Stored]:
    if organisation is None:
        return {}
    rows = Node.objects.filter(organisation=organisation).order_by("path")
    fields = ("pk", "code", "path", "name", "level", "valid_to", "depth", "numchild")
    stored = {row[1]: _Stored(*row) for row in rows.values_list(*fields)}
    by_path = {s.path: s.code for s in stored.values()}
    for s in stored.values():
        s.parent = by_path.get(s.path[: -Node.steplen], "")
    return stored


def _level_problems(
    rows: Sequence[Line], stored: dict[str, _Stored], depth: dict[str, int]
) -> Iterator[Problem]:
    """One region at the top, and every node below a higher level."""
    parent_of = {code: s.parent for code, s in stored.items()}
    level_of = {code: s.level for code, s in stored.items()}
    for row in rows:
        if row["code"]:
            parent_of[row["code"]] = row["parent_code"] or ""
            if row["level"]:
                level_of[row["code"]] = row["level"]
    roots = [code for code, parent in parent_of.items() if not parent]
    for row in rows:
        code, parent, level = row["code"], row["parent_code"] or "", row["level"]
        if not code or code not in depth:
            continue
        if not parent:
            if level and level != Level.REGION:
                yield Problem("node_root_repeated", {}, row.line, "parent_code")
            elif len(roots) > 1:
                others = ", ".join(quoted(r) for r in roots if r != code)
                yield Problem("node_roots", {"others": others}, row.line, "parent_code")
            continue
        parent_level = level_of.get(parent)
        if level and parent_level and LEVEL_RANK[Level(level)] <= LEVEL_RANK[Level(parent_level)]:
            params = {
                "child": Level(level).label.lower(),
                "parent": Level(parent_level).label.lower(),
                "code": quoted(parent),
            }
            yield Problem("node_level_order", params, row.line, "level")


def _paths(root_path: str, root: str, parent_of: dict[str, str]) -> dict[str, tuple[str, int, int]]:
    """code → (path, depth, number of children) for the tree under `root`, siblings by code."""
    children: dict[str, list[str]] = {}
    for code, parent in parent_of.items():
        if parent:
            children.setdefault(parent, []).append(code)
    placed = {root: (root_path, len(root_path) // Node.steplen, len(children.get(root, [])))}
    stack = [root]
    while stack:
        parent = stack.pop()
        path, depth, _count = placed[parent]
        for index, code in enumerate(sorted(children.get(parent, [])), start=1):
            count = len(children.get(code, []))
            placed[code] = (Node._get_path(path, depth + 1, index), depth + 1, count)
            stack.append(code)
    return placed


def _snapshot(organisation: Organisation | None) -> list[tuple[object, ...]]:
    if organisation is None:
        return []
    return list(
        Node.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("pk", "path", "name", "level", "valid_to")
    )


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
    before = _snapshot(organisation)
    stored = _stored(organisation)
    parsed = TREE.read(
        data, filename, existing_parents={code: s.parent for code, s in stored.items()}
    )
    parsed.problems += _level_problems(parsed.rows, stored, parsed.depth)
    parsed.reject()
    with transaction.atomic():
        if _snapshot(organisation) != before:
            raise Rejected([Problem("tree_changed")])
        return _write(organisation, organisation_code, name, parsed.rows, stored, filename, by)


def _write(
    organisation: Organisation | None,
    organisation_code: str,
    name: str | None,
    rows: Iterable[Line],
    stored: dict[str, _Stored],
    filename: str,
    by: User | None,
) -> TreeImportResult:
    if organisation is None:
        organisation = Organisation(code=organisation_code, name=name or organisation_code)
        changed_by(organisation, by)
        organisation.save()
    elif name and name != organisation.name:
        organisation.name = name
        changed_by(organisation, by)
        organisation.save()
    in_file = {row["code"]: row for row in rows}
    parent_of = {code: s.parent for code, s in stored.items()}
    parent_of |= {code: row["parent_code"] or "" for code, row in in_file.items()}
    root = next(code for code, parent in parent_of.items() if not parent)
    new_root = root not in stored
    if not new_root:
        root_path = stored[root].path
    else:
        first = in_file[root]
        root_node = Node(
            organisation=organisation, code=root, name=first["name"], level=first["level"]
        )
        changed_by(root_node, by)
        root_node = Node.objects.add_root(instance=root_node)
        root_path = root_node.path
        stored[root] = _Stored(root_node.pk, root, root_path, root_node.name, root_node.level, None)
    stored_paths = {s.pk: s.path for s in stored.values()}
    placed = _paths(root_path, root, parent_of)
    created: list[Node] = []
    changed: dict[int, tuple[str, int, int, tuple[Any, ...]]] = {}  # a history row each
    shifted: list[Node] = []  # only its place: path, depth or number of children
    unchanged = 0
    for code, (path, depth, count) in placed.items():
        row, s = in_file.get(code), stored.get(code)
        if s is None:
            assert row is not None
            node = Node(organisation=organisation, code=code, name=row["name"], level=row["level"])
            node.path, node.depth, node.numchild = path, depth, count
            created.append(node)
            continue
        data: tuple[Any, ...] = (
            (row["name"], row["level"], None) if row else (s.name, s.level, s.valid_to)
        )
        moved = row is not None and code != root and (row["parent_code"] or "") != s.parent
        if (s.name, s.level, s.valid_to) != data or moved:
            changed[s.pk] = (path, depth, count, data)
            continue
        unchanged += row is not None and not (code == root and new_root)
        if (s.path, s.depth, s.numchild) != (path, depth, count):
            shifted.append(Node(pk=s.pk, path=path, depth=depth, numchild=count))
    nodes = Node.objects.in_bulk(list(changed))
    for pk, (path, depth, count, data) in changed.items():
        nodes[pk].path, nodes[pk].depth, nodes[pk].numchild = path, depth, count
        nodes[pk].name, nodes[pk].level, nodes[pk].valid_to = data
    moving = [n for n in [*nodes.values(), *shifted] if n.path != stored_paths[n.pk]]
    # Paths are unique: first out of the way, then to their new place.
    _update(["path"], [(f"~{n.pk}", n.pk) for n in moving])
    _update(["path", "depth", "numchild"], [(n.path, n.depth, n.numchild, n.pk) for n in shifted])
    fields = ["path", "depth", "numchild", "name", "level", "valid_to"]
    _update(fields, [(*(getattr(n, f) for f in fields), n.pk) for n in nodes.values()])
    if nodes:
        Node.history.bulk_history_create(
            list(nodes.values()), batch_size=BATCH, update=True, default_user=by
        )
    if created:
        bulk_create_with_history(created, Node, batch_size=BATCH, default_user=by)
    if created or nodes or new_root:
        _record(organisation, filename, len(created) + new_root, len(nodes), by)
    return TreeImportResult(organisation, len(created) + new_root, len(nodes), unchanged)


def _update(fields: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Set `fields` of the nodes (each row: the values, then the primary key), one statement
    prepared once (Django's bulk_update builds a CASE per field and batch, much slower)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(Node._meta.get_field(f).column)} = %s" for f in fields)
        table, pk = quote(Node._meta.db_table), quote(Node._meta.pk.column)
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", rows)  # noqa: S608


def _record(
    organisation: Organisation, filename: str, created: int, updated: int, by: User | None
) -> None:
    reorganisation = Reorganisation(
        organisation=organisation,
        kind=ReorganisationKind.IMPORT,
        effective_on=datetime.date.today(),
        description=_("Import av %(file)s: %(created)d nya, %(updated)d ändrade.")
        % {"file": filename, "created": created, "updated": updated},
        created_by=by,
    )
    changed_by(reorganisation, by)
    reorganisation.save()
