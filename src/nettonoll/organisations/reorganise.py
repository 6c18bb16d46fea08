"""What a reorganisation carries: the records of an old node that follow it to its successor.

The tree app sits below the apps that own records on a node (plans, indicators, emissions), so it
cannot know them. Each app declares in its `AppConfig.ready` how its records move for an
old → new mapping:

    carrier_register("activities", activities_label, count, carry, items=listed, order=20)

`count(node)` is how many records the node holds that a reorganisation would move (a node with
records left is not ended without a successor); `carry(move)` moves them and returns how many
moved; `items(node)` lists them one by one (id, text) for the choice of a split. The services of
`organisations.services` call every carrier for every mapping inside their own transaction, so a
reorganisation moves all or nothing. A carrier keeps the records' history (a historical row saying
the node changed, by whom).
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.common.records import save_versioned
from nettonoll.organisations.models import Headcount, Node, Reorganisation, RoleGrant
from nettonoll.organisations.selectors import node_children


@dataclass
class Move:
    """The records of `old` go to `default`, or for a split to the part chosen per record:
    `choices` maps a carrier's key to {record id (as its `items` listed it): code of the part}."""

    old: Node
    default: Node
    parts: dict[str, Node] = field(default_factory=dict)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    by: User | None = None
    kept: list[str] = field(default_factory=list)  # what stayed behind, in words, and why
    picked: dict[str, str] = field(default_factory=dict)  # the choices of the running carrier

    def for_carrier(self, key: str) -> "Move":
        return replace(self, picked=self.choices.get(key, {}))

    def target(self, item_id: object) -> Node:
        code = self.picked.get(str(item_id))
        return self.parts.get(code, self.default) if code else self.default

    def by_target(self, item_ids: list[int]) -> dict[Node, list[int]]:
        grouped: dict[Node, list[int]] = {}
        for item_id in item_ids:
            grouped.setdefault(self.target(item_id), []).append(item_id)
        return grouped


Label = Callable[[int], str]  # "3 mål", "1 aktivitet"


@dataclass(frozen=True)
class Carrier:
    key: str
    label: Label
    count: Callable[[Node], int]
    carry: Callable[[Move], dict[int, int]]  # node pk → records moved there
    items: Callable[[Node], list[tuple[str, str]]]
    order: int


CARRIERS: dict[str, Carrier] = {}


def carrier_register(
    key: str,
    label: Label,
    count_fn: Callable[[Node], int],
    carry_fn: Callable[[Move], dict[int, int]],
    *,
    items: Callable[[Node], list[tuple[str, str]]] | None = None,
    order: int = 100,
) -> None:
    """Declare how an app's records of a node follow a reorganisation (see the module text)."""
    CARRIERS[key] = Carrier(key, label, count_fn, carry_fn, items or (lambda _node: []), order)


def carriers() -> list[Carrier]:
    return sorted(CARRIERS.values(), key=lambda c: (c.order, c.key))


def carrier_get(key: str) -> Carrier | None:
    return CARRIERS.get(key)


def remaining(node: Node) -> list[str]:
    """What a node still holds, in words ("3 mål", "2 roller"): empty when nothing would be
    orphaned by ending it."""
    return [c.label(n) for c in carriers() if (n := c.count(node))]


def counted(moved: dict[str, dict[int, int]]) -> dict[int, list[tuple[str, int]]]:
    """{carrier: {node pk: n}} as {node pk: [(carrier, n), …]} in the carriers' order."""
    by_node: dict[int, list[tuple[str, int]]] = {}
    for carrier in carriers():
        for pk, n in moved.get(carrier.key, {}).items():
            if n:
                by_node.setdefault(pk, []).append((carrier.key, n))
    return by_node


