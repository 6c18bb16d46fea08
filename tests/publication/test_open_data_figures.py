"""The open data files parse back to the figures the pages show: the klimatbokslut per year and
per category equals `inventory_view`/`year_totals`, the budget equals `budget_page`, the
indicators `indicator_status`, the goals `goal_reports`; both CSV dialects and the Parquet file
hold the same rows, the Parquet file in typed columns."""

import math

import polars as pl
import pytest
from django.test import Client

from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
from nettonoll.emissions.selectors import inventory_view
from nettonoll.emissions.years import year_totals
from nettonoll.indicators.models import Indicator
from nettonoll.indicators.selectors import indicator_status
from nettonoll.organisations.models import Organisation
from nettonoll.organisations.selectors import organisation_root
from nettonoll.plans.models import Plan
from nettonoll.plans.selectors import goal_reports
from nettonoll.publication.services import publish
from tests.publication.opendata_helpers import (
    plain_number,
    read_excel_csv,
    read_parquet,
    read_utf8_csv,
    swedish_number,
)

pytestmark = pytest.mark.django_db


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def agrees(a: float | None, b: float | None) -> bool:
    """Open data tonnes keep six significant digits: they agree with the pages' figures to
    that precision (a sum of rounded rows within a few in a hundred thousand)."""
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=2e-5, abs_tol=1e-6)


def significant_digits(text: str) -> int:
    return len(text.replace(",", "").replace(".", "").replace("-", "").strip("0"))


def download(org: str, name: str) -> bytes:
    response = Client().get(f"/offentlig/{org}/data/{name}")
    assert response.status_code == 200, name
    return response.content


def both_dialects(org: str, table: str, number_columns: list[str]) -> list[list[dict]]:
    """The Swedish and the plain CSV, numbers parsed; each dialect's rows."""
    excel = read_excel_csv(download(org, f"{table}.csv"))
    plain = read_utf8_csv(download(org, f"{table}-utf8.csv"))
    for rows, parse in ((excel, swedish_number), (plain, plain_number)):
        for row in rows:
            for column in number_columns:
                row[column] = parse(row[column])
    return [excel, plain]


@pytest.fixture
def jamtland(demo: None) -> Organisation:
    organisation = Organisation.objects.get(code="RJH")
    for what in ("klimatbokslut", "indicators", "plan", "budget"):
        publish(organisation, what)
    return organisation


def test_klimatbokslut_sums_to_the_pages_per_year_and_category(jamtland: Organisation) -> None:
    root = organisation_root(jamtland)
    assert root is not None
    totals = year_totals(root)
    assert totals.all_years
    for rows in both_dialects("RJH", "klimatbokslut", ["t_co2e"]):
        per_year: dict[int, float] = {}
        for row in rows:
            per_year[int(row["year"])] = per_year.get(int(row["year"]), 0.0) + row["t_co2e"]
        assert per_year.keys() == totals.all_years.keys()
        for year, total in totals.all_years.items():
            assert agrees(per_year[year], total), year
        year = max(totals.complete)
        view = inventory_view(root, year)
        by_category: dict[tuple[str, int], float] = {}
        for row in rows:
            if int(row["year"]) == year:
                key = (row["category_code"], int(row["scope"]))
                by_category[key] = by_category.get(key, 0.0) + row["t_co2e"]
        assert by_category.keys() == {(c, s) for c, s, _t in view.by_category}
        for category, scope, t in view.by_category:
            assert agrees(by_category[(category, scope)], t), category
        assert all(
            row["category_label"] and row["category_label"] != row["category_code"] for row in rows
        )


def test_klimatbokslut_swedish_csv_opens_in_excel_with_swedish_letters(
    jamtland: Organisation,
) -> None:
    data = download("RJH", "klimatbokslut.csv")
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.split(";")[:2] == ["year", "scope"]
    assert any(ch in text for ch in "åäö")
    assert {r["is_preliminary"] for r in read_excel_csv(data)} <= {"ja", "nej"}
    assert "," in "".join(r["t_co2e"] for r in read_excel_csv(data))  # decimal comma
    plain = read_utf8_csv(download("RJH", "klimatbokslut-utf8.csv"))
    assert {r["is_preliminary"] for r in plain} <= {"true", "false"}


