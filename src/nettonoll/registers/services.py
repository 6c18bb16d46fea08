"""Writes of the registers: add, change and end a record; a backup unit's fuel deliveries and
flexibility-market participation. Every save is versioned (a stale form raises `StaleEdit`)
and kept in the history."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.calc.backup_power import (
    Contract,
    OfferProblem,
    flex_offer_problem,
    number_text,
    overlapping_offer_problem,
)
from nettonoll.common.records import save_versioned
from nettonoll.registers import selectors
from nettonoll.registers.declarations import Register
from nettonoll.registers.models import BackupUnit, FlexParticipation, FuelDelivery


class RegisterError(ValueError):
    """A rule of the registers was broken; the message is for the user, `field` the form field
    it is about (None: the record as a whole)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def code_taken_message(register: Register, code: str) -> str:
    field: Any = register.model._meta.get_field(register.code_field)
    return _("%(field)s %(code)s finns redan i organisationen.") % {
        "field": capfirst(str(field.verbose_name)),
        "code": code,
    }


def _checked(register: Register, record: Any) -> None:
    """The record's code in its stored form, unique in the organisation; the model's rules."""
    code = register.code_checked(getattr(record, register.code_field))
    setattr(record, register.code_field, code)
    if selectors.code_taken(register, record.organisation_id, code, record.pk):
        raise RegisterError(code_taken_message(register, code), register.code_field)
    if record.node.organisation_id != record.organisation_id:
        raise RegisterError(_("Enheten hör till en annan organisation."), "node")
    record.full_clean(validate_unique=False, validate_constraints=False)
    if isinstance(record, BackupUnit) and record.pk:
        _contracts_still_deliverable(record)


def _contracts_still_deliverable(unit: BackupUnit) -> None:
    """A change of the unit (less power, a smaller battery, a larger reserve) may not leave a
    current flexibility contract, alone or with those in force at the same time, offering more
    than the unit can then deliver."""
    for participation, refusal in current_contracts_refusals(unit):
        raise RegisterError(
            _("Avtalet på %(market)s från %(day)s kan inte längre uppfyllas: %(reason)s")
            % {
                "market": participation.get_market_display(),
                "day": participation.period_from.isoformat(),
                "reason": refusal,
            }
        )


def current_contracts_refusals(unit: BackupUnit) -> list[tuple[FlexParticipation, str]]:
    """The unit's current contracts (not ended before today) that it cannot deliver as it is
    now, alone or together with the other current contracts in force at the same time, each with
    the reason. Ended contracts do not count: two current contracts that overlapped before today
    are both in force today too."""
    today = datetime.date.today()
    current = list(unit.flex.filter(Q(period_to__isnull=True) | Q(period_to__gte=today)))
    refusals = []
    for participation in current:
        refusal = flex_offer_refusal(unit, participation, others=current)
        if refusal:
            refusals.append((participation, refusal))
    return refusals


@transaction.atomic
def record_create(*, register: Register, record: Any, by: User | None = None) -> Any:
    """Add a record to the register (its node and organisation set)."""
    _checked(register, record)
    save_versioned(record, expected_version=None, by=by)
    return record


@transaction.atomic
def record_update(
    *, register: Register, record: Any, expected_version: int | None, by: User | None = None
) -> Any:
    """Save the record as changed in a form built from `expected_version`."""
    _checked(register, record)
    save_versioned(record, expected_version=expected_version, by=by)
    return record


@transaction.atomic
def record_end(
    *,
    record: Any,
    ended_on: datetime.date,
    expected_version: int | None,
    by: User | None = None,
) -> Any:
    """Take the record out of service from `ended_on` (its `valid_to`)."""
    if ended_on < record.valid_from:
        raise RegisterError(
            _("Slutdatumet ligger före datumet då den togs i drift (%(date)s).")
            % {"date": record.valid_from.isoformat()},
            "ended_on",
        )
    record.valid_to = ended_on
    save_versioned(record, expected_version=expected_version, by=by)
    return record


def offer_problem_text(problem: OfferProblem) -> str:
    """The refusal in the user's language, its words translated too."""
    params = {k: _(v) if k in problem.words else v for k, v in problem.params.items()}
    return _(problem.template) % params if params else _(problem.template)


def contract_label(participation: FlexParticipation) -> str:
    """How a refusal names another contract: market, kW, hours and period."""
    label = _("%(market)s %(kw)s kW i %(hours)s h från %(day)s") % {
        "market": participation.get_market_display(),
        "kw": number_text(participation.contracted_kw),
        "hours": number_text(participation.duration_h),
        "day": participation.period_from.isoformat(),
    }
    if participation.period_to is not None:
        label += _(" till %(day)s") % {"day": participation.period_to.isoformat()}
    return label


def _contract(participation: FlexParticipation) -> Contract:
    return Contract(
        participation.period_from,
        participation.period_to,
        participation.contracted_kw,
        participation.duration_h,
        contract_label(participation),
    )


def flex_offer_refusal(
    unit: BackupUnit,
    participation: FlexParticipation,
    others: list[FlexParticipation] | None = None,
) -> str | None:
    """Why the unit cannot offer what the participation contracts, alone or together with the
    unit's other contracts whose periods overlap it (None: it can). `others`: the contracts to
    count with it (default: all the unit's stored contracts); the participation itself is left
    out of them. An offer without a period yet (a form's first check) is checked alone."""
    problem = flex_offer_problem(
        is_battery=unit.is_battery,
        power_kw=unit.power_kw,
        contracted_kw=participation.contracted_kw,
        duration_h=participation.duration_h,
        battery_kwh=unit.battery_kwh,
        reserved_backup_kwh=unit.reserved_backup_kwh,
    )
    if problem is None and unit.pk is not None and participation.period_from is not None:
        if others is None:
            others = list(unit.flex.all())
        problem = overlapping_offer_problem(
            _contract(participation),
            [_contract(o) for o in others if o.pk is None or o.pk != participation.pk],
            is_battery=unit.is_battery,
            power_kw=unit.power_kw,
            battery_kwh=unit.battery_kwh,
            reserved_backup_kwh=unit.reserved_backup_kwh,
        )
    return offer_problem_text(problem) if problem is not None else None


@transaction.atomic
def delivery_save(
    *, delivery: FuelDelivery, expected_version: int | None, by: User | None = None
) -> FuelDelivery:
    """Add or change a fuel delivery to a backup unit."""
    if delivery.unit.is_battery:
        raise RegisterError(_("Ett batteri tar inte emot bränsleleveranser."))
    try:
        delivery.full_clean(exclude=["unit"])
    except ValidationError as error:
        raise RegisterError(" ".join(error.messages)) from error
    save_versioned(delivery, expected_version=expected_version, by=by)
    return delivery


@transaction.atomic
def flex_save(
    *, participation: FlexParticipation, expected_version: int | None, by: User | None = None
) -> FlexParticipation:
    """Add or change a backup unit's participation in a flexibility market; an offer the unit
    cannot deliver (a battery's reserve for backup kept) is refused with the reason."""
    if participation.period_to is not None and participation.period_to < participation.period_from:
        raise RegisterError(_("Slutdatumet ligger före startdatumet."), "period_to")
    refusal = flex_offer_refusal(participation.unit, participation)
    if refusal:
        raise RegisterError(refusal, "contracted_kw")
    save_versioned(participation, expected_version=expected_version, by=by)
    return participation
