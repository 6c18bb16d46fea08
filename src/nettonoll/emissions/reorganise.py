"""How klimatbokslut figures follow a reorganisation (registered in `EmissionsConfig.ready`):
the activity data summed per node (`ActivityAggregate`, of every batch, so a replaced batch
stays consistent) and their computed results (`InventoryResult`) move to the new node. The
imported files themselves are kept as they were (they name the old code)."""

import polars as pl
from django.utils.formats import number_format
from django.utils.translation import gettext_noop, ngettext

from nettonoll.calc.problems import register as problems_register
from nettonoll.common.templatetags.categories import category_label
from nettonoll.emissions.models import ActivityAggregate, InventoryResult
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.reorganise import Move, add, carrier_register
from nettonoll.organisations.selectors import current_successors

problems_register(
    {
        "org_unit_split": gettext_noop(
            "enheten '%(org_unit)s' är delad i %(parts)s: ange den enhet som raden gäller"
        )
    }
)


def _active(node: Node) -> "list[ActivityAggregate]":
    return list(
        ActivityAggregate.objects.filter(node=node, batch__replaced_at__isnull=True)
        .select_related("batch")
        .order_by("year", "category", "unit")
    )


def _carry(move: Move) -> dict[int, int]:
    """Aggregates of active batches go where chosen (default: the new node); those of replaced
    batches go with the same category, year and unit, else to the default."""
    moved: dict[int, int] = {}
    chosen: dict[tuple[str, int, str], Node] = {}
    for row in _active(move.old):
        target = move.target(row.pk)
        chosen[(row.category, row.year, row.unit)] = target
        add(moved, target)
    groups: dict[int, list[int]] = {}
    targets: dict[int, Node] = {}
    for pk, category, year, unit in ActivityAggregate.objects.filter(node=move.old).values_list(
        "pk", "category", "year", "unit"
    ):
        if str(pk) in move.picked:
            target = move.target(pk)
        else:
            target = chosen.get((category, year, unit), move.default)
        groups.setdefault(target.pk, []).append(pk)
        targets[target.pk] = target
    for target_pk, ids in groups.items():
        ActivityAggregate.objects.filter(pk__in=ids).update(node=targets[target_pk])
        InventoryResult.objects.filter(aggregate_id__in=ids).update(node=targets[target_pk])
    return moved


def register() -> None:
    carrier_register(
        "klimatbokslut",
        lambda n: ngettext("%(n)d rad klimatbokslut", "%(n)d rader klimatbokslut", n) % {"n": n},
        lambda node: ActivityAggregate.objects.filter(node=node).count(),
        _carry,
        items=lambda node: [
            (
                str(a.pk),
                f"{category_label(a.category)} {a.year}: "
                f"{number_format(round(a.quantity, 1), force_grouping=True)}"
                f" {a.unit} ({a.batch.filename})",
            )
            for a in _active(node)
        ],
        order=80,
    )


def successor_codes(
    organisation: Organisation, rows: pl.DataFrame, codes: dict[str, int]
) -> tuple[list[str], pl.DataFrame]:
    """Rows naming an ended node land on its successor (figures over time roll old units up
    into the units of today): `codes` is changed in place, and a note per old code says so.
    Rows of a node split in several are returned (line, org_unit, parts) to be refused."""
    used = set(rows["org_unit"].cast(pl.Utf8).unique().to_list()) & set(codes)
    notes: list[str] = []
    split: list[tuple[int, str, str]] = []
    ended = Node.objects.filter(organisation=organisation, code__in=used)
    for node in sorted((n for n in ended if not n.is_active), key=lambda n: n.code):
        successors = [s for s in current_successors(node) if s.pk != node.pk]
        if not successors:
            continue  # ended without a successor: its figures stay its own
        lines = rows.filter(pl.col("org_unit").cast(pl.Utf8) == node.code)["line"].to_list()
        if len(successors) > 1:
            parts = ", ".join(f"{s.code} ({s.name})" for s in successors)
            split += [(line, node.code, parts) for line in lines]
            continue
        successor = successors[0]
        codes[node.code] = successor.pk
        notes.append(
            ngettext(
                "%(n)d rad med %(old)s (avvecklad) bokfördes på %(new)s (%(code)s).",
                "%(n)d rader med %(old)s (avvecklad) bokfördes på %(new)s (%(code)s).",
                len(lines),
            )
            % {"n": len(lines), "old": node.code, "new": successor.name, "code": successor.code}
        )
    frame = pl.DataFrame(
        split, schema={"line": pl.Int64, "org_unit": pl.Utf8, "parts": pl.Utf8}, orient="row"
    )
    return notes, frame
