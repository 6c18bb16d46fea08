"""Emission factors are shown with the decimals they have: 64,9 g CO2e/kWh, not 64,900 (which a
reader takes for sixty-four thousand nine hundred)."""

from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client
from django.utils import translation

from nettonoll.common.templatetags.numbers import exact_number

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_a_number_keeps_its_own_decimals_and_no_trailing_zeros() -> None:
    with translation.override("sv"):
        assert exact_number(64.9) == "64,9"
        assert exact_number(2853.0) == "2\xa0853"
        assert exact_number(0.03) == "0,03"
        assert exact_number(4.19) == "4,19"
        assert exact_number(0) == "0"
    with translation.override("en"):
        assert exact_number(338.53) == "338.53"


def test_the_factors_page_and_the_drill_down_show_factors_without_trailing_zeros(
    client_as: ClientAs,
) -> None:
    client = client_as("strategist")
    page = unescape(client.get("/org/RJH/klimatbokslut/factors/").content.decode())
    assert "64,9\xa0g CO2e/kWh" in page or "64,9 g CO2e/kWh" in page
    assert "64,900" not in page and "4,190" not in page
    drill = "/org/RJH/klimatbokslut/drill/?year=2024&category=district_heating.ostersund"
    page = unescape(client.get(drill).content.decode())
    assert "Faktor: 24 g CO2e/kWh" in page
    assert "24,000" not in page
