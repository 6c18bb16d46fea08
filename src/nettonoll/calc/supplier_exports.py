"""An energy supplier's export read through an organisation's column template into the energy
readings' contract columns `building_code,month,carrier,kwh,temperature_dependent_share`
(framework-free; docs/methods/energy.md).

Suppliers' exports are typically Swedish Excel: semicolons, decimal commas, Windows-1252, the
month as `2024-01`, `jan-24`, `januari 2024` or a date (any day of the month), energy in kWh or
MWh. A value that cannot be read is passed on as written, so that the readings' import refuses
it with its line and the supplier's column."""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from nettonoll.calc.problems import gettext_noop, register

PROBLEMS = register(
    {
        "supplier_template_unknown": gettext_noop("kolumnmallen %(name)s finns inte"),
    }
)

CONTRACT = ("building_code", "month", "carrier", "kwh", "temperature_dependent_share")
UNITS = {"kWh": Decimal(1), "MWh": Decimal(1000)}

MONTH_NAMES = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "maj": 5,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


@dataclass(frozen=True)
class SupplierTemplate:
    """Supplier header (any case) for each contract column; `carrier`: a fixed carrier when the
    file has no carrier column; `unit`: the energy column's unit (kWh or MWh)."""

    name: str
    building_column: str
    month_column: str
    kwh_column: str
    carrier_column: str = ""
    carrier: str = ""
    share_column: str = ""
    unit: str = "kWh"

    def source_of(self) -> dict[str, str]:
        """Contract column → the supplier's header (lower case), for the columns the file has."""
        return {k: v.lower() for k, v in self.headers().items()}

    def headers(self) -> dict[str, str]:
        """Contract column → the supplier's header as the template writes it ("Förbrukning
        MWh"), for messages."""
        found = {
            "building_code": self.building_column,
            "month": self.month_column,
            "carrier": self.carrier_column,
            "kwh": self.kwh_column,
            "temperature_dependent_share": self.share_column,
        }
        return {k: v.strip() for k, v in found.items() if v.strip()}


def month_text(raw: str) -> str | None:
    """`ÅÅÅÅ-MM` of a supplier's month (`2024-01`, `2024-01-15`, `2024-01-01 00:00:00`, `202401`,
    `jan-24`, `jan 2024`, `januari 2024`, `01.2024`), or None when it cannot be read."""
    text = raw.strip().lower()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ t]\d{2}:\d{2}(?::\d{2})?)?", text)
    if found or (found := re.fullmatch(r"(\d{4})(\d{2})", text)):
        year, month = int(found.group(1)), int(found.group(2))
    elif found := re.fullmatch(r"(\d{1,2})[./](\d{4})", text):
        year, month = int(found.group(2)), int(found.group(1))
    elif found := re.fullmatch(r"([a-zåäö]{3})[a-zåäö]*\.?[\s\-/]*'?(\d{2}|\d{4})", text):
        number = MONTH_NAMES.get(found.group(1))
        if number is None:
            return None
        year = int(found.group(2))
        year, month = (2000 + year if year < 100 else year), number
    else:
        return None
    if not 1 <= month <= 12:
        return None
    try:
        datetime.date(year, month, 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}"


def kwh_text(raw: str, unit: str) -> str:
    """The energy in kWh as text (decimal point); the raw text when it is not a number."""
    text = re.sub(r"[\s\u00a0]", "", raw).replace(",", ".")
    try:
        value = Decimal(text) * UNITS[unit]
    except (InvalidOperation, KeyError):
        return raw
    if not value.is_finite():
        return raw
    return format(value.normalize(), "f")


def contract_row(values: Mapping[str, str], template: SupplierTemplate) -> list[str]:
    """A supplier row (header → cell, headers in lower case) in the contract's columns."""
    source = template.source_of()
    cell = {k: values.get(v, "") for k, v in source.items()}
    month = cell.get("month", "")
    carrier = cell.get("carrier", "") or template.carrier
    return [
        cell.get("building_code", ""),
        month_text(month) or month,
        carrier,
        kwh_text(cell.get("kwh", ""), template.unit),
        cell.get("temperature_dependent_share", ""),
    ]
