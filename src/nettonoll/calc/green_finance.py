"""Green bonds, fossil-free holdings and co-loading shares (docs/methods/finance.md,
docs/methods/circular.md). No Django here.

* ISIN (ISO 6166): two letters (country), nine letters or digits, one check digit: letters as
  numbers (A = 10 … Z = 35), then the Luhn check over the digits.
* A share with nothing to divide by is None (shown as "–"), never 0 %; a share is never above
  100 % (the imports refuse allocations above a bond's amount and co-loaded deliveries above the
  deliveries).
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ISIN_SHAPE = re.compile(r"[A-Z]{2}[A-Z0-9]{9}[0-9]")
HUNDRED = Decimal(100)


def isin_normalised(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()


def isin_check_digit(first_eleven: str) -> int:
    """The check digit of an ISIN's first eleven characters."""
    digits = "".join(str(int(c, 36)) for c in first_eleven)
    total = 0
    # from the right, every other digit (starting with the rightmost) is doubled
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            value = value - 9 if value > 9 else value
        total += value
    return (10 - total % 10) % 10


def isin_valid(text: str) -> bool:
    isin = isin_normalised(text)
    return bool(ISIN_SHAPE.fullmatch(isin)) and isin_check_digit(isin[:11]) == int(isin[11])


def share_pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= 0:
        return None
    return min(HUNDRED, part / whole * HUNDRED)


def outstanding(
    issued_on: datetime.date, matures_on: datetime.date | None, day: datetime.date
) -> bool:
    """A bond is outstanding on a day from its issue until (not including) its maturity."""
    return issued_on <= day and (matures_on is None or matures_on > day)


@dataclass(frozen=True)
class Bond:
    amount_sek: Decimal
    allocated_sek: Decimal
    impact_t_co2e: Decimal


def allocated_pct(bonds: Iterable[Bond]) -> Decimal | None:
    """Allocated ÷ amount of the bonds given (those outstanding on the day)."""
    found = list(bonds)
    return share_pct(
        sum((b.allocated_sek for b in found), Decimal(0)),
        sum((b.amount_sek for b in found), Decimal(0)),
    )


@dataclass(frozen=True)
class Holding:
    value_sek: Decimal
    fossil_free: bool


def fossil_free_pct(holdings: Iterable[Holding]) -> Decimal | None:
    """Fossil-free value ÷ value of the holdings given (those held on the day)."""
    found = list(holdings)
    free = sum((h.value_sek for h in found if h.fossil_free), Decimal(0))
    return share_pct(free, sum((h.value_sek for h in found), Decimal(0)))


@dataclass(frozen=True)
class DeliveryMonth:
    deliveries: int
    coloaded: int
    vehicle_km: Decimal


def coloading_pct(months: Iterable[DeliveryMonth]) -> Decimal | None:
    """Co-loaded deliveries ÷ deliveries over the months given (None without deliveries)."""
    found = list(months)
    return share_pct(
        Decimal(sum(m.coloaded for m in found)), Decimal(sum(m.deliveries for m in found))
    )
