"""The shipped factor set: sourced, labelled, versioned by publication; factor parts by scope."""

from urllib.parse import urlparse

import pytest

from nettonoll.calc.categories import SCOPE3_CATEGORIES, category_label, labels
from nettonoll.calc.factors import Factor, FactorTable, default_factors, read_factors
from nettonoll.calc.inventory import klimatbokslut


def test_every_shipped_factor_names_publisher_title_year_and_the_document() -> None:
    for factor in default_factors():
        assert factor.publisher and factor.title and factor.year, factor
        link = urlparse(factor.link)
        assert link.scheme == "https" and link.netloc, factor
        assert link.path.strip("/") or link.query, f"{factor.category}: bare domain {factor.link}"


def test_every_shipped_category_has_a_swedish_and_an_english_name() -> None:
    for factor in default_factors():
        swedish, english = labels()[factor.category]
        assert swedish and english and "." not in swedish and "_" not in swedish
        assert category_label(factor.category) == swedish
        assert category_label(factor.category, "en") == english


def test_an_own_category_is_named_by_its_family() -> None:
    assert category_label("district_heating.egen_nat") == "Fjärrvärme: egen nat"
    assert category_label("okand") == "okand"


def test_every_shipped_scope3_factor_has_its_ghg_protocol_category() -> None:
    for factor in default_factors():
        if factor.scope == 3:
            assert factor.scope3_category in SCOPE3_CATEGORIES, factor
        else:
            assert factor.scope3_category is None, factor


def test_the_latest_vintage_is_used_for_the_latest_year() -> None:
    table = FactorTable(default_factors())
    latest: dict[str, int] = {}
    for factor in default_factors():
        latest[factor.category] = max(latest.get(factor.category, 0), factor.valid_year)
    for category, year in latest.items():
        assert table.lookup(category, 2030).valid_year == year
    assert table.lookup("district_heating.gavle", 2024).factor == 7  # Gävle Energi 2023
    assert table.lookup("district_heating.gavle", 2020).factor == 4.19  # older results keep


FUEL = (
    "category,valid_year,factor,unit,scope,scope3_category,publisher,title,year,link\n"
    "fuel.test,2020,2.5,kg CO2e/l,1,,P,T,2021,https://example.org/t\n"
    "fuel.test,2020,0.5,kg CO2e/l,3,3,P,T,2021,https://example.org/t\n"
)


def test_a_fuel_with_combustion_and_well_to_tank_gives_scope_1_and_scope_3_category_3() -> None:
    factors, problems = read_factors(FUEL)
    assert not problems
    activities = "org_unit,category,period,quantity,unit\nA,fuel.test,2023,1000,l\n"
    results, summary = klimatbokslut(activities.encode(), FactorTable(factors))
    assert summary.by_scope == {"1": pytest.approx(2.5), "3": pytest.approx(0.5)}
    assert summary.by_scope3_category == {"3": pytest.approx(0.5)}
    assert results["scope3_category"].to_list() == [None, 3]
    assert summary.total_t_co2e == pytest.approx(3.0)


def test_a_scope3_category_outside_scope_3_or_1_to_15_is_refused() -> None:
    text = FUEL.replace(",1,,P", ",1,4,P").replace(",3,3,P", ",3,16,P")
    _factors, problems = read_factors(text)
    assert [code for _line, code, _params in problems] == [
        "scope3_category_invalid",
        "scope3_category_invalid",
    ]


def test_parts_of_one_factor_in_different_units_are_refused() -> None:
    _factors, problems = read_factors(FUEL.replace("0.5,kg CO2e/l", "0.5,kg CO2e/kWh"))
    assert [code for _line, code, _params in problems] == ["factor_parts_units"]


def test_a_later_vintage_replaces_every_part() -> None:
    later = Factor("fuel.test", 2024, 2.9, "kg CO2e/l", 1)
    factors, _ = read_factors(FUEL)
    assert FactorTable([*factors, later]).parts("fuel.test", 2025) == (later,)
    assert len(FactorTable([*factors, later]).parts("fuel.test", 2023)) == 2
