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


INDICATOR_EDITABLE = (
    "name",
    "unit",
    "direction",
    "baseline_year",
    "baseline_value",
    "description",
    "metric_key",
)


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    values: dict[str, object],
    targets: Sequence[tuple[int, Decimal]],
    expected_version: int | None,
    by: User | None = None,
) -> Indicator:
    """Edit an indicator's definition, baseline and targets in one save. The targets are the
    whole new list: a year left out is removed, a new year added, a changed value corrected;
    every change stays in the history. A form built from an older `expected_version` is refused
    with `StaleEdit` (the indicator's version covers its targets)."""
    metric_key = str(values.get("metric_key", "") or "").strip()
    if metric_key and metric_get(metric_key) is None:
        raise IndicatorError(_("Källan %(key)s finns inte.") % {"key": metric_key})
    if values["direction"] not in Direction.values:
        raise IndicatorError(_("Ange om indikatorn ska minska eller öka."))
    name = values["name"]
    others = Indicator.objects.filter(organisation_id=indicator.organisation_id, name=name)
    if others.exclude(pk=indicator.pk).exists():
        raise IndicatorError(
            _("Det finns redan en indikator med namnet %(name)s.") % {"name": name}
        )
    baseline_year = values["baseline_year"]
    assert isinstance(baseline_year, int)
    years = [year for year, _value in targets]
    if any(year <= baseline_year for year in years):
        raise IndicatorError(_("Ett målår måste ligga efter basåret."))
    if len(set(years)) != len(years):
        raise IndicatorError(_("Varje målår får bara finnas en gång."))
    for key in INDICATOR_EDITABLE:
        if key in values:
            setattr(indicator, key, metric_key if key == "metric_key" else values[key])
    save_versioned(indicator, expected_version=expected_version, by=by)
    wanted = dict(targets)
    for target in list(indicator.targets.all()):
        if target.year not in wanted:
            changed_by(target, by)
            target.delete()
        elif target.value != wanted[target.year]:
            target.value = wanted[target.year]
            save_versioned(target, expected_version=None, by=by)
    held = set(indicator.targets.values_list("year", flat=True))
    for year, value in targets:
        if year not in held:
            target = IndicatorTarget(indicator=indicator, year=year, value=value)
            changed_by(target, by)
            target.save()
    return indicator
