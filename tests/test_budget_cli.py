"""`nettonoll budget`: territorial budgets and pathways as JSON, no database needed."""

import json

import pytest
from click.testing import CliRunner

from nettonoll.cli import main


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["budget", *args])
    return result.exit_code, result.output


def test_one_municipality_by_klimatkollen_2024_equals_the_published_figures() -> None:
    code, output = invoke("municipality", "--method", "klimatkollen-2024", "--kommun", "0180")
    assert code == 0, output
    row = json.loads(output)
    assert row["kommun"] == "Stockholm"
    assert row["budget_t"] == pytest.approx(2265529.056, abs=0.002)
    assert row["e0_t"] == pytest.approx(581699.548, abs=0.002)
    assert row["budget_runs_out"] is None  # "Håller budget"
    assert row["hit_net_zero"] == "2028-04-08"
    assert row["paris_path"]["2030"] == pytest.approx(124634.813, abs=0.002)
    assert set(row) >= {"historical_change_pct", "needed_change_pct", "method", "convention"}


def test_all_municipalities_give_a_list_of_290() -> None:
    code, output = invoke("municipality", "--method", "carbon-law-2026", "--all")
    assert code == 0, output
    rows = json.loads(output)
    assert len(rows) == 290
    assert set(rows[0]) == {
        "kommunkod",
        "kommun",
        "method",
        "e0_t",
        "historical_change_pct",
        "total_trend_t",
        "total_carbon_law_t",
        "on_track",
        "hit_net_zero",
    }
    assert all(isinstance(r["on_track"], bool) for r in rows)


def test_a_county_uses_its_own_series() -> None:
    code, output = invoke("county", "--method", "carbon-law-2026", "--lan", "09")
    assert code == 0, output
    row = json.loads(output)
    assert (row["lanskod"], row["lan"]) == ("09", "Gotlands län")


def test_pathway_gives_the_required_cut_and_the_path() -> None:
    code, output = invoke(
        "pathway",
        "--e0",
        "100",
        "--budget",
        "1000",
        "--start-year",
        "2025",
        "--convention",
        "discrete-incl",
        "--until",
        "2027",
    )
    assert code == 0, output
    data = json.loads(output)
    assert data["required_cut_pct"] == pytest.approx(10.0)
    assert data["path"] == {"2025": 100.0, "2026": 90.0, "2027": 81.0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("municipality", "--method", "klimatkollen-2024", "--kommun", "9999"),
            "Okänd kommunkod: 9999",
        ),
        (("county", "--method", "carbon-law-2026", "--lan", "99"), "Okänd länskod: 99"),
        (
            ("municipality", "--method", "klimatkollen-2024"),
            "Ange antingen --kommun KOD eller --all.",
        ),
        (
            (
                "pathway",
                "--e0",
                "1",
                "--budget",
                "0",
                "--start-year",
                "2025",
                "--convention",
                "continuous",
            ),
            "--budget större än 0",
        ),
    ],
)
def test_bad_input_fails_with_a_swedish_message(args: tuple[str, ...], message: str) -> None:
    code, output = invoke(*args)
    assert code != 0
    assert message in output


def test_a_code_that_is_no_number_is_named_as_given_and_silly_pathways_are_refused() -> None:
    from click.testing import CliRunner

    from nettonoll.cli.budget import budget

    runner = CliRunner()
    result = runner.invoke(
        budget, ["municipality", "--method", "klimatkollen-2024", "--kommun", "abc"]
    )
    assert result.exit_code != 0 and "Okänd kommunkod: abc" in result.output
    far = runner.invoke(
        budget,
        [
            "pathway",
            "--e0",
            "1",
            "--budget",
            "5",
            "--start-year",
            "2024",
            "--until",
            "99999",
            "--convention",
            "continuous",
        ],
    )
    assert far.exit_code != 0 and "högst 500 år" in far.output
    huge = runner.invoke(
        budget,
        [
            "pathway",
            "--e0",
            "1e308",
            "--budget",
            "1e-300",
            "--start-year",
            "2024",
            "--convention",
            "continuous",
        ],
    )
    assert huge.exit_code != 0 and "NaN" not in huge.output
