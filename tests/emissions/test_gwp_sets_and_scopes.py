"""The organisation's GWP set (chosen in the web, kept in history, named by every result) and
factor parts by scope (combustion in scope 1, well to tank in scope 3, category 3)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nettonoll.calc.factors import Factor
from nettonoll.emissions.models import FactorSet, InventoryResult
from nettonoll.emissions.selectors import inventory_view
from nettonoll.emissions.services import activity_data_import, factor_save
from nettonoll.organisations.models import Node, Organisation

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
FACTORS = "/org/RJH/klimatbokslut/factors/"


def nitrous_oxide_t() -> float:
    return sum(
        InventoryResult.objects.filter(
            organisation__code="RJH", category="medical_gas.nitrous_oxide"
        ).values_list("emissions_t_co2e", flat=True)
    )


def test_a_strategist_chooses_the_gwp_set_and_every_result_names_it(
    client_as: ClientAs, django_capture_on_commit_callbacks: Any
) -> None:
    before = nitrous_oxide_t()
    assert before > 0
    assert set(InventoryResult.objects.values_list("gwp_set", flat=True)) == {"AR5"}
    assert client_as("reader").post(FACTORS, {"gwp_set": "AR6"}).status_code == 403
    strategist = client_as("strategist")
    with django_capture_on_commit_callbacks(execute=True):  # the recalculation is queued
        response = strategist.post(FACTORS, {"gwp_set": "AR6"})
    assert response.status_code == 302
    factor_set = FactorSet.objects.get(organisation__code="RJH")
    assert factor_set.gwp_set == "AR6"
    results = InventoryResult.objects.filter(organisation__code="RJH")
    assert set(results.values_list("gwp_set", flat=True)) == {"AR6"}
    assert set(results.values_list("factor_set_version", flat=True)) == {factor_set.version}
    assert nitrous_oxide_t() == pytest.approx(before * 273 / 265)
    page = strategist.get("/org/RJH/klimatbokslut/").content.decode()
    assert "GWP-uppsättning AR6" in page
    factors_page = strategist.get(FACTORS).content.decode()
    assert "Byten av GWP-uppsättning" in factors_page


def test_an_unknown_gwp_set_is_refused_with_the_form(client_as: ClientAs) -> None:
    response = client_as("strategist").post(FACTORS, {"gwp_set": "AR9"})
    assert response.status_code == 400
    assert FactorSet.objects.get(organisation__code="RJH").gwp_set == "AR5"


def test_a_fuel_with_two_parts_gives_two_traced_results_and_scope_3_by_category(
    client_as: ClientAs, django_capture_on_commit_callbacks: Any
) -> None:
    organisation = Organisation.objects.get(code="RJH")
    source = {"publisher": "Leverantören", "title": "Produktblad", "year": 2025}
    factor_save(
        organisation=organisation,
        factor=Factor("fuel.own_diesel", 2025, 2.5, "kg CO2e/l", 1, **source),  # type: ignore[arg-type]
    )
    factor_save(
        organisation=organisation,
        factor=Factor(
            "fuel.own_diesel",
            2025,
            0.5,
            "kg CO2e/l",
            3,
            scope3_category=3,
            **source,  # type: ignore[arg-type]
        ),
    )
    activity_data_import(
        organisation=organisation,
        data=b"org_unit,category,period,quantity,unit\nRS-SERV-FORD,fuel.own_diesel,2025,1000,l\n",
        filename="diesel.csv",
    )
    results = InventoryResult.objects.filter(category="fuel.own_diesel").order_by("scope")
    assert [(r.scope, r.scope3_category, r.emissions_t_co2e) for r in results] == [
        (1, None, pytest.approx(2.5)),
        (3, 3, pytest.approx(0.5)),
    ]
    assert results[0].aggregate_id == results[1].aggregate_id
    view = inventory_view(Node.objects.get(organisation=organisation, code="RJH"), 2025)
    assert dict(view.by_scope3_category or []).get(3) == pytest.approx(0.5)
    client = client_as("reader")
    page = client.get("/org/RJH/klimatbokslut/?year=2025").content.decode()
    assert "3. Bränsle- och energirelaterade aktiviteter" in page
    drill = client.get(
        "/org/RJH/klimatbokslut/drill/?year=2025&category=fuel.own_diesel"
    ).content.decode()
    assert "scope 1" in drill and "scope 3" in drill and "Produktblad" in drill
    assert "Drivmedel: own diesel" in drill


def test_new_shipped_vintages_are_offered_and_added_as_a_new_version(
    client_as: ClientAs, django_capture_on_commit_callbacks: Any
) -> None:
    factor_set = FactorSet.objects.get(organisation__code="RJH")
    factor_set.factors.filter(category="district_heating.gavle", valid_year=2023).delete()
    version = factor_set.version
    strategist = client_as("strategist")
    page = strategist.get(FACTORS).content.decode()
    assert "1 ny standardfaktor" in page and "Fjärrvärme – Gävle från 2023" in page
    assert client_as("reader").post(FACTORS, {"add_shipped": "1"}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert strategist.post(FACTORS, {"add_shipped": "1"}).status_code == 302
    factor_set.refresh_from_db()
    assert factor_set.version == version + 1
    added = factor_set.factors.get(category="district_heating.gavle", valid_year=2023)
    assert added.factor == 7 and not added.is_own and added.history.count() == 1
    assert "ny standardfaktor" not in strategist.get(FACTORS).content.decode()
