"""Writes for a unit's activities; a concurrent edit is refused, never overwritten."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.organisations.models import Node
from nettonoll.plans.models import (
    Activity,
    ActivityStatus,
    Goal,
)
from nettonoll.plans.services.errors import ConflictError, PlanError
from nettonoll.plans.services.goals import _check_goals_reach

ACTIVITY_FIELDS = (
    "title",
    "description",
    "responsible",
    "start_on",
    "end_on",
    "status",
    "expected_effect_quantity",
    "expected_effect_unit",
    "cost_sek",
    "comment",
)


def _validate_activity(values: dict[str, object]) -> None:
    if not str(values.get("title") or "").strip():
        raise PlanError(_("Aktiviteten behöver en titel."))
    start, end = values.get("start_on"), values.get("end_on")
    if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
        raise PlanError(_("Slutdatum kan inte ligga före startdatum."))
    if values.get("status", ActivityStatus.NOT_STARTED) not in ActivityStatus.values:
        raise PlanError(_("Okänd status för aktiviteten."))
    quantity, unit = values.get("expected_effect_quantity"), values.get("expected_effect_unit")
    if quantity is not None and not unit:
        raise PlanError(_("Ange enheten för den förväntade effekten."))
    cost = values.get("cost_sek")
    if isinstance(cost, Decimal) and cost < 0:
        raise PlanError(_("Kostnaden kan inte vara negativ."))


@transaction.atomic
def activity_create(
    *, node: Node, goals: Sequence[Goal], by: User | None = None, **values: object
) -> Activity:
    _check_goals_reach(node, goals)
    _validate_activity(values)
    activity = Activity(
        node=node, created_by=by, **{k: v for k, v in values.items() if k in ACTIVITY_FIELDS}
    )
    changed_by(activity, by)
    activity.save()
    activity.goals.set(goals)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    expected_version: int,
    goals: Sequence[Goal],
    by: User | None = None,
    **values: object,
) -> Activity:
    _check_goals_reach(activity.node, goals)
    _validate_activity(values)
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != expected_version:
        raise ConflictError(
            _(
                "Någon annan har sparat aktiviteten medan du redigerade den. Din ändring är inte "
                "sparad; se den sparade versionen nedan och gör om din ändring."
            ),
            current,
        )
    for key, value in values.items():
        if key in ACTIVITY_FIELDS:
            setattr(current, key, value)
    current.version += 1
    changed_by(current, by)
    current.save()
    current.goals.set(goals)
    return current
