"""Preliminary years: a part of a year is shown as such ("preliminärt, data t.o.m. mars 2025")
and kept out of trends, verdicts, run-out years, required cuts and what has been emitted so far,
until every category of the year before covers all twelve months or the year is closed."""

import re
from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client

from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
from nettonoll.emissions.models import YearClosing
from nettonoll.emissions.selectors import emission_totals_by_year, export_rows, inventory_view
from nettonoll.emissions.services import activity_data_import
from nettonoll.emissions.year_services import year_close
from nettonoll.emissions.years import preliminary_months, year_totals
from nettonoll.indicators.models import Indicator
from nettonoll.indicators.selectors import indicator_preliminary, indicator_status
from nettonoll.organisations.models import Node, Organisation
from tests.factories import NodeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
VERDICT_FIELDS = (
    "e0_t",
    "budget_t",
    "emitted_t",
    "remaining_t",
    "runs_out_year",
    "required_cut_pct",
    "trend_t",
    "last_year",
    "trend_years",
)


def q1_2025(organisation: str) -> bytes:
    """Two rows for the first quarter of the next year, as in the report on issue 10."""
    unit = {"RV": "RU-KTR", "RST": "TF-FORD"}[organisation]
    return (
        "org_unit;category;period;quantity;unit\n"
        f"{unit};fuel.diesel;2025-01;1000;l\n"
        f"{unit};fuel.diesel;2025-03;1000;l\n"
    ).encode()


def root(code: str) -> Node:
    return Node.objects.get(organisation__code=code, depth=1)


def verdicts(code: str) -> dict[str, object]:
    organisation = Organisation.objects.get(code=code)
    page = budget_page(organisation, carbon_budget_of(organisation))
    assert page.assessment is not None
    values = {f: getattr(page.assessment, f) for f in VERDICT_FIELDS}
    values["targets"] = [(t.name, t.on_track, t.expected_t) for t in page.assessment.targets]
    values["verdict"] = page.verdict
    return values


@pytest.mark.parametrize("code", ["RST", "RV"])
def test_adding_a_preliminary_quarter_changes_no_verdict(demo: None, code: str) -> None:
    before = verdicts(code)
    organisation = Organisation.objects.get(code=code)
    activity_data_import(organisation=organisation, data=q1_2025(code), filename="q1.csv")
    assert preliminary_months(organisation) == {2025: 3}
    assert verdicts(code) == before
    page = budget_page(organisation, carbon_budget_of(organisation))
    assert page.assessment is not None and 2025 not in page.assessment.actual_t
    assert page.assessment.preliminary_t == {2025: pytest.approx(2 * 2.5, rel=0.2)}
    assert page.assessment.runs_out_in_year != 2050
    assert [(y, note) for y, _t, note in page.preliminary] == [
        (2025, "preliminärt, data t.o.m. mars 2025")
    ]


def key_figures(page: str) -> list[str]:
    return re.findall(r"<dt>(.*?)</dt><dd>(.*?)(?:<br>|</dd>)", page)


def test_two_rows_of_2025_leave_the_budget_pages_figures_as_they_were(
    client_as: ClientAs,
) -> None:
    client = client_as("outsider")
    before = unescape(client.get("/org/RST/koldioxidbudget/").content.decode())
    organisation = Organisation.objects.get(code="RST")
    activity_data_import(organisation=organisation, data=q1_2025("RST"), filename="q1.csv")
    after = unescape(client.get("/org/RST/koldioxidbudget/").content.decode())
    assert key_figures(after) == key_figures(before)
    assert any("räcker till" not in value for name, value in key_figures(after))
    assert "preliminärt, data t.o.m. mars 2025" in after
    assert "därtill preliminärt 2025:" in after
    assert "2025 (preliminärt, data t.o.m. mars 2025, hittills" in after
    assert "preliminärt (preliminärt" not in after  # said once


def test_the_klimatbokslut_page_marks_the_preliminary_year_and_opens_on_a_complete_one(
    client_as: ClientAs,
) -> None:
    organisation = Organisation.objects.get(code="RST")
    activity_data_import(organisation=organisation, data=q1_2025("RST"), filename="q1.csv")
    view = inventory_view(root("RST"), None)
    assert view.year == 2024 and 2025 in view.years
    assert view.preliminary == {2025: "preliminärt, data t.o.m. mars 2025"}
    assert 2025 not in emission_totals_by_year(root("RST"))  # the indicators' trends
    page = unescape(client_as("outsider").get("/org/RST/klimatbokslut/?year=2025").content.decode())
    assert "preliminärt, data t.o.m. mars 2025" in page
    assert "Förändring jämfört med" not in page
    assert "ljusa streckade staplar är preliminära år" in page  # the chart's legend says so
    statuses = {row[0]: row[-1] for row in export_rows(root("RST"), None)}
    assert statuses[2025] == "preliminärt, data t.o.m. mars 2025"
    assert statuses[2024] == "komplett"


