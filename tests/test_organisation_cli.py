"""`nettonoll budget organisation` and `nettonoll klimatbokslut show`: an organisation's budget and
klimatbokslut from the database for scripts (`--format json`, exact keys) and people (text)."""

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
from nettonoll.calc.organisation_budget import budget_for_rate
from nettonoll.cli import main
from nettonoll.emissions.models import FactorSet, ReportedTotal
from nettonoll.emissions.services import activity_data_import
from nettonoll.organisations.models import Node, NodeMapping, Organisation, Reorganisation
from nettonoll.organisations.selectors import successor_map
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db
BUDGET_KEYS = {
    "derivation",
    "start_year",
    "e0_t",
    "budget_t",
    "emitted_t",
    "remaining_t",
    "runs_out_year",
    "required_cut_pct",
    "trend_years",
    "preliminary_years",
}
KLIMATBOKSLUT_KEYS = {
    "total_t_co2e",
    "by_year",
    "by_scope",
    "by_category",
    "by_org_unit",
    "preliminary_years",
    "gwp_set",
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def as_json(*args: str) -> dict[str, Any]:
    code, output = run(*args, "--format", "json")
    assert code == 0, output
    document: dict[str, Any] = json.loads(output)
    return document


def test_the_adopted_budget_as_json_has_every_key_and_the_pages_figures(demo: None) -> None:
    document = as_json("budget", "organisation", "--organisation", "RST")
    assert set(document) >= BUDGET_KEYS
    organisation = Organisation.objects.get(code="RST")
    a = budget_page(organisation, carbon_budget_of(organisation)).assessment
    assert a is not None
    assert document["derivation"] == "target-path" and document["start_year"] == 2022
    for key in ("e0_t", "budget_t", "emitted_t", "remaining_t"):
        assert document[key] == pytest.approx(getattr(a, key), abs=0.001)
    assert document["runs_out_year"] == a.runs_out_in_year
    assert document["required_cut_pct"] == pytest.approx(a.required_cut_pct, abs=1e-4)
    assert document["trend_years"] == [2011, 2019, 2020, 2021, 2022, 2023, 2024]
    assert document["preliminary_years"] == []


def test_another_derivation_is_tried_out_with_options_and_nothing_is_saved(demo: None) -> None:
    document = as_json(
        "budget", "organisation", "--organisation", "RST", "--derivation", "carbon-law",
        "--start-year", "2023",
    )  # fmt: skip
    assert document["derivation"] == "carbon-law" and document["start_year"] == 2023
    assert document["e0_t"] == pytest.approx(document["actual_t"]["2023"], abs=0.001)
    expected = budget_for_rate(document["e0_t"], 0.1172, "discrete-next")
    assert document["budget_t"] == pytest.approx(expected, rel=1e-6)
    assert carbon_budget_of(Organisation.objects.get(code="RST")).derivation == "target-path"
    code, output = run("budget", "organisation", "--organisation", "RST", "--derivation", "decided")
    assert code != 0 and "Ange den beslutade budgeten i ton CO2e." in output
    decided = as_json(
        "budget", "organisation", "--organisation", "RST", "--derivation", "decided",
        "--decided-budget", "500000",
    )  # fmt: skip
    assert decided["budget_t"] == 500_000


def test_a_preliminary_quarter_changes_no_verdict_in_the_json(demo: None) -> None:
    before = as_json("budget", "organisation", "--organisation", "RST")
    data = "org_unit;category;period;quantity;unit\nTF-FORD;fuel.diesel;2025-03;1000;l\n"
    organisation = Organisation.objects.get(code="RST")
    activity_data_import(organisation=organisation, data=data.encode(), filename="q1.csv")
    after = as_json("budget", "organisation", "--organisation", "RST")
    assert after["preliminary_years"] == [2025]
    assert set(after["preliminary_t"]) == {"2025"}
    for key in (*BUDGET_KEYS - {"preliminary_years"}, "targets", "actual_t"):
        assert after[key] == before[key], key
    shown = as_json("klimatbokslut", "show", "--organisation", "RST")
    assert shown["preliminary_years"] == [2025] and shown["year"] == 2024
    assert shown["data_through"] == {"2025": "2025-03"}


def test_the_budget_in_text_names_the_derivation(demo: None) -> None:
    code, output = run("budget", "organisation", "--organisation", "RST")
    assert code == 0, output
    assert "(b) Ytan under den beslutade målbanan, startår 2022" in output
    assert "nödvändig minskning per år" in output
    assert run("budget", "organisation", "--organisation", "XX")[0] != 0


def test_the_klimatbokslut_as_json_adds_up_in_every_direction(demo: None) -> None:
    document = as_json("klimatbokslut", "show", "--organisation", "RST")
    assert set(document) >= KLIMATBOKSLUT_KEYS
    assert document["year"] == 2024 and document["gwp_set"] == "AR5"
    total = document["total_t_co2e"]
    assert total == pytest.approx(document["by_year"]["2024"])
    for key in ("by_scope", "by_category", "by_org_unit"):
        assert sum(document[key].values()) == pytest.approx(total), key
    assert document["by_org_unit"]["TF-FORD"] > 0
    assert document["reported_years"] == [2011] and document["preliminary_years"] == []
    reported = as_json("klimatbokslut", "show", "--organisation", "RST", "--year", "2011")
    assert reported["total_t_co2e"] == 260_000 and reported["year_status"] == "reported"
    assert reported["by_scope"] == {"1": 171_000, "2": 9_000, "3": 80_000}
    assert reported["by_category"] == {"fuel.diesel": 118_000, "medical_gas.nitrous_oxide": 21_000}
    unit = as_json("klimatbokslut", "show", "--organisation", "RST", "--node", "TF-FORD")
    assert set(unit["by_org_unit"]) == {"TF-FORD"} and unit["reported_years"] == []
    assert run("klimatbokslut", "show", "--organisation", "RST", "--year", "1999")[0] != 0


def test_the_klimatbokslut_in_text_marks_reported_years(demo: None) -> None:
    code, output = run("klimatbokslut", "show", "--organisation", "RST")
    assert code == 0, output
    assert "Klimatbokslut för Region Stockholm, 2024; GWP AR5" in output
    assert "2011: 260\u00a0000 (redovisad summa)" in output


def ended(node: Node, into: list[Node]) -> None:
    """`node` ended last year, its figures carried by `into` (as a reorganisation records it)."""
    node.valid_to = datetime.date.today() - datetime.timedelta(days=365)
    node.valid_from = node.valid_to - datetime.timedelta(days=1)
    node.save()
    change = Reorganisation.objects.create(
        organisation=node.organisation, kind="merge", effective_on=node.valid_to, description="-"
    )
    for successor in into:
        NodeMapping.objects.create(reorganisation=change, old_node=node, new_node=successor)


def test_figures_of_ended_units_roll_up_into_their_current_successors() -> None:
    root = NodeFactory()
    a, b, c, d = (NodeFactory(parent=root) for _ in range(4))
    e, f = NodeFactory(parent=d), NodeFactory(parent=d)
    rows = "".join(
        f"{n.code},fuel.diesel,2023,1000,l\n" for n in (a, b, c, d)
    )  # 2.5 t each with the 2022 factor
    activity_data_import(
        organisation=root.organisation,
        data=("org_unit,category,period,quantity,unit\n" + rows).encode(),
        filename="a.csv",
    )
    ended(a, [c])  # a → c, which ended too → b
    ended(c, [b])
    ended(d, [e, f])  # split: into the nearest active ancestor of both (d has ended: the root)
    assert successor_map(root.organisation) == {a.pk: b.pk, c.pk: b.pk, d.pk: root.pk}
    FactorSet.objects.filter(organisation=root.organisation).update(gwp_set="AR6")
    document = as_json("klimatbokslut", "show", "--organisation", root.organisation.code)
    assert document["gwp_set"] == "AR6"
    total = document["total_t_co2e"]
    assert document["by_org_unit"] == {
        b.code: pytest.approx(total * 3 / 4),
        root.code: pytest.approx(total / 4),
    }
    assert document["by_scope"] == {"1": pytest.approx(total)}
    assert list(document["by_year"]) == ["2023"]


def test_historical_totals_are_imported_from_the_command_line(tmp_path: Path) -> None:
    root = NodeFactory()
    file = tmp_path / "summor.csv"
    file.write_text(
        "year;scope;category;t_co2e;source\n2011;1;;1 500,5;Klimatbokslut 2011, s. 4\n",
        encoding="utf-8",
    )
    code, output = run(
        "import", "historical-totals", "--organisation", root.organisation.code, str(file)
    )
    assert code == 0, output
    assert "1 nya, 0 ändrade, 0 oförändrade" in output
    assert ReportedTotal.objects.get(organisation=root.organisation).t_co2e == 1500.5
    file.write_text("year,scope,category,t_co2e,source\n2011,7,,1,x\n", encoding="utf-8")
    code, _output = run(
        "import", "historical-totals", "--organisation", root.organisation.code, str(file)
    )
    assert code == 1


def test_the_budget_of_a_new_organisation_leaves_its_preliminary_year_out() -> None:
    root = NodeFactory()
    rows = "".join(
        f"{root.code},fuel.diesel,{year},{1000 - 100 * i},l\n"
        for i, year in enumerate(range(2020, 2024))
    )
    rows += f"{root.code},fuel.diesel,2024-02,50,l\n"
    activity_data_import(
        organisation=root.organisation,
        data=("org_unit,category,period,quantity,unit\n" + rows).encode(),
        filename="a.csv",
    )
    code = root.organisation.code
    document = as_json(
        "budget", "organisation", "--organisation", code, "--derivation", "carbon-law",
        "--start-year", "2021",
    )  # fmt: skip
    assert set(document) >= BUDGET_KEYS
    assert document["trend_years"] == [2020, 2021, 2022, 2023]
    assert document["preliminary_years"] == [2024]
    actual = document["actual_t"]
    assert document["e0_t"] == pytest.approx(actual["2021"], abs=0.001)
    assert document["emitted_t"] == pytest.approx(actual["2022"] + actual["2023"], abs=0.003)
    assert document["remaining_t"] == pytest.approx(
        document["budget_t"] - document["emitted_t"], abs=0.002
    )
    assert document["required_cut_pct"] > 0
    shown = as_json("klimatbokslut", "show", "--organisation", code)
    assert shown["year"] == 2023 and shown["preliminary_years"] == [2024]
    assert shown["data_through"] == {"2024": "2024-02"}
    assert shown["by_org_unit"] == {root.code: shown["total_t_co2e"]}
