"""The figures of charging points and backup power for a year: the state on 31 December of what
was in service that day (docs/methods/registers.md, "Laddpunkter och reservkraft"). No Django.

A record is in service on a day when it started on or before it and had not ended: `valid_to` is
the first day out of service (as `organisations.records.valid_on`). A share with nothing to divide
by is None, never 0.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

Number = float | int | Decimal

# backup-power energy counted as renewable or battery (hvo100 only with the engine's approval)
RENEWABLE_BACKUP_ENERGY = ("biogas", "batteri")
# a unit with the engine's HVO100 approval also counts when all its deliveries in the 12 months
# up to the day of the state (at least one) were 100 % renewable (DOMAIN-NOTES §B4)
FULLY_RENEWABLE_PCT = 100


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def state_day(year: int, today: datetime.date) -> datetime.date:
    """The day whose last 12 months decide a year's state: 31 December for a complete year,
    `today` for the current (preliminary) one."""
    return min(year_end(year), today)


def year_before(on: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:
        return on.replace(year=on.year - 1, day=28)


def in_service(
    valid_from: datetime.date, valid_to: datetime.date | None, on: datetime.date
) -> bool:
    return valid_from <= on and (valid_to is None or valid_to > on)


def years_from(starts: Iterable[datetime.date | int], last: int) -> range:
    """The years from the first start to `last` (empty without starts)."""
    years = [s if isinstance(s, int) else s.year for s in starts]
    return range(min(years), max(last, max(years)) + 1) if years else range(0)


def share_pct(part: Number, whole: Number) -> float | None:
    return 100 * float(part) / float(whole) if whole else None


def ratio(part: Number, whole: Number) -> float | None:
    return float(part) / float(whole) if whole else None


@dataclass(frozen=True)
class Site:
    valid_from: datetime.date
    valid_to: datetime.date | None
    points: int
    parking_spaces: int | None
    parking_spaces_with_charging: int | None


@dataclass(frozen=True)
class Unit:
    valid_from: datetime.date
    valid_to: datetime.date | None
    power_kw: Number
    energy: str
    hvo100_approved: bool
    # the unit's fuel deliveries: (delivered on, renewable %)
    deliveries: tuple[tuple[datetime.date, Number], ...] = ()


@dataclass(frozen=True)
class Flex:
    period_from: datetime.date
    period_to: datetime.date | None  # the last day of the period (inclusive); None: open
    contracted_kw: Number
    revenue_sek: Number


def points(sites: Iterable[Site], year: int) -> int:
    on = year_end(year)
    return sum(s.points for s in sites if in_service(s.valid_from, s.valid_to, on))


def parking_share_pct(sites: Iterable[Site], year: int) -> float | None:
    """Parking spaces with charging ÷ parking spaces, of the sites in service that give both."""
    on = year_end(year)
    counted = [
        s
        for s in sites
        if in_service(s.valid_from, s.valid_to, on)
        and s.parking_spaces is not None
        and s.parking_spaces_with_charging is not None
    ]
    return share_pct(
        sum(s.parking_spaces_with_charging or 0 for s in counted),
        sum(s.parking_spaces or 0 for s in counted),
    )


def is_renewable_or_battery(unit: Unit, on: datetime.date) -> bool:
    """Renewable or battery on the day `on`: its energy is HVO100 (approved), biogas or battery,
    or it has the engine's HVO100 approval and every delivery to it in the 12 months up to `on`
    (after the same day a year earlier, up to and including `on`; at least one delivery) was
    100 % renewable. On 31 December the 12 months are the calendar year."""
    if unit.energy in RENEWABLE_BACKUP_ENERGY or (unit.energy == "hvo100" and unit.hvo100_approved):
        return True
    since = year_before(on)
    recent = [float(pct) for day, pct in unit.deliveries if since < day <= on]
    return unit.hvo100_approved and bool(recent) and min(recent) >= FULLY_RENEWABLE_PCT


def backup_kw(units: Iterable[Unit], year: int) -> float:
    on = year_end(year)
    return sum(float(u.power_kw) for u in units if in_service(u.valid_from, u.valid_to, on))


def renewable_or_battery_pct(
    units: Iterable[Unit], year: int, on: datetime.date | None = None
) -> float | None:
    """kW of the units in service on 31 December that are renewable or battery on `on` (the day
    of the state, `state_day`; default 31 December) ÷ kW of all units in service then."""
    serving = [u for u in units if in_service(u.valid_from, u.valid_to, year_end(year))]
    day = on or year_end(year)
    return share_pct(
        sum(float(u.power_kw) for u in serving if is_renewable_or_battery(u, day)),
        sum(float(u.power_kw) for u in serving),
    )


def renewable_fuel_pct(
    deliveries: Iterable[tuple[datetime.date, Number, Number]], year: int
) -> float | None:
    """Renewable litres ÷ litres of the deliveries (date, volume l, renewable %) in the year."""
    of_year = [(float(v), float(p)) for day, v, p in deliveries if day.year == year]
    return share_pct(sum(v * p / 100 for v, p in of_year), sum(v for v, _p in of_year))


def flexibility_kw(periods: Iterable[Flex], year: int) -> float:
    """Contracted kW of the periods that cover 31 December."""
    on = year_end(year)
    return sum(
        float(f.contracted_kw)
        for f in periods
        if f.period_from <= on and (f.period_to is None or f.period_to >= on)
    )


def flexibility_revenue_sek(periods: Iterable[Flex], year: int) -> float:
    """Revenue of the participations whose period starts in the year."""
    return sum(float(f.revenue_sek) for f in periods if f.period_from.year == year)
