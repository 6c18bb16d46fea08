"""Checks of register codes people type: a Swedish registration number, written as the
Transport Agency writes it (upper case, no spaces)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nettonoll.calc import regno

REG_NO_FORMAT = _(
    "Registreringsnumret %(reg_no)s följer inte det svenska formatet: tre bokstäver och tre "
    "siffror (ABC123) eller tre bokstäver, två siffror och en bokstav (ABC12D). Bokstäverna I, "
    "Q, V, Å, Ä och Ö används inte och det sista tecknet är aldrig O."
)


def reg_no_checked(value: str) -> str:
    """The normalised registration number (`calc.regno`: 'abc 123' → 'ABC123'); a
    ValidationError in Swedish when it is not one."""
    reg_no = regno.checked(value)
    if reg_no is None:
        params = {"reg_no": regno.normalise(value)}
        raise ValidationError(REG_NO_FORMAT, code="reg_no_format", params=params)
    return reg_no


def code_checked(value: str) -> str:
    """Any other register code: trimmed, as typed."""
    return value.strip()