def test_a_closed_year_is_complete_and_can_be_reopened(demo: None) -> None:
    organisation = Organisation.objects.get(code="RST")
    activity_data_import(organisation=organisation, data=q1_2025("RST"), filename="q1.csv")
    closing = year_close(organisation=organisation, year=2025, expected_version=0)
    assert preliminary_months(organisation) == {}
    assert 2025 in year_totals(root("RST")).complete
    year_close(organisation=organisation, year=2025, closed=False, expected_version=1)
    assert preliminary_months(organisation) == {2025: 3}
    closing.refresh_from_db()
    assert [h.closed for h in closing.history.order_by("history_date")] == [True, False]


def test_a_strategist_closes_a_year_on_the_klimatbokslut_page(client_as: ClientAs) -> None:
    organisation = Organisation.objects.get(code="RST")
    activity_data_import(organisation=organisation, data=q1_2025("RST"), filename="q1.csv")
    url = "/org/RST/klimatbokslut/year/"
    assert client_as("reader").post(url, {"year": "2025", "version": "0"}).status_code == 404
    client = client_as("outsider")  # Region Stockholm's strategist
    response = client.post(url, {"year": "2025", "closed": "1", "version": "0"})
    assert response.status_code == 302
    closing = YearClosing.objects.get(organisation=organisation, year=2025)
    assert closing.closed and closing.changed_by is not None
    page = unescape(client.get(response["Location"]).content.decode())
    assert "Fastställt av" in page and "Öppna året igen" in page
    stale = client.post(url, {"year": "2025", "closed": "0", "version": "0"})
    assert stale.status_code == 409
    reopened = client.post(url, {"year": "2025", "closed": "0", "version": "1"})
    assert reopened.status_code == 302
    assert preliminary_months(organisation) == {2025: 3}


def test_a_category_of_the_year_before_missing_keeps_a_year_preliminary() -> None:
    organisation = OrganisationFactory()
    unit = NodeFactory(organisation=organisation, parent=None)
    text = (
        "org_unit,category,period,quantity,unit\n"
        f"{unit.code},fuel.diesel,2023,1000,l\n"
        f"{unit.code},fuel.petrol,2023,1000,l\n"
        f"{unit.code},fuel.diesel,2024,1000,l\n"
    )
    activity_data_import(organisation=organisation, data=text.encode(), filename="a.csv")
    totals = year_totals(unit)
    assert list(totals.complete) == [2023] and list(totals.preliminary) == [2024]
    assert totals.note(2024) == "preliminärt, data t.o.m. december 2024"


def test_the_drill_down_of_a_preliminary_year_says_so(client_as: ClientAs) -> None:
    organisation = Organisation.objects.get(code="RST")
    activity_data_import(organisation=organisation, data=q1_2025("RST"), filename="q1.csv")
    url = "/org/RST/klimatbokslut/drill/?year=2025&category=fuel.diesel"
    page = unescape(client_as("outsider").get(url).content.decode())
    assert "Preliminärt, data t.o.m. mars 2025." in page


def test_an_indicator_from_the_klimatbokslut_shows_a_preliminary_year_beside_its_values(
    client_as: ClientAs,
) -> None:
    indicator = Indicator.objects.get(organisation__code="RJH", metric_key="klimatbokslut.travel")
    data = (
        "org_unit;category;period;quantity;unit\nRS-STAB;travel.air.short_haul;2025-02;100000;pkm\n"
    )
    organisation = Organisation.objects.get(code="RJH")
    activity_data_import(organisation=organisation, data=data.encode(), filename="q1.csv")
    status = indicator_status(indicator, root("RJH"))
    assert 2025 not in [v.value.year for v in status.values]
    assert [y for y, _v in indicator_preliminary(indicator, root("RJH"))] == [2025]
    page = unescape(
        client_as("strategist").get(f"/org/RJH/indicators/{indicator.pk}/").content.decode()
    )
    assert "Därtill preliminärt 2025:" in page


def test_closing_a_preliminary_year_warns_that_it_then_counts_as_whole(
    client_as: ClientAs,
) -> None:
    client = client_as("outsider")
    complete = unescape(client.get("/org/RST/klimatbokslut/?year=2024").content.decode())
    assert "Fastställ 2024</button>" in complete and "räknas som helt" not in complete
    organisation = Organisation.objects.get(code="RST")
    activity_data_import(organisation=organisation, data=q1_2025("RST"), filename="q1.csv")
    page = unescape(client.get("/org/RST/klimatbokslut/?year=2025").content.decode())
    assert "ett fastställt år räknas som helt" in page
    assert "Fastställ 2025 ändå</button>" in page
