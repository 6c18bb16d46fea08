"""The organisation's carbon budget page: derivations (a)–(d) tried out without saving and adopted
by a strategist, actuals against the pathway, targets, and the climate action plan's measures."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from html import unescape
from typing import Any

import pytest
from django.test import Client

from nettonoll.budgets.models import CarbonBudget
from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of, county_rate
from nettonoll.calc.organisation_budget import budget_for_rate
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans.models import Activity, ActivityStatus, Goal

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
URL = "/org/RST/koldioxidbudget/"


def rst() -> Organisation:
    return Organisation.objects.get(code="RST")


def text(response: object) -> str:
    return unescape(response.content.decode())  # type: ignore[attr-defined]


def test_the_demo_budget_is_the_area_under_the_path_to_net_zero_in_2035(demo: None) -> None:
    page = budget_page(rst(), carbon_budget_of(rst()))
    a = page.assessment
    assert a is not None and a.derivation == "target-path"
    assert a.e0_t == pytest.approx(a.actual_t[2022])
    assert a.budget_t == pytest.approx(a.e0_t * (2035 - 2022 - 1) / 2)  # counted from 2023
    assert a.emitted_t == pytest.approx(a.actual_t[2023] + a.actual_t[2024])  # discrete-next
    assert a.remaining_t == pytest.approx(a.budget_t - a.emitted_t)
    names = [t.name for t in a.targets]
    assert names[:2] == ["Netto noll", "−50 % mot 2011"]
    assert len(page.ranked) == 7 and page.verdict is not None


def test_trying_another_derivation_changes_the_figures_and_saves_nothing(
    client_as: ClientAs,
) -> None:
    client = client_as("outsider")  # Region Stockholm's strategist
    adopted = text(client.get(URL))
    assert "(b) Ytan under den beslutade målbanan" in adopted
    assert "E0 × (T − t0) / 2" in adopted
    before = CarbonBudget.objects.get(organisation=rst()).history.count()
    query = {
        "derivation": "county-rate",
        "convention": "discrete-next",
        "start_year": "2022",
        "county_code": "01",
        "net_zero_year": "2035",
    }
    tried = client.get(URL, query)
    page = text(tried)
    assert tried.status_code == 200
    assert "Du provar andra värden än de beslutade" in page
    assert "länets (länskod 01) nödvändiga minskningstakt" in page
    rate = county_rate("01", "discrete-next")
    assert rate is not None and 0.2 < rate < 0.4
    e0 = budget_page(rst(), carbon_budget_of(rst())).assessment.actual_t[2022]  # type: ignore[union-attr]
    budget = budget_for_rate(e0, rate, "discrete-next")
    assert f"{budget:,.0f}".replace(",", "\u00a0") in page or f"{budget:,.0f}".replace(
        ",", " "
    ) in page.replace("\u00a0", " ")
    assert "Spara som beslutad härledning" in page
    assert CarbonBudget.objects.get(organisation=rst()).history.count() == before
    assert CarbonBudget.objects.get(organisation=rst()).derivation == "target-path"


def test_a_strategist_adopts_a_derivation_and_it_is_kept_in_history(client_as: ClientAs) -> None:
    client = client_as("outsider")
    response = client.post(
        URL,
        {
            "derivation": "carbon-law",
            "convention": "discrete-incl",
            "start_year": "2023",
            "county_code": "01",
            "net_zero_year": "2045",
        },
    )
    assert response.status_code == 302
    saved = CarbonBudget.objects.get(organisation=rst())
    assert (saved.derivation, saved.convention, saved.start_year) == (
        "carbon-law",
        "discrete-incl",
        2023,
    )
    assert saved.history.count() >= 2 and saved.history.first().history_user is not None
    page = text(client.get(URL))
    assert "Budgetens härledning är sparad." in page
    assert "koldioxidlagen, utsläppen minskar 11,72 % per år" in page


def test_a_decided_budget_needs_its_tonnes_and_bad_input_is_explained(client_as: ClientAs) -> None:
    response = client_as("outsider").get(
        URL,
        {
            "derivation": "decided",
            "convention": "discrete-next",
            "start_year": "2022",
            "net_zero_year": "2020",
        },
    )
    page = text(response)
    assert response.status_code == 400
    assert "Ange den beslutade budgeten i ton CO2e." in page
    assert "Året för netto noll måste komma efter startåret." in page


def test_a_decided_budget_spends_exactly_its_tonnes(client_as: ClientAs) -> None:
    page = text(
        client_as("outsider").get(
            URL,
            {
                "derivation": "decided",
                "convention": "discrete-next",
                "start_year": "2022",
                "net_zero_year": "2045",
                "decided_budget_t": "900 000",
            },
        )
    )
    assert "900\u00a0000 ton CO2e" in page or "900 000 ton CO2e" in page


def test_measures_count_from_their_start_year_in_tonnes_and_cancelled_ones_do_not(
    demo: None,
) -> None:
    organisation = rst()
    before = budget_page(organisation, carbon_budget_of(organisation))
    node = Node.objects.get(organisation=organisation, code="RST")
    goal = Goal.objects.get(plan__organisation=organisation, code="K2")
    kept = Activity.objects.create(
        node=node,
        title="Solceller på alla sjukhustak",
        start_on=date(2030, 3, 1),
        expected_effect_quantity=Decimal(2_000_000),
        expected_effect_unit="kg CO2e/år",
        cost_sek=Decimal(40_000_000),
    )
    kept.goals.add(goal)
    cancelled = Activity.objects.create(
        node=node,
        title="Inställd åtgärd",
        start_on=date(2025, 1, 1),
        status=ActivityStatus.CANCELLED,
        expected_effect_quantity=Decimal(99_999),
        expected_effect_unit="t CO2e/år",
    )
    cancelled.goals.add(goal)
    after = budget_page(organisation, carbon_budget_of(organisation))
    assert len(after.ranked) == len(before.ranked) + 1
    assert after.plan_effect_t[2029] == pytest.approx(before.plan_effect_t[2029])
    assert after.plan_effect_t[2030] == pytest.approx(before.plan_effect_t[2030] + 2_000)
    solar = next(r for r, a in after.ranked if a.pk == kept.pk)
    assert solar.cost_per_t_sek == pytest.approx(40_000_000 / (2_000 * (2035 - 2030 + 1)))


def test_the_budget_is_a_pdf_with_its_figures(client_as: ClientAs) -> None:
    response = client_as("outsider").get("/org/RST/koldioxidbudget/rapport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 10_000


def test_an_organisation_without_a_klimatbokslut_is_told_so(client_as: ClientAs) -> None:
    from nettonoll.emissions.models import InventoryResult

    InventoryResult.objects.filter(organisation__code="RJH").delete()
    page = text(client_as("strategist").get("/org/RJH/koldioxidbudget/"))
    assert "Inget klimatbokslut ännu." in page


def test_absurd_years_budgets_and_counties_are_refused_quickly(client_as: ClientAs) -> None:
    import time

    started = time.monotonic()
    response = client_as("outsider").get(
        URL,
        {
            "derivation": "decided",
            "convention": "discrete-next",
            "start_year": "2024",
            "net_zero_year": "99999",
            "decided_budget_t": "-5",
            "county_code": "99",
            "reduction_year": "30000",
        },
    )
    page = text(response)
    assert response.status_code == 400 and time.monotonic() - started < 5
    assert "Ange ett år för netto noll senast 2100." in page
    assert "Budgeten ska vara ett positivt antal ton." in page
    assert "Okänd länskod 99." in page
    assert "Ange ett år mellan 1990 och 2100." in page


def test_the_budget_is_for_roles_at_the_root_only(client_as: ClientAs) -> None:
    assert client_as("manager").get("/org/RJH/koldioxidbudget/").status_code == 404
    assert client_as("reader").get("/org/RJH/koldioxidbudget/").status_code == 200


def test_absurd_emissions_stored_before_imports_had_bounds_are_named_not_a_500(
    client_as: Any,
) -> None:
    from nettonoll.emissions.models import InventoryResult

    row = InventoryResult.objects.filter(organisation__code="RJH", year=2021).first()
    assert row is not None
    InventoryResult.objects.filter(pk=row.pk).update(emissions_t_co2e=1e308)
    client = client_as("strategist")
    page = client.get("/org/RJH/koldioxidbudget/")
    assert page.status_code == 200
    assert "orimligt stora utsläpp för 2021" in page.content.decode()
    assert client.get("/org/RJH/koldioxidbudget/rapport.pdf").status_code == 200
