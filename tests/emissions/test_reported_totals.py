"""Base years before activity data: totals reported for a year (per scope and, where known, per
category, with the source) entered in the web or imported, marked as reported totals, and used
for base-year comparisons and trends like computed years (computed results win)."""

from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client

from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
from nettonoll.calc.problems import Rejected
from nettonoll.emissions.imports import historical_totals_import
from nettonoll.emissions.models import ReportedTotal
from nettonoll.emissions.selectors import (
    EXPORT_COLUMNS,
    emission_totals_by_year,
    export_rows,
    inventory_view,
)
from nettonoll.emissions.services import activity_data_import
from nettonoll.emissions.year_services import reported_total_save
from nettonoll.emissions.years import year_totals
from nettonoll.organisations.models import Node, Organisation
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
HEADER = "year,scope,category,t_co2e,source\n"


def rst_root() -> Node:
    return Node.objects.get(organisation__code="RST", depth=1)


def test_the_demos_2011_base_year_is_a_reported_total_the_budget_compares_with(
    demo: None,
) -> None:
    view = inventory_view(rst_root(), 2011)
    assert view.is_reported and view.year == 2011
    assert view.total_t_co2e == pytest.approx(260_000)
    assert dict(view.by_scope) == {1: 171_000, 2: 9_000, 3: 80_000}
    assert {r.source for r in view.reported} == {"Klimatbokslut 2011, s. 4 (påhittat demovärde)"}
    compared = inventory_view(rst_root(), 2023, base_year=2011)
    assert compared.base_year == 2011 and compared.change_from_base_pct is not None
    organisation = Organisation.objects.get(code="RST")
    page = budget_page(organisation, carbon_budget_of(organisation))
    assert page.assessment is not None
    target = next(t for t in page.assessment.targets if t.name == "−50 % mot 2011")
    assert target.limit_t == pytest.approx(130_000)
    assert 2011 in page.assessment.trend_years


def test_reported_totals_are_marked_with_their_source_on_the_page(client_as: ClientAs) -> None:
    page = unescape(client_as("outsider").get("/org/RST/klimatbokslut/?year=2011").content.decode())
    assert "redovisad summa" in page
    assert "Klimatbokslut 2011, s. 4 (påhittat demovärde)" in page
    rows = [r for r in export_rows(rst_root(), 2011)]
    assert {r[-1] for r in rows} == {"redovisad summa"}
    t_column = [code for _heading, code in EXPORT_COLUMNS].index("emissions_t_co2e")
    assert sum(float(r[t_column]) for r in rows) == pytest.approx(260_000)  # type: ignore[arg-type]


def test_a_year_with_computed_results_uses_them_and_notes_the_reported_total() -> None:
    root = NodeFactory()
    organisation = root.organisation
    text = f"org_unit,category,period,quantity,unit\n{root.code},fuel.diesel,2023,1000,l\n"
    activity_data_import(organisation=organisation, data=text.encode(), filename="a.csv")
    computed = year_totals(root).complete[2023]
    reported_total_save(
        organisation=organisation, year=2023, scope=1, category="", t_co2e=99.0, source="PM"
    )
    reported_total_save(
        organisation=organisation, year=2010, scope=1, category="", t_co2e=50.0, source="KB 2010"
    )
    totals = year_totals(root)
    assert totals.complete == {2010: 50.0, 2023: pytest.approx(computed)}
    assert totals.reported == {2010}
    view = inventory_view(root, 2023)
    assert not view.is_reported and [r.source for r in view.reported] == ["PM"]
    child = NodeFactory(parent=root)
    assert 2010 not in emission_totals_by_year(child)  # the organisation's, at its root only


