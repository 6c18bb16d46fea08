"""The klimatbokslut computation: factor rules, aggregation first, line-numbered errors."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nettonoll.calc.factors import Factor, FactorTable, default_factors, read_factors
from nettonoll.calc.inventory import aggregate, klimatbokslut, parse_activities, read_activity_table
from nettonoll.calc.problems import Rejected

HEADER = "org_unit,category,period,quantity,unit\n"


def table(*factors: Factor, gwp_set: str = "AR5") -> FactorTable:
    return FactorTable(factors, gwp_set=gwp_set)


DIESEL = [
    Factor("fuel.diesel", 2016, 2853, "g CO2e/l", 1),
    Factor("fuel.diesel", 2022, 2500, "g CO2e/l", 1),
]


def run(text: str, factors: FactorTable | None = None) -> tuple[object, object]:
    return klimatbokslut(text.encode(), factors or table(*DIESEL))


def test_an_activity_uses_the_latest_factor_valid_in_its_year() -> None:
    results, summary = run(HEADER + "A,fuel.diesel,2021,1000,l\nA,fuel.diesel,2023,1000,l\n")
    assert summary.by_year == {"2021": pytest.approx(2.853), "2023": pytest.approx(2.5)}  # type: ignore[attr-defined]
    assert list(results["factor_valid_year"]) == [2016, 2022]  # type: ignore[index]


def test_the_activity_unit_is_converted_to_the_factors_denominator() -> None:
    _results, summary = run(HEADER + "A,fuel.diesel,2023,2,m3\n")
    assert summary.total_t_co2e == pytest.approx(5.0)  # type: ignore[attr-defined]


def test_semicolon_files_use_a_decimal_comma_and_windows_1252() -> None:
    text = (
        "org_unit;category;period;quantity;unit;note\nÖstersund;fuel.diesel;2023-05;1 000,5;l;Må\n"
    )
    results, summary = klimatbokslut(text.encode("cp1252"), table(*DIESEL))
    assert summary.total_t_co2e == pytest.approx(2.50125)
    assert list(results["org_unit"]) == ["Östersund"]


def test_every_bad_line_is_reported_and_nothing_computed() -> None:
    text = HEADER + (
        "A,fuel.diesel,2023,1,l\n"
        "A,fuel.diesel,2023,tio,l\n"
        "A,fuel.unknown,2023,1,l\n"
        "A,fuel.diesel,2023,1,km\n"
        "A,fuel.diesel,2015,1,l\n"
        "A,fuel.diesel,2023-13,1,l\n"
        "A,fuel.diesel,2023,1,\n"
    )
    with pytest.raises(Rejected) as caught:
        run(text)
    assert [p.text() for p in caught.value.problems] == [
        "rad 3, kolumn quantity: mängden 'tio' är inget tal",
        "rad 4, kolumn category: okänd kategori 'fuel.unknown' (ingen emissionsfaktor)",
        "rad 5, kolumn unit: enheten 'km' kan inte räknas om till faktorns enhet 'l'",
        "rad 6, kolumn category: ingen emissionsfaktor för 'fuel.diesel' år 2015 (första år: 2016)",
        "rad 7, kolumn period: perioden '2023-13' kan inte läsas (skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)",
        "rad 8, kolumn unit: värde saknas",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen är tom"),
        (b"  \n", "Filen är tom"),
        (HEADER.encode(), "Filen innehåller inga rader under rubrikraden"),
        (b"a,b\n1,2\n", "rad 1: kolumner saknas: org_unit, category, period, quantity, unit"),
        (b"\x00\x01binary", "Filen är inte en CSV- eller XLSX-fil som går att läsa"),
        (b"PK\x03\x04not really a zip", "Filen är inte en CSV- eller XLSX-fil som går att läsa"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_message(data: bytes, message: str) -> None:
    with pytest.raises(Rejected) as caught:
        klimatbokslut(data, table(*DIESEL))
    assert caught.value.problems[0].text() == message


def test_the_same_error_on_many_lines_is_named_once_with_a_count() -> None:
    text = HEADER + "A,fuel.unknown,2023,1,l\n" * 5
    with pytest.raises(Rejected) as caught:
        run(text)
    assert [g.text() for g in caught.value.groups] == [
        "kolumn category: okänd kategori 'fuel.unknown' (ingen emissionsfaktor) "
        "(5 rader: rad 2, 3, 4, 5, 6)"
    ]
    text = HEADER + "A,fuel.unknown,2023,1,l\n" * 7
    with pytest.raises(Rejected) as caught:
        run(text)
    assert caught.value.groups[0].text().endswith("(7 rader: rad 2, 3, 4, 5, 6 …)")


def test_gases_use_the_chosen_gwp_set() -> None:
    text = HEADER + "OP,medical_gas.desflurane,2023,1,kg\n"
    _r, ar5 = klimatbokslut(text.encode(), FactorTable(default_factors(), gwp_set="AR5"))
    _r, ar6 = klimatbokslut(text.encode(), FactorTable(default_factors(), gwp_set="AR6"))
    assert (ar5.total_t_co2e, ar6.total_t_co2e) == (pytest.approx(1.79), pytest.approx(2.59))


def test_the_default_set_names_a_source_for_every_factor() -> None:
    factors = default_factors()
    assert len(factors) > 50
    assert all(f.publisher and f.title and f.link.startswith("https://") for f in factors)
    categories = {f.category.split(".")[0] for f in factors}
    assert {
        "electricity",
        "district_heating",
        "fuel",
        "travel",
        "food",
        "medical_gas",
        "spend",
    } <= categories


def test_a_factor_file_with_a_bad_unit_is_refused_line_by_line() -> None:
    _factors, problems = read_factors(
        "category,valid_year,factor,unit,scope\nx,2020,1,kWh,2\ny,2020,1,kg CO2e/kWh,4\n"
    )
    assert [(line, code) for line, code, _params in problems] == [
        (2, "factor_unit_invalid"),
        (3, "scope_invalid"),
    ]


ROWS = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C"]),
        st.sampled_from(["fuel.diesel", "electricity.residual_mix", "travel.train.diesel"]),
        st.integers(min_value=2021, max_value=2024),
        st.floats(min_value=0, max_value=1e6, allow_nan=False),
    ),
    min_size=1,
    max_size=30,
)
UNITS = {"fuel.diesel": "l", "electricity.residual_mix": "MWh", "travel.train.diesel": "pkm"}
DEFAULTS = FactorTable(default_factors())


def as_csv(rows: list[tuple[str, str, int, float]], scale: float = 1.0) -> bytes:
    lines = [f"{u},{c},{y},{q * scale!r},{UNITS[c]}" for u, c, y, q in rows]
    return (HEADER + "\n".join(lines) + "\n").encode()


@settings(max_examples=40, deadline=None)
@given(ROWS, st.floats(min_value=0.001, max_value=1000))
def test_scaling_every_activity_scales_the_emissions(
    rows: list[tuple[str, str, int, float]], k: float
) -> None:
    _r, base = klimatbokslut(as_csv(rows), DEFAULTS)
    _r, scaled = klimatbokslut(as_csv(rows, k), DEFAULTS)
    assert scaled.total_t_co2e == pytest.approx(base.total_t_co2e * k, rel=1e-9, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(ROWS)
def test_the_sum_over_units_equals_the_total(rows: list[tuple[str, str, int, float]]) -> None:
    results, summary = klimatbokslut(as_csv(rows), DEFAULTS)
    assert sum(summary.by_org_unit.values()) == pytest.approx(
        summary.total_t_co2e, rel=1e-9, abs=1e-9
    )
    assert sum(summary.by_scope.values()) == pytest.approx(summary.total_t_co2e, rel=1e-9, abs=1e-6)
    assert results["rows"].sum() == len(rows)


def test_a_fuel_card_export_is_read_through_its_column_mapping() -> None:
    text = (
        "Kortnummer;Kostnadsställe;Datum;Produkt;Volym;Belopp\n"
        "1234;FORD;2024-03-05;Diesel;40,5;800\n"
        "1234;FORD;2024-03-09;HVO100;20;500\n"
    )
    _results, summary = klimatbokslut(text.encode("cp1252"), DEFAULTS, mapping="drivmedelskort")
    assert summary.by_category == {
        "fuel.diesel": pytest.approx(40.5 * 2.853e-3),
        "fuel.hvo100": pytest.approx(20 * 0.476e-3),
    }


def test_a_value_the_mapping_does_not_know_is_named_with_its_line() -> None:
    text = "Kostnadsställe;Resedatum;Färdmedel;Personkm\nSTAB;2024-01-10;Flyg inrikes;600\nSTAB;2024-01-11;Raket;900\n"
    with pytest.raises(Rejected) as caught:
        klimatbokslut(text.encode(), DEFAULTS, mapping="resebyra")
    assert (
        caught.value.problems[0]
        .text()
        .startswith("rad 3, kolumn färdmedel: värdet 'Raket' finns inte i kolumnmallen")
    )


def parsed(data: bytes, *, typed: bool) -> tuple[str, list[str]]:
    """The rows (as text, so that NaN equals NaN) and the problems."""
    frame, decimal_comma = read_activity_table(data, typed=typed)
    try:
        rows, problems = parse_activities(frame, decimal_comma=decimal_comma)
    except Rejected as rejected:
        return "", [p.text() for p in rejected.problems]
    text = rows.with_columns(pl.col("org_unit", "category", "unit").cast(pl.Utf8))
    return repr(text.to_dicts()), [p.text() for p in problems]


ODD_FILES = [
    HEADER + "A,fuel.diesel,2023,1e3,l\nA,fuel.diesel,2023-05, 5,l\nA,fuel.diesel,2023,\t.5,l\n",
    HEADER + "A,fuel.diesel,2023,5 ,l\nA,fuel.diesel,2023,1 000,l\nA,fuel.diesel,2023,tio,l\n",
    HEADER + 'A,fuel.diesel,2023,"1,5",l\nA,fuel.diesel,2023,nan,l\nA,fuel.diesel,2023,inf,l\n',
    HEADER + "A,fuel.diesel,2023,1\u00a0000,l\n,,,,\n\nA,fuel.diesel,2023,,l\n",
    HEADER + " A,fuel.diesel ,2023-13,1,l\nB\t,fuel.diesel,2024-02-30,2, l\n\n",
    HEADER + "A,fuel.diesel,23,1,l\nA,fuel.diesel,,1,l\nA,,2023-05-17,1,\n \n",
    "org_unit;category;period;quantity;unit\nA;fuel.diesel;2023;1,5;l\nA;fuel.diesel;2023;1.5;l\n",
    "org_unit;category;period;quantity;unit\nA;fuel.diesel;2023;1 000,5;l\nA;x;2023;,5;l\n",
    "Org_Unit , Category,PERIOD,quantity,unit,note\nÖ,fuel.diesel,2023,2,l, Må \n",
    "\ufefforg_unit,category,period,quantity,unit,source_ref\nA,fuel.diesel,2023,2,l,\n",
]


@pytest.mark.parametrize("text", ODD_FILES)
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_the_typed_read_gives_the_rows_and_problems_of_the_text_read(
    text: str, encoding: str
) -> None:
    data = text.encode(encoding, errors="replace")
    assert parsed(data, typed=True) == parsed(data, typed=False)


def test_a_clean_canonical_file_is_read_typed_and_keeps_its_line_numbers() -> None:
    data = (HEADER + "A,fuel.diesel,2023,1.5,l\n\nB,fuel.diesel,2024-02,2,l\n").encode()
    frame, _decimal_comma = read_activity_table(data, typed=True)
    assert frame.schema["quantity"] == pl.Float64
    assert frame.schema["org_unit"] == pl.Categorical
    rows, problems = parse_activities(frame, decimal_comma=False)
    assert problems == []
    assert rows.select("line", "year", "quantity").rows() == [(2, 2023, 1.5), (4, 2024, 2.0)]
    aggregates = aggregate(rows)
    assert aggregates.schema["org_unit"] == pl.Utf8
    assert sorted(aggregates.select("org_unit", "first_line").rows()) == [("A", 2), ("B", 4)]


def test_a_blank_line_keeps_the_numbers_of_the_lines_after_it() -> None:
    text = HEADER + "A,fuel.diesel,2023,1,l\n\nA,fuel.diesel,2023,,l\nA,fuel.diesel,2023-00,1,l\n"
    with pytest.raises(Rejected) as caught:
        run(text)
    assert [p.text() for p in caught.value.problems] == [
        "rad 4, kolumn quantity: värde saknas",
        "rad 5, kolumn period: perioden '2023-00' kan inte läsas (skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)",
    ]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "NaN"])
def test_a_quantity_that_is_not_a_finite_number_is_refused_with_its_line(value: str) -> None:
    with pytest.raises(Rejected) as caught:
        run(HEADER + f"A,fuel.diesel,2023,1,l\nA,fuel.diesel,2023,{value},l\n")
    problem = caught.value.problems[0]
    assert (problem.line, problem.code, problem.column) == (3, "quantity_invalid", "quantity")


def test_a_day_that_is_not_in_the_calendar_is_refused() -> None:
    with pytest.raises(Rejected) as caught:
        run(HEADER + "A,fuel.diesel,2023-02-30,1,l\nA,fuel.diesel,2024-02-29,1,l\n")
    assert [(p.line, p.code) for p in caught.value.problems] == [(2, "period_invalid")]


def test_a_spreadsheet_date_cell_counts_as_its_date() -> None:
    _results, summary = run(HEADER + "A,fuel.diesel,2023-03-01 00:00:00,1000,l\n")
    assert summary.by_year == {"2023": pytest.approx(2.5)}  # type: ignore[attr-defined]


def test_a_factor_that_is_not_a_finite_number_is_refused_in_swedish() -> None:
    text = "category,valid_year,factor,unit,scope\nfuel.x,2020,nan,g CO2e/l,1\nfuel.y,abc,1,g CO2e/l,1\n"
    factors, problems = read_factors(text)
    assert factors == []
    assert [line for line, _code, _params in problems] == [2, 3]
    assert all("inget (ändligt) tal" in str(params["detail"]) for _l, _c, params in problems)
