"""The county view (länsvy) with real figures from the shipped SMHI/SCB data."""

import re
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.budgets.charts import line_chart, nice_ticks, stacked_bars
from nettonoll.budgets.selectors import county as selectors
from nettonoll.calc.territorial import carbon_law_2026, klimatkollen_2024, packaged_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shipped_data(settings: object, tmp_path: object) -> None:
    """An empty data directory: the shipped release is used."""
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    selectors.clear_cache()


def _rows(html: str) -> list[str]:
    """The municipality names of the comparison table, in order."""
    table = html.split('id="municipality-caption"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row"><a href="/lan/\d\d/kommun/\d{4}/">([^<]+)</a>', table)


def test_county_list_puts_stockholm_first_and_has_all_21(
    client_as: Callable[[str], Client],
) -> None:
    response = client_as("reader").get("/lan/")
    assert response.status_code == 200
    html = response.content.decode()
    names = re.findall(r'<th scope="row"><a href="/lan/(\d\d)/">', html)
    assert len(names) == 21
    assert names[0] == "01"
    assert names[1:] == sorted(names[1:])
    assert "<caption>" in html
    assert "Källa:" in html and "SMHI" in html and "SCB" in html


def test_county_page_shows_the_summary_with_real_figures(
    client_as: Callable[[str], Client],
) -> None:
    data = packaged_data()
    county_law = carbon_law_2026(data, "lan")["01"]
    budgets = klimatkollen_2024(data)
    response = client_as("outsider").get("/lan/01/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Stockholms län</h1>" in html
    assert len(_rows(html)) == 26
    detail = selectors.county_detail("01")
    assert detail is not None
    assert detail.county.emissions_t == pytest.approx(data.ghg_total_t("lan", "01")[2024])
    assert detail.county.population == 2454821
    assert detail.law.is_on_track == county_law.is_on_track
    assert detail.law.total_trend_t == county_law.total_trend_t
    in_county = [b.budget_t for code, b in budgets.items() if code.startswith("01")]
    assert detail.budget_sum_t == pytest.approx(sum(in_county))
    # figures as shown, Swedish grouping with a no-break space
    shown = f"{round(detail.county.emissions_t):,}".replace(",", "\u00a0")
    assert shown in html
    assert f"{round(detail.budget_sum_t):,}".replace(",", "\u00a0") in html


def test_stockholm_municipality_has_the_shipped_population_and_emissions(
    client_as: Callable[[str], Client],
) -> None:
    data = packaged_data()
    detail = selectors.municipality_detail("01", "0180")
    assert detail is not None
    row = detail.municipality
    assert row.population == data.areas[("kommun", "0180")].population_2023_12_31 == 988943
    assert row.emissions_t == pytest.approx(data.ghg_total_t("kommun", "0180")[2024])
    assert row.per_capita_t == pytest.approx(row.emissions_t / 988943)
    budget = klimatkollen_2024(data)["0180"]
    assert row.budget_t == budget.budget_t
    assert row.budget_runs_out is None  # Stockholm's budget holds on its trend (Klimatkollen)
    html = client_as("contributor").get("/lan/01/kommun/0180/").content.decode()
    assert "988\u00a0943" in html
    assert f"{round(row.emissions_t):,}".replace(",", "\u00a0") in html
    assert f"{round(budget.budget_t):,}".replace(",", "\u00a0") in html


def test_sorting_by_per_capita_descending_puts_the_highest_first(
    client_as: Callable[[str], Client],
) -> None:
    data = packaged_data()
    members = [a for a in data.municipalities() if a.county_code == "01"]
    per_capita = {
        a.name: data.ghg_total_t("kommun", a.code)[2024] / a.population_2023_12_31
        for a in members
        if a.population_2023_12_31
    }
    expected = sorted(per_capita, key=per_capita.__getitem__, reverse=True)
    html = client_as("reader").get("/lan/01/?sort=per_capita&order=desc").content.decode()
    assert _rows(html) == expected
    assert expected[0] == "Sigtuna"  # Arlanda
    ascending = client_as("reader").get("/lan/01/?sort=per_capita&order=asc").content.decode()
    assert _rows(ascending) == expected[::-1]


def test_sort_headers_are_links_and_the_sorted_one_carries_aria_sort(
    client_as: Callable[[str], Client],
) -> None:
    html = client_as("reader").get("/lan/01/?sort=emissions&order=asc").content.decode()
    headers = re.findall(r"<th scope=\"col\"([^>]*)><a href=\"([^\"]+)\"", html)
    by_href = {href.split("?")[1].split("&amp;")[0]: attrs for attrs, href in headers}
    assert 'aria-sort="ascending"' in by_href["sort=emissions"]
    assert sum("aria-sort" in attrs for attrs, _href in headers) == 1
    # clicking the sorted column again reverses it; others start with their own order
    assert "/lan/01/?sort=emissions&amp;order=desc#kommuner" in html
    assert "/lan/01/?sort=name&amp;order=asc#kommuner" in html
    names = _rows(client_as("reader").get("/lan/01/?sort=name").content.decode())
    assert names[0] == "Botkyrka" and names[-1] == "Österåker"  # Swedish order: Ö last
    assert "Vaxholm" in names and names.index("Vaxholm") < names.index("Värmdö")


def test_unknown_sort_falls_back_to_names(client_as: Callable[[str], Client]) -> None:
    html = client_as("reader").get("/lan/01/?sort=drop&order=sideways").content.decode()
    assert _rows(html)[0] == "Botkyrka"
    assert 'aria-sort="ascending"' in html


def test_pages_are_plain_html_with_accessible_charts(client_as: Callable[[str], Client]) -> None:
    client = client_as("reader")
    for url, charts in (("/lan/01/", 2), ("/lan/01/kommun/0180/", 3)):
        html = client.get(url).content.decode()
        assert "<script" not in html.split("</head>", 1)[1]  # nothing needed in the body
        assert html.count('<svg role="img"') == charts
        assert len(re.findall(r'<svg role="img" aria-labelledby="([\w-]+)-title"', html)) == charts
        assert html.count("<title id=") == charts
        assert html.count("<caption") >= charts + (1 if url == "/lan/01/" else 0)
        assert 'scope="col"' in html and 'scope="row"' in html
        assert "Källa:" in html and "Nationella emissionsdatabasen" in html


def test_municipality_page_has_the_trend_and_the_carbon_law_table(
    client_as: Callable[[str], Client],
) -> None:
    law = carbon_law_2026(packaged_data(), "kommun")["0180"]
    html = client_as("reader").get("/lan/01/kommun/0180/").content.decode()
    law_2030 = f"{round(law.carbon_law_t[2030]):,}".replace(",", "\u00a0")
    assert law_2030 in html
    assert law.hit_net_zero is not None
    assert law.hit_net_zero.isoformat() in html


def test_unknown_codes_are_404(client_as: Callable[[str], Client]) -> None:
    client = client_as("reader")
    assert client.get("/lan/99/").status_code == 404
    assert client.get("/lan/01/kommun/9999/").status_code == 404
    assert client.get("/lan/03/kommun/0180/").status_code == 404  # Stockholm is not in Uppsala
    assert client_as("anonymous").get("/lan/01/").status_code == 302


def test_nav_links_to_the_county_view(client_as: Callable[[str], Client]) -> None:
    html = client_as("reader").get("/").content.decode()
    assert 'href="/lan/"' in html
    assert 'href="/lan/"' not in client_as("anonymous").get("/accounts/login/").content.decode()


def test_nice_ticks_cover_the_top() -> None:
    assert nice_ticks(4_200_000) == [0, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000]
    assert nice_ticks(0) == [0.0, 1.0]


def test_stacked_bars_stack_to_the_total_and_line_chart_shares_one_axis() -> None:
    chart = stacked_bars({2020: {"a": 30, "b": 70}, 2021: {"a": 50, "b": -5}}, 400, 200)
    bars = chart["bars"]
    assert isinstance(bars, list)
    first = bars[0]["segments"]
    assert first[1]["y"] + first[1]["height"] == pytest.approx(first[0]["y"], abs=0.11)
    assert bars[0]["total"] == 100 and bars[1]["total"] == 50  # negatives drawn as zero
    lines = line_chart({"x": {2015: 10.0, 2020: 5.0}, "y": {2020: 5.0, 2050: 0.0}}, 400, 200)
    assert [t["text"] for t in lines["x_ticks"]] == list(range(2015, 2051, 5))  # type: ignore[index]
    assert lines["lines"][0]["points"].split()[1] == lines["lines"][1]["points"].split()[0]  # type: ignore[index]