def test_an_import_adds_and_changes_rows_all_or_nothing() -> None:
    root = NodeFactory()
    code = root.organisation.code
    data = HEADER + "2011,1,fuel.diesel,118 000,KB 2011 s. 4\n2011,scope 2,,9000,KB 2011 s. 4\n"
    result = historical_totals_import(organisation_code=code, data=data.encode(), filename="h.csv")
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    again = HEADER + "2011,1,fuel.diesel,118000,KB 2011 s. 4\n2011,2,,9500,KB 2011 s. 5\n"
    result = historical_totals_import(organisation_code=code, data=again.encode(), filename="h.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    bad = HEADER + "2011,4,,1,x\n2012,1,,-5,x\n2013,1,,1,\n2011,1,fuel.diesel,1,x\n"
    with pytest.raises(Rejected) as refused:
        historical_totals_import(organisation_code=code, data=bad.encode(), filename="h.csv")
    codes = {g.problem.code for g in refused.value.groups}
    assert codes == {
        "reported_scope_unknown",
        "decimal_out_of_range",
        "value_missing",
    }
    assert (
        ReportedTotal.objects.get(organisation=root.organisation, year=2011, scope=2).t_co2e == 9500
    )
    swedish = "year;scope;category;t_co2e;source\n2012;3;;1 234,5;Årsredovisning 2012\n"
    historical_totals_import(
        organisation_code=code, data=swedish.encode("cp1252"), filename="h.csv"
    )
    assert ReportedTotal.objects.get(organisation=root.organisation, year=2012).t_co2e == 1234.5


def test_a_strategist_enters_a_reported_total_in_the_web_with_history(
    client_as: ClientAs,
) -> None:
    url = "/org/RST/klimatbokslut/redovisade/"
    client = client_as("outsider")  # Region Stockholm's strategist
    values = {
        "year": "2012",
        "scope": "1",
        "category": "",
        "t_co2e": "140 000",
        "source": "Klimatbokslut 2012, s. 3",
        "version": "0",
    }
    assert client.post(url, values).status_code == 302
    row = ReportedTotal.objects.get(organisation__code="RST", year=2012)
    assert row.t_co2e == 140_000 and row.history.count() == 1
    page = unescape(client.get(url).content.decode())
    assert "Klimatbokslut 2012, s. 3" in page
    stale = client.post(url, values)  # the same year and scope saved in between
    assert stale.status_code == 409
    assert client.post(url, {**values, "version": "1", "t_co2e": "141000"}).status_code == 302
    assert ReportedTotal.objects.get(pk=row.pk).t_co2e == 141_000
    assert client_as("reader").get(url).status_code == 404  # Region Jämtland Härjedalen's


def test_the_drill_down_of_a_reported_category_names_its_source(client_as: ClientAs) -> None:
    url = "/org/RST/klimatbokslut/drill/?year=2011&category=fuel.diesel"
    page = unescape(client_as("outsider").get(url).content.decode())
    assert "redovisad summa ur Klimatbokslut 2011, s. 4 (påhittat demovärde)" in page
    assert "Inga rader." not in page


def test_changing_a_reported_total_keeps_its_year_scope_and_category(
    client_as: ClientAs,
) -> None:
    client = client_as("outsider")
    row = ReportedTotal.objects.get(organisation__code="RST", year=2011, category="fuel.diesel")
    url = f"/org/RST/klimatbokslut/redovisade/?edit={row.pk}"
    assert "118000" in client.get(url).content.decode().replace("\xa0", "").replace(" ", "")
    values = {"year": "1999", "scope": "3", "t_co2e": "117 500", "source": "KB 2011, s. 5"}
    response = client.post(url, {**values, "version": str(row.version)})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.year, row.scope, row.category) == (2011, 1, "fuel.diesel")
    assert (row.t_co2e, row.source) == (117_500, "KB 2011, s. 5")
    assert [h.t_co2e for h in row.history.order_by("history_date")] == [118_000, 117_500]


def test_reported_totals_name_their_category_in_swedish_not_by_code(client_as: ClientAs) -> None:
    client = client_as("outsider")
    for url in ("/org/RST/klimatbokslut/?year=2011", "/org/RST/klimatbokslut/redovisade/"):
        page = unescape(client.get(url).content.decode())
        assert "Diesel (med låginblandning)" in page and "Lustgas" in page, url
        assert ">fuel.diesel<" not in page and ">medical_gas.nitrous_oxide<" not in page, url


def test_the_reported_totals_table_spans_the_page_not_the_narrow_column(
    client_as: ClientAs,
) -> None:
    page = unescape(client_as("outsider").get("/org/RST/klimatbokslut/?year=2011").content.decode())
    columns = page.index('<div class="two-columns">', page.index("Per scope 2011") - 300)
    columns_end = page.index("</div>", page.index("Per scope 2011"))
    reported = page.index("Redovisade summor 2011")
    assert not columns < reported < columns_end  # four columns do not fit a third of the page


def test_a_reported_total_names_a_known_category_in_the_file_and_the_form(
    client_as: ClientAs,
) -> None:
    data = HEADER + "2011,1,fuel.disel,100,KB 2011 s. 4\n2011,1,fuel.diesel,100,KB 2011 s. 4\n"
    with pytest.raises(Rejected) as refused:
        historical_totals_import(organisation_code="RST", data=data.encode(), filename="t.csv")
    assert [(g.problem.code, g.problem.line) for g in refused.value.groups] == [
        ("reported_category_unknown", 2)
    ]
    page = client_as("outsider").get("/org/RST/klimatbokslut/redovisade/").content
    assert "Diesel (med låginblandning)" in page.decode()
