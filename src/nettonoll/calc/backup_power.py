"""Backup power: may a unit offer a flexibility market this much power?

A genset may offer at most its rated power. A battery also keeps the energy reserved for backup
(`reserved_backup_kwh`) untouched: what it offers must be deliverable for the contract's
duration from the energy that remains, so contracted_kw ≤ power_kw and
contracted_kw × duration_h ≤ battery_kwh − reserved_backup_kwh. A battery whose energy is not
known cannot be offered. The unit's contracts whose periods overlap count together: at every
moment, the contracted kW of the contracts in force add up to at most the unit's power, and for a
battery their kW × hours to at most battery_kwh − reserved_backup_kwh. Units: kW, kWh, hours.
See docs/methods (backup power)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal


def gettext_noop(message: str) -> str:
    """Marks a text for translation (makemessages extracts it); the text itself is unchanged."""
    return message


OFFER_MESSAGES = {
    "power": gettext_noop(
        "%(unit)s ger högst %(power_kw)s kW, så %(contracted_kw)s kW kan inte erbjudas."
    ),
    "battery_unknown": gettext_noop(
        "Batteriets energi (kWh) saknas: ett batteri kan inte erbjudas på en flexmarknad förrän "
        "det är känt hur mycket energi som finns kvar utöver reservkraften."
    ),
    "battery_energy": gettext_noop(
        "Batteriet har %(battery_kwh)s kWh, varav %(reserved_kwh)s kWh reserveras för "
        "reservkraft: %(remaining_kwh)s kWh kvar räcker för högst %(max_kw)s kW i "
        "%(duration_h)s %(hours)s, inte %(contracted_kw)s kW."
    ),
    "duration": gettext_noop("Uthålligheten måste vara större än 0 timmar."),
    "overlap_power": gettext_noop(
        "%(unit)s ger högst %(power_kw)s kW, men den %(day)s gäller samtidigt %(others)s: "
        "tillsammans med %(contracted_kw)s kW blir det %(total_kw)s kW."
    ),
    "overlap_energy": gettext_noop(
        "Batteriet har %(battery_kwh)s kWh, varav %(reserved_kwh)s kWh reserveras för "
        "reservkraft: %(remaining_kwh)s kWh kvar. Den %(day)s gäller samtidigt %(others)s: "
        "tillsammans med %(contracted_kwh)s kWh (%(contracted_kw)s kW i %(duration_h)s "
        "%(hours)s) behövs %(total_kwh)s kWh."
    ),
}
HOUR = gettext_noop("timme")
HOURS = gettext_noop("timmar")
GENSET = gettext_noop("Aggregatet")
BATTERY = gettext_noop("Batteriet")


@dataclass(frozen=True)
class OfferProblem:
    """Why an offer is refused: `code` (a key of OFFER_MESSAGES) with its figures as text.
    `params` values that are themselves translatable words are listed in `words`."""

    code: str
    params: dict[str, str] = field(default_factory=dict)
    words: tuple[str, ...] = ()

    @property
    def template(self) -> str:
        return OFFER_MESSAGES[self.code]

    def text(self) -> str:
        """The Swedish source text with the figures filled in."""
        return self.template % self.params if self.params else self.template


def number_text(value: Decimal) -> str:
    """A figure as a Swedish reader writes it: 1,5 – 400 – 12 500 (no trailing zeros)."""
    value = value.quantize(Decimal("0.1")) if value != value.to_integral() else value
    if value == value.to_integral():
        whole = f"{int(value):,}".replace(",", "\u00a0")
        return whole
    sign = "-" if value < 0 else ""
    integral, _dot, fraction = format(abs(value).normalize(), "f").partition(".")
    return f"{sign}{int(integral):,}".replace(",", "\u00a0") + "," + fraction


def flex_offer_problem(
    *,
    is_battery: bool,
    power_kw: Decimal,
    contracted_kw: Decimal,
    duration_h: Decimal = Decimal(1),
    battery_kwh: Decimal | None = None,
    reserved_backup_kwh: Decimal | None = None,
) -> OfferProblem | None:
    """None when the unit can deliver `contracted_kw` for `duration_h` hours; otherwise the
    reason with the figures. A battery's reserve is `reserved_backup_kwh` (none reserved: 0)."""
    if is_battery and battery_kwh is None:
        return OfferProblem("battery_unknown")
    if contracted_kw > power_kw:
        return OfferProblem(
            "power",
            {
                "unit": BATTERY if is_battery else GENSET,
                "power_kw": number_text(power_kw),
                "contracted_kw": number_text(contracted_kw),
            },
            words=("unit",),
        )
    if not is_battery or battery_kwh is None:
        return None
    if duration_h <= 0:
        return OfferProblem("duration")
    reserved = reserved_backup_kwh or Decimal(0)
    remaining = max(battery_kwh - reserved, Decimal(0))
    if contracted_kw * duration_h <= remaining:
        return None
    max_kw = min(remaining / duration_h, power_kw)
    return OfferProblem(
        "battery_energy",
        {
            "battery_kwh": number_text(battery_kwh),
            "reserved_kwh": number_text(reserved),
            "remaining_kwh": number_text(remaining),
            "max_kw": number_text(max_kw.quantize(Decimal("0.1"))),
            "duration_h": number_text(duration_h),
            "hours": HOUR if duration_h == 1 else HOURS,
            "contracted_kw": number_text(contracted_kw),
        },
        words=("hours",),
    )