def summary_text(carried: dict[str, dict[str, int]], names: dict[str, str]) -> str:
    """One sentence per new node ({code: {carrier: n}}): "3 mål, 5 aktiviteter flyttades till
    Ekonomi och HR." """
    sentences = []
    for code, counts in carried.items():
        # in the carriers' order (PostgreSQL's jsonb does not keep the keys' order)
        words = [c.label(counts[c.key]) for c in carriers() if counts.get(c.key)]
        if words:
            sentences.append(
                _("%(what)s flyttades till %(node)s.")
                % {"what": ", ".join(words), "node": names.get(code, code)}
            )
    return " ".join(sentences)


def carried_summary(reorganisation: Reorganisation) -> list[str]:
    """What a reorganisation moved, in sentences: one per new node, then what stayed and why."""
    moved: dict[str, dict[str, int]] = reorganisation.carried.get("moved", {})
    names = dict(
        Node.objects.filter(
            organisation_id=reorganisation.organisation_id, code__in=list(moved)
        ).values_list("code", "name")
    )
    text = summary_text(moved, names)
    kept: list[str] = reorganisation.carried.get("kept", [])
    return ([text] if text else []) + kept


def split_groups(node: Node) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """What a split asks about: the node's records per carrier, and its active children."""
    groups = []
    children = [(c.code, f"{c.name} ({c.code})") for c in node_children(node)]
    if children:
        groups.append(("child", _("Underenheter"), children))
    for carrier in carriers():
        items = carrier.items(node)
        if items:
            groups.append((carrier.key, carrier.label(len(items)), items))
    return groups


def add(moved: dict[int, int], node: Node, n: int = 1) -> None:
    moved[node.pk] = moved.get(node.pk, 0) + n


# --- The tree's own records: role grants and headcounts --------------------------------------


def _grants_carry(move: Move) -> dict[int, int]:
    """Grants follow; a grant the new node already has (same person, same role) collapses."""
    moved: dict[int, int] = {}
    for grant in RoleGrant.objects.filter(node=move.old).select_related("user"):
        target = move.target(grant.pk)
        if RoleGrant.objects.filter(user=grant.user, node=target, role=grant.role).exists():
            changed_by(grant, move.by)
            grant.delete()
        else:
            grant.node = target
            save_versioned(grant, expected_version=None, by=move.by)
        add(moved, target)
    return moved


def _headcounts_carry(move: Move) -> dict[int, int]:
    """A year's headcount follows; the same year of two merged units adds up."""
    moved: dict[int, int] = {}
    for row in Headcount.objects.filter(node=move.old).order_by("year"):
        target = move.target(row.pk)
        there = Headcount.objects.filter(node=target, year=row.year).first()
        if there is not None:
            there.employees += row.employees
            sources = [s for s in (there.source, row.source) if s]
            there.source = "; ".join(dict.fromkeys(sources))[:200]
            save_versioned(there, expected_version=None, by=move.by)
            changed_by(row, move.by)
            row.delete()
        else:
            row.node = target
            save_versioned(row, expected_version=None, by=move.by)
        add(moved, target)
    return moved


def register_own() -> None:
    carrier_register(
        "headcounts",
        lambda n: (
            ngettext("%(n)d år med antal anställda", "%(n)d år med antal anställda", n) % {"n": n}
        ),
        lambda node: Headcount.objects.filter(node=node).count(),
        _headcounts_carry,
        items=lambda node: [
            (str(h.pk), _("Anställda %(year)d: %(n)d") % {"year": h.year, "n": h.employees})
            for h in Headcount.objects.filter(node=node).order_by("year")
        ],
        order=60,
    )
    carrier_register(
        "grants",
        lambda n: ngettext("%(n)d roll", "%(n)d roller", n) % {"n": n},
        lambda node: RoleGrant.objects.filter(node=node).count(),
        _grants_carry,
        items=lambda node: [
            (str(g.pk), f"{g.get_role_display()}: {g.user}")
            for g in RoleGrant.objects.filter(node=node).select_related("user").order_by("role")
        ],
        order=70,
    )
