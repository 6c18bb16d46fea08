"""Trees given as child → parent codes (an organisation, a goal hierarchy): depth, cycles and an
order with parents first, each in time linear in the number of codes.

A code whose parent is "" is a root. A code whose parent is neither a code of the map nor "" has
an unknown parent; it and everything below it has no depth.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class Shape:
    """`depth`: 0 for a root, for every code whose parents lead to a root; `cycles`: every code
    on a cycle → the cycle from it back to it (`C1 → C2 → C1` as a list); `unknown`: codes whose
    own parent is unknown."""

    depth: dict[str, int] = field(default_factory=dict)
    cycles: dict[str, list[str]] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)


def shape(parent_of: Mapping[str, str]) -> Shape:
    """Depths, cycles and unknown parents of a tree, visiting every code once."""
    result = Shape()
    done: set[str] = set()  # codes with a final answer (a depth, or none)
    for start in parent_of:
        if start in done:
            continue
        walk: list[str] = []
        on_walk: dict[str, int] = {}
        current = start
        base: int | None = None  # depth of the code where the walk ended, when known
        while True:
            if current in done:
                base = result.depth.get(current)
                break
            if current in on_walk:  # a cycle: from current around to current
                cycle = walk[on_walk[current] :]
                for index, code in enumerate(cycle):
                    result.cycles[code] = [*cycle[index:], *cycle[:index], code]
                base = None
                break
            on_walk[current] = len(walk)
            walk.append(current)
            parent = parent_of[current]
            if not parent:
                base = -1
                break
            if parent not in parent_of:
                result.unknown.add(current)
                base = None
                break
            current = parent
        # Codes before the end of the walk get their depth from it, the nearest last.
        for code in reversed(walk):
            done.add(code)
            if code in result.cycles or base is None:
                base = None
                continue
            base += 1
            result.depth[code] = base
    return result


def parents_first(codes: Iterable[str], parent_of: Mapping[str, str]) -> list[str]:
    """`codes` ordered so that a code comes after its parent when the parent is among them
    (by depth, keeping the given order within a depth); codes without a depth come last."""
    depth = shape(parent_of).depth
    listed = list(codes)
    return sorted(listed, key=lambda code: depth.get(code, len(parent_of)))