@dataclass(frozen=True)
class Contract:
    """A flexibility contract of the unit: its period (`period_to` the last day, inclusive;
    None: open), contracted kW for `duration_h` hours, and how a refusal names it."""

    period_from: datetime.date
    period_to: datetime.date | None
    contracted_kw: Decimal
    duration_h: Decimal
    label: str = ""

    def in_force(self, day: datetime.date) -> bool:
        return self.period_from <= day and (self.period_to is None or self.period_to >= day)

    @property
    def kwh(self) -> Decimal:
        return self.contracted_kw * self.duration_h


def overlapping_offer_problem(
    contract: Contract,
    others: Iterable[Contract],
    *,
    is_battery: bool,
    power_kw: Decimal,
    battery_kwh: Decimal | None = None,
    reserved_backup_kwh: Decimal | None = None,
) -> OfferProblem | None:
    """None when `contract` together with the unit's `others` in force at the same time never
    asks more than the unit has; otherwise the first day it does, with the contracts then in force
    (their labels joined) and the figures. The sums only grow on a day a contract starts, so the
    days checked are the start of `contract` and the starts of the others within its period."""
    others = [o for o in others if o is not contract]
    days = sorted(
        {contract.period_from} | {o.period_from for o in others if contract.in_force(o.period_from)}
    )
    reserved = reserved_backup_kwh or Decimal(0)
    for day in days:
        running = [o for o in others if o.in_force(day)]
        if not running:
            continue
        names = ", ".join(o.label for o in running)
        total_kw = contract.contracted_kw + sum((o.contracted_kw for o in running), Decimal(0))
        if total_kw > power_kw:
            return OfferProblem(
                "overlap_power",
                {
                    "unit": BATTERY if is_battery else GENSET,
                    "power_kw": number_text(power_kw),
                    "day": day.isoformat(),
                    "others": names,
                    "contracted_kw": number_text(contract.contracted_kw),
                    "total_kw": number_text(total_kw),
                },
                words=("unit",),
            )
        if not is_battery or battery_kwh is None:
            continue
        remaining = max(battery_kwh - reserved, Decimal(0))
        total_kwh = contract.kwh + sum((o.kwh for o in running), Decimal(0))
        if total_kwh > remaining:
            return OfferProblem(
                "overlap_energy",
                {
                    "battery_kwh": number_text(battery_kwh),
                    "reserved_kwh": number_text(reserved),
                    "remaining_kwh": number_text(remaining),
                    "day": day.isoformat(),
                    "others": names,
                    "contracted_kwh": number_text(contract.kwh),
                    "contracted_kw": number_text(contract.contracted_kw),
                    "duration_h": number_text(contract.duration_h),
                    "hours": HOUR if contract.duration_h == 1 else HOURS,
                    "total_kwh": number_text(total_kwh),
                },
                words=("hours",),
            )
    return None
