"""Swedish registration numbers (no Django): normalised and checked.

A Swedish plate is three letters and three characters: `ABC123`, or since 2019 also `ABC12D`
(the last character a letter). The letters I, Q, V, Å, Ä and Ö are not used on plates (they are
too easily mistaken for others), and the last character is never O (mistaken for 0). People write
the number with a space or a hyphen (`ABC 123`, `abc-12d`): `normalise` removes them.
"""

import re

LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"  # A–Z without I, Q, V (and no Å, Ä, Ö)
LAST_LETTERS = LETTERS.replace("O", "")
PATTERN = re.compile(rf"[{LETTERS}]{{3}}[0-9]{{2}}[0-9{LAST_LETTERS}]")
SEPARATORS = re.compile(r"[\s\-\u00a0\u2010\u2011\u2012\u2013]+")


def normalise(text: str) -> str:
    """Upper case, with spaces and hyphens removed: ` abc-12d ` → `ABC12D`."""
    return SEPARATORS.sub("", text).upper()


def is_valid(reg_no: str) -> bool:
    """Whether a normalised number has the Swedish format (`ABC123` or `ABC12D`)."""
    return PATTERN.fullmatch(reg_no) is not None


def checked(text: str) -> str | None:
    """The normalised number, or None when it is not a Swedish registration number."""
    reg_no = normalise(text)
    return reg_no if is_valid(reg_no) else None
