"""Metric sources: a capability declares the figures it can give per node and year, and an
indicator points at one by key instead of being entered by hand.

A capability registers its metrics when its app is ready (`metric_register`), or a family of
metrics whose key carries a parameter (`metric_family_register`, e.g. a klimatbokslut category
prefix). `metric_get(key)` finds either. Values are t CO2e, kWh, % … as the metric's `unit` says,
for the node's whole subtree, per year; they are read when shown, so a source's recalculation is
reflected at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ValuesFor = Callable[[Any], dict[int, float]]


@dataclass(frozen=True)
class Metric:
    key: str
    label: Any  # a Swedish text (lazy translation)
    unit: str
    values: ValuesFor  # node → {year: value} for the node's subtree
    source: Any = ""  # where the values come from, in a sentence
    # node → {year: value} of the years the source has only in part (a klimatbokslut's
    # preliminary years): shown beside the values, never in them or their trend
    preliminary: ValuesFor | None = None


_METRICS: dict[str, Metric] = {}
_FAMILIES: dict[str, Callable[[str], Metric | None]] = {}


def metric_register(metric: Metric) -> None:
    _METRICS[metric.key] = metric


def metric_family_register(prefix: str, make: Callable[[str], Metric | None]) -> None:
    """Keys `prefix + parameter`; `make(parameter)` builds the metric (None: no such metric)."""
    _FAMILIES[prefix] = make


def metric_get(key: str) -> Metric | None:
    if key in _METRICS:
        return _METRICS[key]
    for prefix, make in _FAMILIES.items():
        if key.startswith(prefix) and len(key) > len(prefix):
            return make(key[len(prefix) :])
    return None


def metrics_declared() -> list[Metric]:
    """The metrics an indicator can be pointed at from a form, in declaration order."""
    return list(_METRICS.values())
