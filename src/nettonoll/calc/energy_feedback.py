"""Energy feedback to units and the follow-up of energy-efficiency measures (no Django).

Feedback: a node's normalised energy (its share of its buildings, degree-day normalised) each of
the last 12 complete months against the same month a year earlier, per carrier and in total:
change = this year − last year (kWh), and as a share of last year (%). A month without last
year's value has no change (None, never 0 %); a month whose normalised value is missing has no
value and a reason.

Measures: the normalised saving measured since a measure was implemented in month M is the sum of
the building's normalised kWh of the carrier over the 12 months before M (M−12 … M−1) minus the
sum over the latest 12 complete months after M (L−11 … L, L the latest complete month), which
needs L ≥ M + 12; before that the saving is None with the months still to wait. The month of
the implementation itself is in neither period (partly before, partly after)."""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TOTAL = ""  # the carrier key of the sum over every carrier


def month_add(month: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after (negative: before) `month`'s month."""
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first: datetime.date, last: datetime.date) -> int:
    """Whole months from `first`'s month to `last`'s month (0: the same month)."""
    return (last.year - first.year) * 12 + last.month - first.month


def last_complete_month(today: datetime.date) -> datetime.date:
    """The first day of the latest month that has ended by `today`."""
    return month_add(today.replace(day=1), -1)


def feedback_months(today: datetime.date) -> list[datetime.date]:
    """The last 12 complete months, oldest first."""
    last = last_complete_month(today)
    return [month_add(last, -offset) for offset in range(11, -1, -1)]


@dataclass(frozen=True)
class MonthFigure:
    """A node's use of a carrier in a month: measured kWh and normalised kWh (None: missing)."""

    month: datetime.date
    carrier: str
    kwh: float
    normalised_kwh: float | None


@dataclass(frozen=True)
class Comparison:
    """One month of one carrier (`TOTAL`: every carrier) against the same month last year.

    `normalised_kwh` / `last_year_kwh`: None when missing (`missing`: "no_readings" — nothing
    read that month, "not_normalised" — read but not normalisable); `change_kwh`, `change_pct`:
    None when either year is missing (and `change_pct` also when last year was 0)."""

    month: datetime.date
    carrier: str
    normalised_kwh: float | None
    last_year_kwh: float | None
    missing: str = ""
    last_year_missing: str = ""

    @property
    def change_kwh(self) -> float | None:
        if self.normalised_kwh is None or self.last_year_kwh is None:
            return None
        return self.normalised_kwh - self.last_year_kwh

    @property
    def change_pct(self) -> float | None:
        change = self.change_kwh
        if change is None or not self.last_year_kwh:
            return None
        return change / self.last_year_kwh * 100


def _value(
    figures: Mapping[tuple[datetime.date, str], MonthFigure], month: datetime.date, carrier: str
) -> tuple[float | None, str]:
    """A month's normalised value of a carrier (or the total) and why it is missing."""
    if carrier != TOTAL:
        found = figures.get((month, carrier))
        if found is None:
            return None, "no_readings"
        return found.normalised_kwh, "" if found.normalised_kwh is not None else "not_normalised"
    that_month = [f for (m, _c), f in figures.items() if m == month]
    if not that_month:
        return None, "no_readings"
    if any(f.normalised_kwh is None for f in that_month):
        return None, "not_normalised"
    return sum(f.normalised_kwh or 0.0 for f in that_month), ""


def compare(
    rows: Iterable[MonthFigure], months: list[datetime.date]
) -> dict[str, list[Comparison]]:
    """Carrier (`TOTAL` first, then the carriers found, by name) → a comparison for each of
    `months` against the same month a year earlier (`rows` must cover both years)."""
    figures = {(r.month, r.carrier): r for r in rows}
    shown = set(months)
    carriers = sorted({c for m, c in figures if m in shown})
    found: dict[str, list[Comparison]] = {}
    for carrier in [TOTAL, *carriers]:
        found[carrier] = []
        for month in months:
            value, missing = _value(figures, month, carrier)
            before, before_missing = _value(figures, month_add(month, -12), carrier)
            found[carrier].append(
                Comparison(month, carrier, value, before, missing, before_missing)
            )
    return found


def comparable_sum(comparisons: list[Comparison]) -> tuple[float | None, float | None, int]:
    """This year's and last year's normalised kWh summed over the months that have a value in
    both years, and how many months that is (no such month: None, None, 0) — a sum over a year
    with a hole would compare unlike with like."""
    both = [c for c in comparisons if c.normalised_kwh is not None and c.last_year_kwh is not None]
    if not both:
        return None, None, 0
    return (
        sum(c.normalised_kwh or 0.0 for c in both),
        sum(c.last_year_kwh or 0.0 for c in both),
        len(both),
    )


@dataclass(frozen=True)
class MeasuredSaving:
    """The normalised saving measured since a measure (kWh over 12 months): `saving_kwh` None
    with `months_left` > 0 (too early) or with `missing_months` (months without a normalised
    value in either period); `share_of_expected_pct` None without an expected saving."""

    saving_kwh: float | None
    before_kwh: float | None = None
    after_kwh: float | None = None
    months_left: int = 0
    missing_months: tuple[datetime.date, ...] = ()
    share_of_expected_pct: float | None = None


def measured_saving(
    monthly: Mapping[datetime.date, float | None],
    implemented_on: datetime.date,
    latest_complete: datetime.date,
    expected_kwh_per_year: float | None = None,
) -> MeasuredSaving:
    """The saving measured since `implemented_on` (see the module text). `monthly`: month (first
    day) → the building's normalised kWh of the carrier (None or absent: missing)."""
    month = implemented_on.replace(day=1)
    latest = latest_complete.replace(day=1)
    months_left = months_between(latest, month_add(month, 12))
    if months_left > 0:
        return MeasuredSaving(None, months_left=months_left)
    before_months = [month_add(month, -n) for n in range(12, 0, -1)]
    after_months = [month_add(latest, -n) for n in range(11, -1, -1)]
    missing = tuple(m for m in before_months + after_months if monthly.get(m) is None)
    if missing:
        return MeasuredSaving(None, missing_months=missing)
    before = sum(monthly[m] or 0.0 for m in before_months)
    after = sum(monthly[m] or 0.0 for m in after_months)
    saving = before - after
    share = saving / expected_kwh_per_year * 100 if expected_kwh_per_year else None
    return MeasuredSaving(saving, before, after, share_of_expected_pct=share)
