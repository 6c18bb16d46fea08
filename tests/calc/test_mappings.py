"""Column-mapping templates for typical source exports: energy invoices, waste contractor, food
purchases, medical-gas deliveries and the ledger with its account → purchase-group table."""

import pytest

from nettonoll.calc.factors import Factor, FactorTable, default_factors
from nettonoll.calc.inventory import klimatbokslut
from nettonoll.calc.mappings import MAPPINGS, apply_mapping, mapping_get, read_account_table
from nettonoll.calc.problems import Rejected

DEFAULTS = FactorTable(default_factors(), gwp_set="AR5")


def test_an_energy_invoice_is_read_with_its_own_units_and_energy_carriers() -> None:
    text = (
        "Anläggning;Kostnadsställe;Period;Energislag;Förbrukning;Enhet\n"
        "735999;RS-SERV;2024-01;El;1 200,5;MWh\n"
        "735999;RS-SERV;2024-02;Fjärrvärme Östersund;300000;kWh\n"
        "735998;RS-SERV;2024-02;El förnybar;500;MWh\n"
    )
    _results, summary = klimatbokslut(text.encode("cp1252"), DEFAULTS, mapping="energifaktura")
    assert summary.by_category == {
        "electricity.residual_mix": pytest.approx(1200.5 * 524.10e-3),
        "electricity.renewable_contract": pytest.approx(0.0),
        "district_heating.ostersund": pytest.approx(300 * 24e-3),
    }


def test_a_source_value_that_is_already_a_category_code_passes_through() -> None:
    text = (
        "Kostnadsställe;Period;Energislag;Förbrukning;Enhet\n"
        "RS-SERV;2024-03;district_heating.krokom;1000;kWh\n"
    )
    _results, summary = klimatbokslut(text.encode(), DEFAULTS, mapping="energifaktura")
    assert summary.by_category == {"district_heating.krokom": pytest.approx(19e-3)}


def test_food_purchases_are_read_per_product_group() -> None:
    text = (
        "Artikelnummer,Kostnadsställe,Leveransdatum,Varugrupp,Kvantitet,Enhet\n"
        "1,KOST,2024-05-02,Nötkött,100,kg\n"
        "2,KOST,2024-05-02,Potatis,2,t\n"
    )
    _results, summary = klimatbokslut(text.encode(), DEFAULTS, mapping="livsmedel")
    assert summary.by_category == {
        "food.beef": pytest.approx(2.6),
        "food.potatoes": pytest.approx(0.2),
    }


def test_medical_gas_deliveries_use_the_factor_sets_gwp_values() -> None:
    text = (
        "Kostnadsställe;Leveransdatum;Produkt;Mängd;Enhet\n"
        "OP;2024-02-01;Desfluran;10;kg\n"
        "OP;2024-02-01;Lustgas;500;g\n"
    )
    ar5 = klimatbokslut(text.encode(), DEFAULTS, mapping="medicinska_gaser")[1]
    ar6 = klimatbokslut(
        text.encode(), FactorTable(default_factors(), gwp_set="AR6"), mapping="medicinska_gaser"
    )[1]
    assert ar5.total_t_co2e != ar6.total_t_co2e
    assert ar5.by_category["medical_gas.nitrous_oxide"] == pytest.approx(0.5 * 265e-3, rel=0.05)


def test_a_delivery_in_millilitres_is_refused_not_guessed() -> None:
    text = "Kostnadsställe;Leveransdatum;Produkt;Mängd;Enhet\nOP;2024-02-01;Sevofluran;250;ml\n"
    with pytest.raises(Rejected) as caught:
        klimatbokslut(text.encode(), DEFAULTS, mapping="medicinska_gaser")
    assert caught.value.problems[0].text().startswith("rad 2, kolumn unit: enheten 'ml'")


def test_waste_fractions_need_the_organisations_own_factors() -> None:
    text = "Kundnummer;Kostnadsställe;Tömningsdatum;Fraktion;Vikt;Enhet\n9;RS;2024-04-30;Matavfall;2;t\n"
    with pytest.raises(Rejected) as caught:
        klimatbokslut(text.encode(), DEFAULTS, mapping="avfall")
    assert "kategorin 'waste.food' saknar emissionsfaktor" in caught.value.problems[0].text()
    assert "okänd kategori" not in caught.value.problems[0].text()
    own = FactorTable(
        [*default_factors(), Factor("waste.food", 2020, 0.02, "kg CO2e/kg", 3)], gwp_set="AR5"
    )
    assert klimatbokslut(text.encode(), own, mapping="avfall")[1].total_t_co2e == pytest.approx(
        0.04
    )


