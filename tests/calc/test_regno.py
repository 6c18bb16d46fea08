"""Swedish registration numbers: normalised (upper case, no spaces or hyphens) and checked
(`ABC123`, `ABC12D`; no I, Q, V, Å, Ä, Ö; the last character never O). No Django."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nettonoll.calc.regno import LAST_LETTERS, LETTERS, checked, is_valid, normalise


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("ABC123", "ABC123"),
        ("abc123", "ABC123"),
        ("ABC 123", "ABC123"),
        (" abc-12d ", "ABC12D"),
        ("Abc\u00a0123", "ABC123"),
        ("A B C - 1 2 3", "ABC123"),
    ],
)
def test_spaces_and_hyphens_go_and_letters_are_upper_case(written: str, normalised: str) -> None:
    assert normalise(written) == normalised
    assert checked(written) == normalised


@pytest.mark.parametrize("reg_no", ["ABC123", "XYZ999", "MLB12A", "GHJ00Z", "OOO001", "ABC12D"])
def test_both_swedish_formats_are_accepted(reg_no: str) -> None:
    assert is_valid(reg_no)


@pytest.mark.parametrize(
    ("reg_no", "why"),
    [
        ("AIC123", "I is not used"),
        ("ABQ123", "Q is not used"),
        ("VBC123", "V is not used"),
        ("ÅBC123", "Å is not used"),
        ("ABÄ123", "Ä is not used"),
        ("ÖBC123", "Ö is not used"),
        ("ABC12O", "the last character is never O"),
        ("ABC12I", "I is not used at the end either"),
        ("AB1234", "three letters first"),
        ("ABCD12", "two digits in the middle"),
        ("ABC1234", "too long"),
        ("ABC12", "too short"),
        ("", "empty"),
        ("ABC1D3", "a letter only last"),
    ],
)
def test_numbers_outside_the_format_are_refused(reg_no: str, why: str) -> None:
    assert not is_valid(reg_no), why
    assert checked(reg_no) is None


def test_a_lower_case_number_is_only_valid_once_normalised() -> None:
    assert not is_valid("abc123")
    assert is_valid(normalise("abc123"))


@given(
    st.text(alphabet=LETTERS, min_size=3, max_size=3),
    st.text(alphabet="0123456789", min_size=2, max_size=2),
    st.sampled_from("0123456789" + LAST_LETTERS),
)
def test_every_plate_of_allowed_characters_is_valid(letters: str, digits: str, last: str) -> None:
    reg_no = letters + digits + last
    assert is_valid(reg_no) and checked(reg_no.lower()) == reg_no
