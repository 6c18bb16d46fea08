"""Checks of register codes people type: a Swedish registration number, written as the
Transport Agency writes it (upper case, no spaces)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Three letters and three digits (ABC123), or since 2019 two digits and a letter (ABC12D);
# the letters I, Q, V, Å, Ä and Ö are not used on Swedish plates.
PLATE_LETTER = "A-HJ-PR-UW-Z"
REG_NO = re.compile(rf"^[{PLATE_LETTER}]{{3}}[0-9]{{2}}[0-9{PLATE_LETTER}]$")
SPACING = re.compile(r"[\s\u00a0\u202f-]")

REG_NO_FORMAT = _(
    "Registreringsnumret %(reg_no)s följer inte det svenska formatet: tre bokstäver och tre "
    "siffror (ABC123) eller tre bokstäver, två siffror och en bokstav (ABC12D). Bokstäverna I, "
    "Q, V, Å, Ä och Ö används inte."
)


def reg_no_normalised(value: str) -> str:
    """Upper case without spaces or hyphens: 'abc 123' → 'ABC123'."""
    return SPACING.sub("", value).upper()


def reg_no_checked(value: str) -> str:
    """The normalised registration number; a ValidationError in Swedish when it is not one."""
    reg_no = reg_no_normalised(value)
    if not REG_NO.match(reg_no):
        raise ValidationError(REG_NO_FORMAT, code="reg_no_format", params={"reg_no": reg_no})
    return reg_no


def code_checked(value: str) -> str:
    """Any other register code: trimmed, as typed."""
    return value.strip()
