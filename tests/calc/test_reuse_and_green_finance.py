"""Avoided emissions of reuse, ISIN check digits and the shares of green finance and co-loading,
computed by hand (docs/methods/circular.md, docs/methods/finance.md)."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from nettonoll.calc import green_finance as gf
from nettonoll.calc import reuse

TABLE_TEXT = (
    "item_type,version,new_kg_co2e,substitution_rate,reconditioning_kg_co2e,"
    "transport_kg_co2e,new_price_sek,source,note\n"
    "kontorsstol,1,72,0.8,5,2,5000,test,\n"
    "skåp,1,10,0.5,4,2,1000,test,\n"
    "kontorsstol,2,80,1,5,2,5000,test,\n"
)


def test_avoided_emissions_and_cost_by_hand() -> None:
    table = reuse.factor_table_parse(TABLE_TEXT, "1")
    result = reuse.avoided([reuse.Transfer("kontorsstol", 10), reuse.Transfer("skåp", 3)], table)
    # chair: 10 × (72 × 0.8 − 5 − 2) = 10 × 50.6 = 506 kg; cupboard: 10 × 0.5 − 4 − 2 < 0 → 0
    assert result.avoided_t_co2e == Decimal("0.506")
    # 10 × 5000 × 0.8 + 3 × 1000 × 0.5 = 40 000 + 1 500
    assert result.avoided_cost_sek == Decimal("41500")
    assert result.items == 13
    assert result.version == "1"
    assert result.by_type["skåp"] == (3, Decimal(0), Decimal("1500.0"))


def test_the_latest_version_is_used_unless_one_is_named() -> None:
    latest = reuse.factor_table_parse(TABLE_TEXT)
    assert latest.version == "2"
    assert latest.factors["kontorsstol"].avoided_kg_per_item == Decimal(73)
    assert "skåp" not in latest.factors


def test_an_item_type_without_a_factor_counts_but_avoids_nothing() -> None:
    table = reuse.factor_table_parse(TABLE_TEXT, "2")
    result = reuse.avoided([reuse.Transfer("pall", 4)], table)
    assert (result.items, result.avoided_t_co2e) == (4, Decimal(0))


@given(st.integers(0, 10_000), st.decimals(0, 1000, places=1), st.decimals(0, 1000, places=1))
def test_avoided_emissions_are_never_negative(
    count: int, recon: Decimal, transport: Decimal
) -> None:
    factor = reuse.ReuseFactor(
        "x", "1", Decimal(50), Decimal(1), recon, transport, Decimal(1), "", ""
    )
    table = reuse.FactorTable("1", {"x": factor})
    assert reuse.avoided([reuse.Transfer("x", count)], table).avoided_t_co2e >= 0


def test_the_shipped_factors_are_sourced_and_versioned() -> None:
    table = reuse.factor_table()
    assert table.version
    assert {"kontorsstol", "bärbar dator", "bildskärm"} <= set(table.factors)
    for factor in table.factors.values():
        assert factor.source
        assert factor.substitution_rate <= 1


def test_isin_check_digits() -> None:
    assert gf.isin_valid("US0378331005")  # Apple Inc.
    assert gf.isin_valid("se0000108656")  # Ericsson B, lower case and normalised
    assert gf.isin_valid("US 0378 3310 05")
    assert not gf.isin_valid("US0378331006")  # wrong check digit
    assert not gf.isin_valid("US037833100")  # too short
    assert not gf.isin_valid("1S0378331005")  # no country letters
    assert gf.isin_check_digit("US037833100") == 5


def test_shares_with_nothing_to_divide_are_none_and_never_above_100() -> None:
    assert gf.share_pct(Decimal(1), Decimal(0)) is None
    assert gf.share_pct(Decimal(3), Decimal(2)) == 100
    assert gf.allocated_pct([]) is None
    bonds = [
        gf.Bond(Decimal(1000), Decimal(250), Decimal(0)),
        gf.Bond(Decimal(3000), Decimal(0), Decimal(0)),
    ]
    assert gf.allocated_pct(bonds) == Decimal("6.25")  # 250 ÷ 4 000
    holdings = [gf.Holding(Decimal(300), True), gf.Holding(Decimal(100), False)]
    assert gf.fossil_free_pct(holdings) == 75
    assert gf.fossil_free_pct([gf.Holding(Decimal(0), True)]) is None
    months = [gf.DeliveryMonth(100, 30, Decimal(10)), gf.DeliveryMonth(300, 90, Decimal(5))]
    assert gf.coloading_pct(months) == 30
    assert gf.coloading_pct([gf.DeliveryMonth(0, 0, Decimal(0))]) is None


def test_a_bond_is_outstanding_from_issue_until_maturity() -> None:
    day = datetime.date(2024, 12, 31)
    assert gf.outstanding(datetime.date(2024, 12, 31), None, day)
    assert not gf.outstanding(datetime.date(2020, 1, 1), datetime.date(2024, 12, 31), day)
    assert not gf.outstanding(datetime.date(2025, 1, 1), None, day)
