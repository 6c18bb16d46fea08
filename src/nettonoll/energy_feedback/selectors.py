"""Reads of the energy feedback and the measures: a node's normalised energy month by month
against the same month last year (`estate.energy.node_months`, compared in
`calc.energy_feedback`) with the reason for each missing value in words, a node's measures with
their follow-up, and who may view a node outside a request."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nettonoll.accounts.models import User
from nettonoll.calc import degree_days
from nettonoll.calc.energy_feedback import (
    TOTAL,
    Comparison,
    MeasuredSaving,
    MonthFigure,
    comparable_sum,
    compare,
    feedback_months,
    last_complete_month,
    measured_saving,
    month_add,
)
from nettonoll.energy_feedback.models import EnergyMeasure, FeedbackSubscription
from nettonoll.estate.energy import building_month_rows, building_weights, node_months
from nettonoll.estate.models import Building, Carrier, DegreeDayMonth, EnergyReading, locality_key
from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node


def month_name(month: datetime.date) -> str:
    """ "januari 2026" """
    return formats.date_format(month, "F Y")


def carrier_label(carrier: str) -> str:
    if carrier == TOTAL:
        return _("Alla energibärare")
    return str(Carrier(carrier).label) if carrier in Carrier.values else carrier


@dataclass(frozen=True)
class CarrierFeedback:
    carrier: str
    label: str
    rows: list[Comparison]
    this_year_kwh: float | None  # over the months compared (a value in both years)
    last_year_kwh: float | None
    months_compared: int

    @property
    def change_pct(self) -> float | None:
        if self.this_year_kwh is None or not self.last_year_kwh:
            return None
        return (self.this_year_kwh - self.last_year_kwh) / self.last_year_kwh * 100

    @property
    def period_label(self) -> str:
        """Which months the sums cover, in words."""
        if self.months_compared == len(self.rows):
            return ngettext(
                "de senaste %(n)d månaderna", "de senaste %(n)d månaderna", self.months_compared
            ) % {"n": self.months_compared}
        return ngettext(
            "%(n)d av de senaste %(all)d månaderna (den med värde båda åren)",
            "%(n)d av de senaste %(all)d månaderna (de med värde båda åren)",
            self.months_compared,
        ) % {"n": self.months_compared, "all": len(self.rows)}


@dataclass(frozen=True)
class Feedback:
    """A node's last 12 complete months (`carriers[0]` is the total); `reasons`: (month,
    carrier) → why the normalised value is missing, in words; `problem`: why nothing could be
    computed (degree days of mixed bases), in words."""

    node: Node
    months: list[datetime.date]
    carriers: list[CarrierFeedback] = field(default_factory=list)
    reasons: dict[tuple[datetime.date, str], str] = field(default_factory=dict)
    has_buildings: bool = False
    problem: str = ""

    @property
    def total(self) -> CarrierFeedback | None:
        return self.carriers[0] if self.carriers else None

    @property
    def has_data(self) -> bool:
        total = self.total
        return total is not None and any(r.normalised_kwh is not None for r in total.rows)

    def latest(self) -> Comparison | None:
        """The total of the latest month (the month an e-mail reports)."""
        total = self.total
        return total.rows[-1] if total is not None and total.rows else None

    def latest_with_value(self) -> Comparison | None:
        """The total of the latest month that has a normalised value."""
        total = self.total
        rows = [r for r in total.rows if r.normalised_kwh is not None] if total else []
        return rows[-1] if rows else None

    def reason(self, row: Comparison, last_year: bool = False) -> str:
        month = month_add(row.month, -12) if last_year else row.month
        code = row.last_year_missing if last_year else row.missing
        if code == "no_readings":
            return _("inga avläsningar för månaden")
        if code == "not_normalised":
            return self.reasons.get((month, row.carrier)) or _(
                "graddagar saknas för någon av byggnaderna"
            )
        return ""


def node_feedback(node: Node, today: datetime.date | None = None) -> Feedback:
    """The node's energy feedback for the last 12 complete months before `today`."""
    months = feedback_months(today or datetime.date.today())
    weights = building_weights(node)
    feedback = Feedback(node, months, has_buildings=bool(weights))
    if not weights:
        return feedback
    first = month_add(months[0], -12)
    try:
        found = node_months(node, first, months[-1])
    except degree_days.MixedBases as mixed:
        bases = ", ".join(f"{b:g} °C" for b in mixed.bases)
        return Feedback(
            node,
            months,
            has_buildings=True,
            problem=_("Graddagarna har olika bastemperaturer (%(bases)s) och kan inte blandas.")
            % {"bases": bases},
        )
    figures = [MonthFigure(f.month, f.carrier, f.kwh, f.normalised_kwh) for f in found]
    compared = compare(figures, months)
    carriers = []
    for carrier, rows in compared.items():
        this_year, last_year, count = comparable_sum(rows)
        carriers.append(
            CarrierFeedback(carrier, carrier_label(carrier), rows, this_year, last_year, count)
        )
    missing = {(f.month, f.carrier) for f in figures if f.normalised_kwh is None}
    reasons = _missing_reasons(weights, missing)
    for (month, _carrier), text in list(reasons.items()):
        reasons.setdefault((month, TOTAL), text)
    return Feedback(node, months, carriers, reasons, has_buildings=True)


