"""The renewable share of fuel energy: each fuel's energy content and renewable share per year
from the shipped, versioned table, renewable energy ÷ total energy."""

import pytest

from nettonoll.calc.fuels import FuelUse, fuel_table, read_fuel_table, renewable_share
from nettonoll.calc.mappings import MAPPINGS

HEADER = (
    "category,valid_year,unit,mj_per_unit,energy_source,renewable_pct,version,publisher,title,"
    "link,note\n"
)


def test_every_fuel_card_product_and_vehicle_fuel_has_a_sourced_row() -> None:
    table = fuel_table()
    wanted = set(MAPPINGS["drivmedelskort"].categories.values()) | {
        "fuel.ed95",
        "fuel.vehicle_gas",
        "fuel.biogas",
        "fuel.electricity_vehicles",
        "electricity.renewable_contract",
        "electricity.residual_mix",
    }
    assert wanted <= set(table.categories())
    for category in wanted:
        for row in table.rows[category]:
            assert row.publisher and row.title and row.link.startswith("http")
            assert row.mj_per_unit > 0 and 0 <= row.renewable_pct <= 100
    assert table.version == "2026.2"


def test_hvo100_is_wholly_renewable_and_a_renewable_contract_too() -> None:
    table = fuel_table()
    assert table.lookup("fuel.hvo100", 2024).renewable_pct == 100  # type: ignore[union-attr]
    contract = table.lookup("electricity.renewable_contract", 2024)
    assert contract is not None and contract.renewable_pct == 100


def test_the_row_of_a_year_is_the_latest_one_not_after_it() -> None:
    table = fuel_table()
    assert table.lookup("fuel.diesel", 2023).valid_year == 2022  # type: ignore[union-attr]
    assert table.lookup("fuel.diesel", 2025).valid_year == 2024  # type: ignore[union-attr]
    assert table.lookup("fuel.diesel", 2010) is None
    residual = table.lookup("fuel.electricity_vehicles", 2023)
    assert residual is not None and residual.renewable_pct == pytest.approx(6.51)


def test_figures_not_read_in_a_primary_source_are_marked_for_verifying() -> None:
    table = fuel_table()
    blend_2024 = table.lookup("fuel.diesel", 2024)
    assert blend_2024 is not None and blend_2024.needs_verifying
    assert not table.lookup("fuel.hvo100", 2024).needs_verifying  # type: ignore[union-attr]


def test_the_share_is_renewable_energy_over_total_energy_by_hand() -> None:
    table = read_fuel_table(
        HEADER + "fuel.diesel,2020,l,36,s,25,v1,p,t,https://x,\n"
        "fuel.hvo100,2020,l,34,s,100,v1,p,t,https://x,\n"
        "fuel.electricity_vehicles,2020,kWh,3.6,s,10,v1,p,t,https://x,\n"
    )
    uses = [
        FuelUse("fuel.diesel", 2024, 100, "l"),  # 3 600 MJ, 900 renewable
        FuelUse("fuel.hvo100", 2024, 50, "l"),  # 1 700 MJ, all renewable
        FuelUse("fuel.electricity_vehicles", 2024, 1, "MWh"),  # 3 600 MJ, 360 renewable
    ]
    share = renewable_share(uses, table)
    assert share.total_mj == pytest.approx(3600 + 1700 + 3600)
    assert share.renewable_mj == pytest.approx(900 + 1700 + 360)
    assert share.share_pct == pytest.approx(2960 / 8900 * 100)  # 33.26 %
    assert share.by_category["fuel.hvo100"] == pytest.approx((1700, 1700))
    assert share.version == "v1"


def test_a_quantity_in_energy_units_needs_no_heating_value() -> None:
    share = renewable_share([FuelUse("fuel.hvo100", 2024, 10, "kWh")])
    assert share.total_mj == pytest.approx(36)


def test_nothing_to_divide_by_gives_no_share_and_unknown_fuels_are_named() -> None:
    share = renewable_share(
        [FuelUse("fuel.unknown", 2024, 10, "l"), FuelUse("fuel.diesel", 2024, 5, "kg")]
    )
    assert share.share_pct is None
    assert share.unknown == {("fuel.unknown", "l"), ("fuel.diesel", "kg")}
    assert renewable_share([]).share_pct is None
