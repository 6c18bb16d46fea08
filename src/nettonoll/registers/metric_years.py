"""A register's figures for a year are its state on 31 December; the current year has not reached
it. Its figure (the state the register knows today, or the flow so far) is preliminary: the
metric's `preliminary` series, shown beside the values and never in them, their trend or an
indicator's verdict (as the klimatbokslut's preliminary years, decision 0011)."""

import datetime
from dataclasses import replace
from typing import Any

from nettonoll.common.metrics import Metric, ValuesFor, metric_register


def this_year() -> int:
    return datetime.date.today().year


def complete_years(values: ValuesFor) -> ValuesFor:
    def read(node: Any) -> dict[int, float]:
        current = this_year()
        return {year: value for year, value in values(node).items() if year < current}

    return read


def current_year(values: ValuesFor) -> ValuesFor:
    def read(node: Any) -> dict[int, float]:
        current = this_year()
        found = values(node)
        return {current: found[current]} if current in found else {}

    return read


def register_metric_by_year(metric: Metric) -> None:
    """Register a register's metric: complete years as values, the current year preliminary."""
    metric_register(
        replace(
            metric,
            values=complete_years(metric.values),
            preliminary=current_year(metric.values),
        )
    )
