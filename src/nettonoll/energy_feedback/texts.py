"""Figures of the energy feedback in Swedish words: "12 345 kWh", "−1 234 kWh", "−5,2 %"."""

from django.utils import formats
from django.utils.translation import gettext as _

MINUS = "−"  # U+2212, as Swedish typesetting writes a negative number


def number_text(value: float, decimals: int = 0, signed: bool = False) -> str:
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "−0"
    text = formats.number_format(abs(rounded), decimals, use_l10n=True, force_grouping=True)
    if rounded < 0:
        return MINUS + text
    return ("+" + text) if signed and rounded > 0 else text


def kwh_text(value: float | None, signed: bool = False) -> str:
    return "–" if value is None else f"{number_text(value, 0, signed)}\u00a0kWh"


def pct_text(value: float | None, signed: bool = False) -> str:
    return "–" if value is None else f"{number_text(value, 1, signed)}\u00a0%"


def change_text(change_kwh: float | None, change_pct: float | None) -> str:
    """ "−655 kWh, −5,0 %" (no percentage when last year was 0)."""
    if change_kwh is None:
        return _("ingen jämförelse")
    if change_pct is None:
        return kwh_text(change_kwh, signed=True)
    return f"{kwh_text(change_kwh, signed=True)}, {pct_text(change_pct, signed=True)}"