LEDGER = (
    "Verifikation;Konto;Ansvar;Period;Belopp\n"
    "1;4010;RS-SERV;2024-01;100 000\n"
    "2;5011;RS-SERV;2024-01;900 000\n"  # salaries: no emissions
    "3;6110;RS-SERV;2024-02;-20 000\n"  # a credit lowers the sum
    "4;3100;RS-SERV;2024-02;50 000\n"  # revenue: left out
)


def test_the_ledger_finds_the_category_from_the_account_through_the_purchase_group_table() -> None:
    results, summary = klimatbokslut(LEDGER.encode(), DEFAULTS, mapping="huvudbok")
    assert summary.by_category == {"spend.average": pytest.approx(80_000 * 0.030e-3)}
    assert results["rows"].sum() == 2


def test_an_organisation_gives_its_own_account_table() -> None:
    table = read_account_table(
        "konto_från;konto_till;inköpsgrupp;kategori\n"
        "4000;4099;Läkemedel;spend.pharmaceuticals\n"
        "5000;5999;Personal;-\n"
        "6000;6999;Lokaler;spend.average\n".encode()
    )
    mapping = mapping_get("huvudbok", None)
    assert mapping.accounts == MAPPINGS["huvudbok"].accounts
    own = mapping_get(
        "huvudbok",
        "konto_från,konto_till,inköpsgrupp,kategori\n4000,4099,Läkemedel,spend.pharma\n".encode(),
    )
    assert own.accounts[0].category == "spend.pharma"
    assert [r.purchase_group for r in table] == ["Läkemedel", "Personal", "Lokaler"]


def test_an_account_outside_the_table_is_named_with_its_line() -> None:
    text = "Konto;Ansvar;Period;Belopp\n4010;RS;2024-01;10\n9999;RS;2024-01;10\n"
    with pytest.raises(Rejected) as caught:
        klimatbokslut(text.encode(), DEFAULTS, mapping="huvudbok")
    assert caught.value.problems[0].text().startswith("rad 3, kolumn konto: värdet '9999'")


def test_a_broken_account_table_is_refused_line_by_line() -> None:
    with pytest.raises(Rejected) as caught:
        read_account_table(
            b"konto_fr\xe5n;konto_till;ink\xf6psgrupp;kategori\nfyra;4099;X;spend.average\n"
            b"4200;4100;Y;spend.average\n"
        )
    assert [p.line for p in caught.value.problems] == [2, 3]
    with pytest.raises(Rejected, match="kolumner saknas: kategori"):
        read_account_table(b"konto_fr\xc3\xa5n,konto_till,ink\xc3\xb6psgrupp\n1,2,X\n")


def test_every_template_names_only_categories_in_the_default_set_or_waste() -> None:
    known = {f.category for f in default_factors()}
    for mapping in MAPPINGS.values():
        for category in mapping.categories.values():
            assert category in known or category.startswith("waste."), category
        for row in mapping.accounts:
            assert row.category in known or row.category == "-"


def test_a_template_lists_the_columns_the_file_lacks() -> None:
    import polars as pl

    frame = pl.DataFrame({"line": [2], "konto": ["4010"]})
    with pytest.raises(Rejected, match="kolumner saknas: ansvar, period, belopp"):
        apply_mapping(frame, MAPPINGS["huvudbok"])


def test_a_fuel_card_export_with_registration_numbers_carries_them_normalised() -> None:
    from nettonoll.calc.inventory import parse_activities, read_mapped

    text = (
        "Kortnummer;Kostnadsställe;Datum;Produkt;Volym;Regnr\n"
        "1;RS-SERV;2024-03-01;Diesel;40,5;abc 123\n"
        "2;RS-SERV;2024-03-02;HVO100;30;\n"
    )
    frame, comma = read_mapped(text.encode(), "drivmedelskort")
    rows, problems = parse_activities(frame, decimal_comma=comma)
    assert problems == []
    assert rows.get_column("reg_no").to_list() == ["ABC123", ""]
    other = text.replace("Regnr", "Registreringsnummer")
    frame, comma = read_mapped(other.encode(), "drivmedelskort")
    assert frame.get_column("reg_no").to_list() == ["ABC123", None]


def test_a_fuel_card_export_without_registration_numbers_is_read_as_before() -> None:
    text = "Kostnadsställe;Datum;Produkt;Volym\nRS-SERV;2024-03-01;Diesel;40\n"
    import polars as pl

    source = {"line": [2], "kostnadsställe": ["RS-SERV"], "datum": ["2024-03-01"]}
    source |= {"produkt": ["Diesel"], "volym": ["40"]}
    frame = apply_mapping(pl.DataFrame(source), MAPPINGS["drivmedelskort"])
    assert "reg_no" not in frame.columns
    _results, summary = klimatbokslut(text.encode(), DEFAULTS, mapping="drivmedelskort")
    assert set(summary.by_category) == {"fuel.diesel"}
