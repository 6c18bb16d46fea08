"""OData v4 `$filter` and `$orderby`, parsed into a small tree (no Django): comparisons (eq, ne,
gt, ge, lt, le) of a property with a literal (string, number, boolean, null, date), joined by
`and`, `or`, `not` and parentheses. The tree is evaluated here on plain rows (dicts) and turned
into database conditions by the api package (`nettonoll.api.odata.query`).

Errors carry a Swedish message template (`gettext_noop`) and its arguments, so the caller can
translate them: `_(error.template) % error.params`."""

import datetime
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nettonoll.calc.problems import gettext_noop

OPERATORS = ("eq", "ne", "gt", "ge", "lt", "le")
Literal = str | int | float | bool | datetime.date | None


class ODataQueryError(ValueError):
    """A query option that cannot be understood; `template % params` is the Swedish message."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template = template
        self.params = params


@dataclass(frozen=True)
class Compare:
    prop: str
    op: str  # one of OPERATORS
    value: Literal


@dataclass(frozen=True)
class And:
    left: "Node"
    right: "Node"


@dataclass(frozen=True)
class Or:
    left: "Node"
    right: "Node"


@dataclass(frozen=True)
class Not:
    operand: "Node"


Node = Compare | And | Or | Not


@dataclass(frozen=True)
class OrderBy:
    prop: str
    descending: bool = False


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'(?:[^']|'')*')
      | (?P<date>\d{4}-\d{2}-\d{2})(?![\w.])
      | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])
      | (?P<open>\()
      | (?P<close>\))
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE | re.ASCII,  # `\d` is 0-9 only: int("١٢") would pass, the database would not
)
MAX_DEPTH = 50  # nested `not` and parentheses: deeper would overflow Python's stack
MAX_COMPARISONS = 200
_FLIP = {"eq": "eq", "ne": "ne", "gt": "lt", "ge": "le", "lt": "gt", "le": "ge"}


def _tokens(text: str) -> list[tuple[str, Any]]:
    tokens: list[tuple[str, Any]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ODataQueryError(
                gettext_noop("$filter går inte att tolka vid tecken %(position)d: ”%(rest)s”."),
                position=position + 1,
                rest=text[position : position + 20].strip(),
            )
        position = match.end()
        kind = match.lastgroup or ""
        raw = match.group(kind)
        if kind == "string":
            tokens.append(("literal", raw[1:-1].replace("''", "'")))
        elif kind == "date":
            try:
                tokens.append(("literal", datetime.date.fromisoformat(raw)))
            except ValueError:
                raise ODataQueryError(
                    gettext_noop("”%(value)s” är inget giltigt datum."), value=raw
                ) from None
        elif kind == "number":
            is_float = any(c in raw for c in ".eE")
            tokens.append(("literal", float(raw) if is_float else int(raw)))
        elif kind == "word":
            lowered = raw.lower()
            if lowered in ("true", "false"):
                tokens.append(("literal", lowered == "true"))
            elif lowered == "null":
                tokens.append(("literal", None))
            elif raw in OPERATORS or raw in ("and", "or", "not"):
                tokens.append((raw, raw))
            else:
                tokens.append(("prop", raw))
        else:
            tokens.append((kind, raw))
    return tokens


class _Parser:
    def __init__(self, text: str, properties: Sequence[str]) -> None:
        self.tokens = _tokens(text)
        self.position = 0
        self.properties = properties
        self.depth = 0
        self.comparisons = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ODataQueryError(
                gettext_noop("$filter är för djupt nästlat (högst %(limit)d nivåer)."),
                limit=MAX_DEPTH,
            )

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, Any]:
        token = self.peek()
        if token is None:
            raise ODataQueryError(gettext_noop("$filter slutar mitt i ett uttryck."))
        self.position += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            raise ODataQueryError(gettext_noop("$filter är tomt."))
        node = self.or_expr()
        if self.peek() is not None:
            raise ODataQueryError(
                gettext_noop("$filter: oväntat ”%(token)s”."), token=str(self.take()[1])
            )
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while (token := self.peek()) is not None and token[0] == "or":
            self.take()
            node = Or(node, self.and_expr())
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while (token := self.peek()) is not None and token[0] == "and":
            self.take()
            node = And(node, self.not_expr())
        return node

    def not_expr(self) -> Node:
        token = self.peek()
        if token is not None and token[0] == "not":
            self.take()
            self.deeper()
            node = Not(self.not_expr())
            self.depth -= 1
            return node
        return self.comparison()

    def operand(self) -> tuple[str, Any]:
        kind, value = self.take()
        if kind == "prop" and value not in self.properties:
            raise ODataQueryError(
                gettext_noop("Egenskapen ”%(name)s” finns inte. Giltiga egenskaper: %(valid)s."),
                name=value,
                valid=", ".join(self.properties),
            )
        if kind not in ("prop", "literal"):
            raise ODataQueryError(gettext_noop("$filter: oväntat ”%(token)s”."), token=str(value))
        return kind, value

    def comparison(self) -> Node:
        token = self.peek()
        if token is not None and token[0] == "open":
            self.take()
            self.deeper()
            node = self.or_expr()
            self.depth -= 1
            closing = self.peek()
            self.position += 1
            if closing is None or closing[0] != "close":
                raise ODataQueryError(gettext_noop("$filter: en parentes stängs inte."))
            return node
        self.comparisons += 1
        if self.comparisons > MAX_COMPARISONS:
            raise ODataQueryError(
                gettext_noop("$filter har för många jämförelser (högst %(limit)d)."),
                limit=MAX_COMPARISONS,
            )
        left = self.operand()
        following = self.peek()
        if following is None or following[0] not in OPERATORS:
            if left[0] == "prop":  # a boolean property alone: `is_preliminary`
                return Compare(left[1], "eq", True)
            raise ODataQueryError(
                gettext_noop(
                    "$filter: en jämförelse (eq, ne, gt, ge, lt, le) saknas efter ”%(token)s”."
                ),
                token=str(left[1]),
            )
        op = self.take()[0]
        right = self.operand()
        if left[0] == "prop" and right[0] == "literal":
            return Compare(left[1], op, right[1])
        if left[0] == "literal" and right[0] == "prop":
            return Compare(right[1], _FLIP[op], left[1])
        raise ODataQueryError(
            gettext_noop("$filter: jämför en egenskap med ett värde, till exempel year eq 2024.")
        )


def parse_filter(text: str, properties: Sequence[str]) -> Node:
    """The tree of a `$filter` on an entity with the given properties."""
    return _Parser(text, properties).parse()


def parse_orderby(text: str, properties: Sequence[str]) -> list[OrderBy]:
    """`year desc,node_code` → [OrderBy("year", True), OrderBy("node_code")]."""
    orders: list[OrderBy] = []
    for part in text.split(","):
        words = part.split()
        if not words or len(words) > 2 or (len(words) == 2 and words[1] not in ("asc", "desc")):
            raise ODataQueryError(
                gettext_noop("$orderby går inte att tolka: ”%(part)s”."), part=part.strip()
            )
        if words[0] not in properties:
            raise ODataQueryError(
                gettext_noop("Egenskapen ”%(name)s” finns inte. Giltiga egenskaper: %(valid)s."),
                name=words[0],
                valid=", ".join(properties),
            )
        orders.append(OrderBy(words[0], len(words) == 2 and words[1] == "desc"))
    return orders


def properties_of(node: Node) -> set[str]:
    if isinstance(node, Compare):
        return {node.prop}
    if isinstance(node, Not):
        return properties_of(node.operand)
    return properties_of(node.left) | properties_of(node.right)


# -- evaluation on plain rows ------------------------------------------------------------------


def _compare(value: Any, op: str, literal: Any) -> bool:
    if op == "eq":
        return bool(value == literal)
    if op == "ne":
        return bool(value != literal)
    if value is None or literal is None:
        return False  # null is neither greater nor less than anything
    try:
        return {
            "gt": value > literal,
            "ge": value >= literal,
            "lt": value < literal,
            "le": value <= literal,
        }[op]
    except TypeError:
        return False


def matches(row: Mapping[str, Any], node: Node) -> bool:
    """Whether the row passes the filter."""
    if isinstance(node, Compare):
        return _compare(row.get(node.prop), node.op, node.value)
    if isinstance(node, And):
        return matches(row, node.left) and matches(row, node.right)
    if isinstance(node, Or):
        return matches(row, node.left) or matches(row, node.right)
    return not matches(row, node.operand)


def _cmp_values(a: Any, b: Any) -> int:
    """Null sorts first (before every value), as the database orderings here do."""
    if a is None or b is None:
        return (a is not None) - (b is not None)
    return (a > b) - (a < b)


def row_comparator(orders: Sequence[OrderBy]) -> Callable[[Sequence[Any], Sequence[Any]], int]:
    """Compares two tuples of the ordered properties' values (null first, desc reversed)."""

    def compare(a: Sequence[Any], b: Sequence[Any]) -> int:
        for order, x, y in zip(orders, a, b, strict=True):
            found = _cmp_values(x, y)
            if found:
                return -found if order.descending else found
        return 0

    return compare


def sort_rows(rows: list[dict[str, Any]], orders: Sequence[OrderBy]) -> list[dict[str, Any]]:
    """The rows in the order (null first ascending, last descending), stable."""
    compare = row_comparator(orders)

    def by_row(a: dict[str, Any], b: dict[str, Any]) -> int:
        return compare([a[o.prop] for o in orders], [b[o.prop] for o in orders])

    return sorted(rows, key=functools.cmp_to_key(by_row))