def _missing_reasons(
    weights: dict[int, float], missing: set[tuple[datetime.date, str]]
) -> dict[tuple[datetime.date, str], str]:
    """(month, carrier) → which building has no locality, or which locality has no degree days
    that month."""
    if not missing:
        return {}
    months = {m for m, _c in missing}
    buildings = {b.pk: b for b in Building.objects.filter(pk__in=list(weights))}
    readings = EnergyReading.objects.filter(
        building_id__in=list(weights), month__in=months
    ).values_list("building_id", "month", "carrier")
    have = {
        (locality_key(loc), month)
        for loc, month in DegreeDayMonth.objects.filter(month__in=months).values_list(
            "locality", "month"
        )
    }
    found: dict[tuple[datetime.date, str], list[str]] = defaultdict(list)
    for building_id, month, carrier in readings:
        if (month, carrier) not in missing:
            continue
        building = buildings[building_id]
        key = locality_key(building.locality)
        if not key:
            text = _("byggnaden %(building)s har ingen ort för graddagar") % {
                "building": str(building)
            }
        elif (key, month) not in have:
            text = _("graddagar för %(locality)s saknas för %(month)s") % {
                "locality": building.locality,
                "month": month_name(month),
            }
        else:
            continue
        if text not in found[(month, carrier)]:
            found[(month, carrier)].append(text)
    return {key: "; ".join(texts) for key, texts in found.items()}


def subscription_of(user: User, node: Node) -> FeedbackSubscription | None:
    return FeedbackSubscription.objects.filter(user=user, node=node).first()


def may_view(user: User, node: Node) -> bool:
    """Whether the user (active) may still see the node, outside a request."""
    return bool(user.is_active) and Access(user).can_view(node)


# -- measures ----------------------------------------------------------------------------------


def measures_of(node: Node) -> QuerySet[EnergyMeasure]:
    """The measures in the buildings of the node's subtree."""
    return (
        EnergyMeasure.objects.filter(
            building__organisation_id=node.organisation_id,
            building__node__path__startswith=node.path,
        )
        .select_related("building", "building__node", "activity")
        .order_by("building__building_code", "implemented_on", "title")
    )


def buildings_of(node: Node) -> QuerySet[Building]:
    """The buildings of the node's subtree (where its measures can be)."""
    return Building.objects.filter(
        organisation_id=node.organisation_id, node__path__startswith=node.path
    ).select_related("node")


@dataclass(frozen=True)
class FollowUp:
    """A measure's follow-up: the saving measured (None: `not_yet` says why, in words)."""

    measure: EnergyMeasure
    result: MeasuredSaving | None
    not_yet: str = ""


def _building_monthly(
    building: Building, carrier: str, first: datetime.date, last: datetime.date
) -> dict[datetime.date, float | None]:
    """Month → the building's normalised kWh of the carrier; a month the building has readings
    of other carriers but none of this one counts as 0 (the carrier was not used), a month with
    no readings at all is missing."""
    rows = building_month_rows({building.pk: 1.0}, first, last)
    monthly: dict[datetime.date, float | None] = {}
    read_months = set()
    for _building_id, month, row_carrier, _kwh, normalised in rows:
        read_months.add(month)
        if row_carrier == carrier:
            monthly[month] = normalised
    for month in read_months:
        monthly.setdefault(month, 0.0)
    return monthly


def follow_up(measure: EnergyMeasure, today: datetime.date | None = None) -> FollowUp:
    latest = last_complete_month(today or datetime.date.today())
    if measure.implemented_on is None:
        return FollowUp(measure, None, _("inte genomförd än"))
    month = measure.implemented_on.replace(day=1)
    expected = float(measure.expected_saving_kwh_per_year)
    early = measured_saving({}, measure.implemented_on, latest, expected)
    if early.months_left:
        return FollowUp(measure, early, _too_early(early.months_left))
    try:
        monthly = _building_monthly(
            measure.building, measure.carrier, month_add(month, -12), latest
        )
    except degree_days.MixedBases:
        return FollowUp(measure, None, _("graddagar med olika bastemperaturer kan inte blandas"))
    result = measured_saving(monthly, measure.implemented_on, latest, expected)
    if result.missing_months:
        names = ", ".join(month_name(m) for m in result.missing_months[:3])
        more = len(result.missing_months) - 3
        text = _("normalårskorrigerade värden saknas för %(months)s") % {"months": names}
        if more > 0:
            text += " " + ngettext("och %(n)d månad till", "och %(n)d månader till", more) % {
                "n": more
            }
        return FollowUp(measure, result, text)
    return FollowUp(measure, result)


def _too_early(months_left: int) -> str:
    return ngettext(
        "för tidigt att mäta, %(n)d månad kvar",
        "för tidigt att mäta, %(n)d månader kvar",
        months_left,
    ) % {"n": months_left}
