"""Pages of an entity set: the `$filter` tree (calc.odata_query) as Django `Q` objects, ordering,
and keyset paging. A `$skiptoken` holds the last row's ordered values and key, so the next page
starts after it (`WHERE key > last ORDER BY key LIMIT n`), never with an OFFSET over a large
table.

A source is either database parts (querysets whose columns are annotated `o_<property>`; parts
of one set hold disjoint, ascending key ranges, such as reported totals with negative ids before
computed results) or a list of rows computed in Python (metrics, the budget)."""

import base64
import datetime
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet

from nettonoll.api.odata.schema import DATE, EntityType
from nettonoll.calc.odata_query import (
    And,
    Compare,
    Node,
    Not,
    ODataQueryError,
    Or,
    OrderBy,
    gettext_noop,
    matches,
    row_comparator,
    sort_rows,
)

PREFIX = "o_"
_LOOKUP = {"gt": "gt", "ge": "gte", "lt": "lt", "le": "lte"}


def column(prop: str) -> str:
    return PREFIX + prop


@dataclass
class Source:
    """Database parts (annotated querysets) or Python rows; exactly one of the two is used."""

    parts: list[QuerySet[Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] | None = None
    # properties computed in Python from a fetched row (cheaper than SQL when not filtered on)
    derived: dict[str, Callable[[dict[str, Any]], Any]] = field(default_factory=dict)


def _never() -> Q:
    return Q(pk__in=[])


def to_q(node: Node) -> Q:
    """The filter as a Django condition on the `o_` columns (OData's null semantics: `ne` is
    true for a null column, comparisons with null are false)."""
    if isinstance(node, And):
        return to_q(node.left) & to_q(node.right)
    if isinstance(node, Or):
        return to_q(node.left) | to_q(node.right)
    if isinstance(node, Not):
        return ~to_q(node.operand)
    assert isinstance(node, Compare)
    name = column(node.prop)
    if node.value is None:
        if node.op in ("eq", "ne"):
            return Q(**{f"{name}__isnull": node.op == "eq"})
        return _never()
    if node.op == "eq":
        return Q(**{name: node.value})
    if node.op == "ne":
        return ~Q(**{name: node.value}) | Q(**{f"{name}__isnull": True})
    return Q(**{f"{name}__{_LOOKUP[node.op]}": node.value})


def check_types(node: Node, entity: EntityType) -> None:
    """A literal must fit its property's type (a number for a number …): 400 otherwise."""
    if isinstance(node, (And, Or)):
        check_types(node.left, entity)
        check_types(node.right, entity)
        return
    if isinstance(node, Not):
        check_types(node.operand, entity)
        return
    prop = entity.prop(node.prop)
    value = node.value
    if not fits(prop.edm, value):
        raise ODataQueryError(
            gettext_noop("Värdet %(value)s passar inte egenskapen ”%(name)s” (%(type)s)."),
            value=json.dumps(value, default=str, ensure_ascii=False),
            name=prop.name,
            type=prop.edm,
        )


def fits(edm: str, value: Any) -> bool:
    """Whether a literal (or a skiptoken's value) fits a property's type and the database's
    range: a number too large for a 64-bit column or an infinite one would crash the query."""
    if value is None:
        return True
    if isinstance(value, bool):
        return edm == "Edm.Boolean"
    if edm in ("Edm.Int32", "Edm.Int64"):
        return isinstance(value, int) and _INT_RANGE[edm][0] <= value <= _INT_RANGE[edm][1]
    if edm == "Edm.Double":
        if isinstance(value, int):
            return abs(value) < 2**63
        return isinstance(value, float) and math.isfinite(value)
    if edm == "Edm.String":
        return isinstance(value, str) and "\x00" not in value
    if edm == DATE:
        return isinstance(value, datetime.date)
    return False


_INT_RANGE = {"Edm.Int32": (-(2**31), 2**31 - 1), "Edm.Int64": (-(2**63), 2**63 - 1)}


# -- keyset tokens ------------------------------------------------------------------------------


def full_order(orders: Sequence[OrderBy], entity: EntityType) -> list[OrderBy]:
    """The requested order with the key last, so that every row has one place."""
    if any(o.prop == entity.key for o in orders):
        cut = next(i for i, o in enumerate(orders) if o.prop == entity.key)
        return list(orders[: cut + 1])
    return [*orders, OrderBy(entity.key)]


def encode_token(values: Sequence[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime.date) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(token: str, orders: Sequence[OrderBy], entity: EntityType) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(orders):
            raise ValueError
        decoded = [
            datetime.date.fromisoformat(v)
            if v is not None and entity.prop(o.prop).edm == DATE
            else v
            for o, v in zip(orders, values, strict=True)
        ]
        if not all(fits(entity.prop(o.prop).edm, v) for o, v in zip(orders, decoded, strict=True)):
            raise ValueError
        return decoded
    except (ValueError, TypeError):
        raise ODataQueryError(
            gettext_noop("$skiptoken är ogiltig. Börja om från mängdens första sida.")
        ) from None


def after_q(orders: Sequence[OrderBy], last: Sequence[Any]) -> Q:
    """Rows after `last` in the order (null first ascending, last descending)."""
    condition = _never()
    equal_so_far = Q()
    for order, value in zip(orders, last, strict=True):
        name = column(order.prop)
        if order.descending:
            beyond = (
                _never()
                if value is None
                else (Q(**{f"{name}__lt": value}) | Q(**{f"{name}__isnull": True}))
            )
        else:
            beyond = (
                Q(**{f"{name}__isnull": False}) if value is None else Q(**{f"{name}__gt": value})
            )
        condition |= equal_so_far & beyond
        equal_so_far &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    return condition


def _order_by(orders: Sequence[OrderBy]) -> list[Any]:
    return [
        F(column(o.prop)).desc(nulls_last=True)
        if o.descending
        else F(column(o.prop)).asc(nulls_first=True)
        for o in orders
    ]


# -- pages --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRequest:
    filter: Node | None
    orders: list[OrderBy]  # with the key last (full_order)
    after: list[Any] | None  # the skiptoken's values
    skip: int
    limit: int  # rows wanted on this page


def count(source: Source, filter_node: Node | None) -> int:
    if source.rows is not None:
        return sum(1 for r in source.rows if filter_node is None or matches(r, filter_node))
    condition = to_q(filter_node) if filter_node is not None else Q()
    return sum(part.filter(condition).count() for part in source.parts)


def page(source: Source, entity: EntityType, request: PageRequest) -> list[dict[str, Any]]:
    """At most `request.limit` rows of the page."""
    if source.rows is not None:
        return _list_page(source.rows, request)
    condition = to_q(request.filter) if request.filter is not None else Q()
    if request.after is not None:
        condition &= after_q(request.orders, request.after)
    names = entity.names
    columns = [column(p) for p in names]
    tuples: list[tuple[Any, ...]] = []
    if request.orders == [OrderBy(entity.key)]:  # parts in key order: one after the other
        skip = request.skip
        for part in source.parts:
            selected = part.filter(condition).order_by(column(entity.key)).values_list(*columns)
            if skip:
                skipped = selected.count()
                if skipped <= skip:
                    skip -= skipped
                    continue
            tuples += selected[skip : skip + request.limit - len(tuples)]
            skip = 0
            if len(tuples) >= request.limit:
                break
    elif len(source.parts) == 1:
        selected = source.parts[0].filter(condition).values_list(*columns)
        tuples = list(
            selected.order_by(*_order_by(request.orders))[
                request.skip : request.skip + request.limit
            ]
        )
    else:
        first, *rest = [
            part.filter(condition).order_by().values_list(*columns) for part in source.parts
        ]
        union = first.union(*rest, all=True).order_by(*_order_by(request.orders))
        tuples = list(union[request.skip : request.skip + request.limit])
    rows = [dict(zip(names, values, strict=True)) for values in tuples]
    for prop, derive in source.derived.items():
        for row in rows:
            row[prop] = derive(row)
    return rows


def _list_page(rows: list[dict[str, Any]], request: PageRequest) -> list[dict[str, Any]]:
    compare = row_comparator(request.orders)

    def values(row: dict[str, Any]) -> list[Any]:
        return [row[o.prop] for o in request.orders]

    chosen: Iterator[dict[str, Any]] = (
        r for r in rows if request.filter is None or matches(r, request.filter)
    )
    if request.after is not None:
        last = request.after
        chosen = (r for r in chosen if compare(values(r), last) > 0)
    ordered = sort_rows(list(chosen), request.orders)
    return ordered[request.skip : request.skip + request.limit]