def test_budget_equals_the_budget_page(jamtland: Organisation) -> None:
    assessment = budget_page(jamtland, carbon_budget_of(jamtland)).assessment
    assert assessment is not None
    columns = ["pathway_t", "actual_t", "preliminary_t", "trend_t"]
    series = dict(
        zip(
            columns,
            (assessment.path_t, assessment.actual_t, assessment.preliminary_t, assessment.trend_t),
            strict=True,
        )
    )
    for rows in both_dialects("RJH", "budget", columns):
        assert [int(r["year"]) for r in rows] == sorted(set().union(*series.values()))
        for row in rows:
            for column, values in series.items():
                assert agrees(row[column], values.get(int(row["year"]))), (column, row)


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("klimatbokslut", ["t_co2e"]),
        ("budget", ["pathway_t", "actual_t", "preliminary_t", "trend_t"]),
    ],
)
def test_tonnes_have_no_absurd_decimals(
    jamtland: Organisation, table: str, columns: list[str]
) -> None:
    rows = read_excel_csv(download("RJH", f"{table}.csv"))
    numbers = [r[c] for r in rows for c in columns if r[c]]
    assert numbers
    assert max(significant_digits(n) for n in numbers) <= 6, numbers


def test_indicators_equal_their_status(jamtland: Organisation) -> None:
    root = organisation_root(jamtland)
    expected = {
        (i.name, v.value.year): v.value.value
        for i in Indicator.objects.filter(organisation=jamtland)
        for v in indicator_status(i, root).values  # type: ignore[arg-type]
    }
    assert expected
    for rows in both_dialects("RJH", "indikatorer", ["value", "baseline_value"]):
        got = {(r["indicator"], int(r["year"])): r["value"] for r in rows}
        assert got.keys() == expected.keys()
        assert all(close(got[k], v) for k, v in expected.items())
        assert {r["on_track"] for r in rows} <= {"i fas", "ej i fas", "ej bedömt"}


def test_goals_have_their_status_in_words(jamtland: Organisation) -> None:
    root = organisation_root(jamtland)
    expected = {
        (p.name, r.goal.code): r.status
        for p in Plan.objects.filter(organisation=jamtland)
        for r in goal_reports(root, p)  # type: ignore[arg-type]
    }
    assert expected
    for rows in both_dialects("RJH", "mal", []):
        assert {(r["plan"], r["goal_code"]): r["status_code"] for r in rows} == expected
        assert all(r["status"] and r["status"] != r["status_code"] for r in rows)


@pytest.mark.parametrize("table", ["klimatbokslut", "indikatorer", "mal", "budget", "kommuner"])
def test_parquet_has_typed_columns_and_the_csv_rows(jamtland: Organisation, table: str) -> None:
    frame = read_parquet(download("RJH", f"{table}.parquet"))
    plain = read_utf8_csv(download("RJH", f"{table}-utf8.csv"))
    assert frame.columns == list(plain[0])
    assert frame.height == len(plain) > 0
    types = dict(frame.schema)
    assert all(types[c] == pl.Int64 for c in frame.columns if c == "year" or c.endswith("_year"))
    assert all(types[c] == pl.Float64 for c in frame.columns if c.endswith("_t") or c == "t_co2e")
    for column, dtype in types.items():
        values = frame[column].to_list()
        texts = [row[column] for row in plain]
        if dtype == pl.Boolean:
            assert [str(v).lower() if v is not None else "" for v in values] == texts
        elif dtype in (pl.Int64, pl.Float64):
            assert all(close(v, plain_number(t)) for v, t in zip(values, texts, strict=True))
        else:
            assert [v or "" for v in values] == texts, column


def test_the_countys_municipal_emissions_equal_the_county_view(demo: None) -> None:
    from nettonoll.budgets.selectors.county import county_detail, municipality_detail

    county = county_detail("23")
    assert county is not None
    for rows in both_dialects("RJH", "kommuner", ["t_co2e"]):
        assert {r["county_code"] for r in rows} == {"23"}
        assert {r["municipality_code"] for r in rows} == {m.code for m in county.municipalities}
        member = county.municipalities[0]
        detail = municipality_detail("23", member.code)
        assert detail is not None
        got = {
            (int(r["year"]), r["sector"]): r["t_co2e"]
            for r in rows
            if r["municipality_code"] == member.code
        }
        expected = {(y, s): t for y, by in detail.sectors_by_year.items() for s, t in by.items()}
        assert got.keys() == expected.keys()
        assert all(close(got[k], t) for k, t in expected.items())
