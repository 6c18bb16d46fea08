"""Writes for indicators: define, set targets, enter values (history kept)."""

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.common.metrics import metric_get
from nettonoll.common.records import require_version, save_versioned
from nettonoll.indicators.models import Direction, Indicator, IndicatorTarget, IndicatorValue
from nettonoll.organisations.models import Node, Organisation


class IndicatorError(ValueError):
    """A rule of indicators was broken; the message is for the user."""


@transaction.atomic
def indicator_define(
    *,
    organisation: Organisation,
    name: str,
    unit: str,
    direction: str,
    baseline_year: int,
    baseline_value: Decimal,
    targets: Sequence[tuple[int, Decimal]] = (),
    description: str = "",
    metric_key: str = "",
    by: User | None = None,
) -> Indicator:
    if metric_key.strip() and metric_get(metric_key.strip()) is None:
        raise IndicatorError(_("Källan %(key)s finns inte.") % {"key": metric_key})
    if direction not in Direction.values:
        raise IndicatorError(_("Ange om indikatorn ska minska eller öka."))
    if Indicator.objects.filter(organisation=organisation, name=name).exists():
        raise IndicatorError(
            _("Det finns redan en indikator med namnet %(name)s.") % {"name": name}
        )
    for year, _value in targets:
        if year <= baseline_year:
            raise IndicatorError(_("Ett målår måste ligga efter basåret."))
    indicator = Indicator(
        organisation=organisation,
        name=name,
        unit=unit,
        direction=direction,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        description=description,
        metric_key=metric_key.strip(),
    )
    changed_by(indicator, by)
    indicator.save()
    for year, value in targets:
        target = IndicatorTarget(indicator=indicator, year=year, value=value)
        changed_by(target, by)
        target.save()
    return indicator


@transaction.atomic
def indicator_value_enter(
    *,
    indicator: Indicator,
    node: Node,
    year: int,
    value: Decimal,
    comment: str = "",
    expected_version: int | None = None,
    by: User | None = None,
) -> IndicatorValue:
    """Enter (or correct) the value of a year for a node; a correction keeps the old value in
    the history. `expected_version` is the version the user's form showed (0: no value yet);
    a value saved by someone else since is refused with `StaleEdit`."""
    if indicator.metric_key:
        raise IndicatorError(
            _("Indikatorn beräknas ur källan %(source)s; dess värden ändras där.")
            % {"source": indicator.metric.label if indicator.metric else indicator.metric_key}
        )
    if node.organisation_id != indicator.organisation_id:
        raise IndicatorError(_("Enheten hör till en annan organisation."))
    if year < 1990 or year > 2100:
        raise IndicatorError(_("Året måste ligga mellan 1990 och 2100."))
    entry = IndicatorValue.objects.filter(indicator=indicator, node=node, year=year).first()
    if expected_version is not None:
        require_version(entry, expected_version)
    if entry is None:
        entry = IndicatorValue(indicator=indicator, node=node, year=year, value=value)
    entry.value, entry.comment, entry.entered_by = value, comment, by
    save_versioned(entry, expected_version=expected_version, by=by)
    return entry
