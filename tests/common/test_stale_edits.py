"""Two people edit the same record: the second save of a stale form is refused with 409, shows
what the other person saved and keeps what the second person typed; the history page of the
record shows both changes."""

import re
from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.budgets.models import CarbonBudget
from nettonoll.emissions.models import EmissionFactor
from nettonoll.indicators.models import Indicator, IndicatorValue
from nettonoll.plans.models import Goal

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str], Client]


def _version(page: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', page)
    assert match, "the form carries the version it was built from"
    return match.group(1)


def _two_editors(client_as: ClientAs, url: str) -> tuple[Client, Client, str]:
    first, second = client_as("strategist"), client_as("administrator")
    seen = _version(first.get(url).content.decode())
    assert _version(second.get(url).content.decode()) == seen
    return first, second, seen


def test_a_stale_goal_edit_is_refused_with_the_other_values(client_as: ClientAs) -> None:
    goal = Goal.objects.get(plan__organisation__code="RJH", plan__name="Miljömål 2023", code="M1")
    url = f"/org/RJH/plans/{goal.plan_id}/goals/{goal.pk}/"
    first, second, seen = _two_editors(client_as, url)
    base = {"title": goal.title, "kind": goal.kind, "description": "", "version": seen}
    assert first.post(url, base | {"description": "Alices text"}).status_code == 302
    response = second.post(url, base | {"description": "Bobs text"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Alices text" in page  # what the other person saved
    assert "Bobs text" in page  # what this person typed is still in the form
    goal.refresh_from_db()
    assert goal.description == "Alices text"
    # having seen the other values, a deliberate second save goes through
    again = second.post(url, base | {"description": "Bobs text", "version": _version(page)})
    assert again.status_code == 302
    history = first.get(f"/org/RJH/historik/mal/{goal.pk}/").content.decode()
    assert "Alices text → Bobs text" in history


def test_a_stale_indicator_value_is_refused(client_as: ClientAs) -> None:
    indicator = Indicator.objects.get(organisation__code="RJH", name__startswith="Energianvändning")
    value = IndicatorValue.objects.filter(indicator=indicator).order_by("year").first()
    assert value is not None
    url = f"/org/RJH/indicators/{indicator.pk}/?node={value.node.code}&year={value.year}"
    first, second, seen = _two_editors(client_as, url)
    base = {"node": value.node.code, "year": value.year, "comment": "", "version": seen}
    assert first.post(url, base | {"value": "11"}).status_code == 302
    response = second.post(url, base | {"value": "99"})
    assert response.status_code == 409
    value.refresh_from_db()
    assert value.value == 11
    assert 'value="99"' in response.content.decode()


def test_a_new_value_typed_over_one_saved_meanwhile_is_refused(client_as: ClientAs) -> None:
    """The blank form says "no value yet" (version 0): a value saved since is not overwritten."""
    indicator = Indicator.objects.get(organisation__code="RJH", name__startswith="Energianvändning")
    value = IndicatorValue.objects.filter(indicator=indicator).first()
    assert value is not None
    url = f"/org/RJH/indicators/{indicator.pk}/?node={value.node.code}"
    data = {"node": value.node.code, "year": value.year, "value": "5", "comment": "", "version": 0}
    assert client_as("strategist").post(url, data).status_code == 409


def test_a_stale_carbon_budget_is_refused(client_as: ClientAs) -> None:
    url = "/org/RJH/koldioxidbudget/"
    values = {
        "derivation": "carbon-law",
        "convention": "discrete-incl",
        "start_year": "2023",
        "county_code": "23",
        "net_zero_year": "2045",
    }
    first, second = client_as("strategist"), client_as("administrator")
    seen = _version(first.get(url).content.decode())
    assert _version(first.get(url, values | {"version": seen}).content.decode()) == seen
    assert first.post(url, values | {"version": seen}).status_code == 302
    response = second.post(url, values | {"net_zero_year": "2040", "version": seen})
    assert response.status_code == 409
    assert CarbonBudget.objects.get(organisation__code="RJH").net_zero_year == 2045
    assert "Din ändring är inte sparad" in response.content.decode()


def test_a_stale_own_factor_is_refused(client_as: ClientAs) -> None:
    url = "/org/RJH/klimatbokslut/factors/"
    values = {
        "category": "fuel.diesel",
        "valid_year": "2023",
        "factor": "2500",
        "unit": "g CO2e/l",
        "scope": "1",
        "publisher": "Drivmedelsleverantören",
        "title": "Produktblad",
        "version": "0",
    }
    first, second = client_as("strategist"), client_as("administrator")
    assert first.post(url, values).status_code == 302  # replaces the shipped default
    response = second.post(url, values | {"factor": "2400"})  # also built before that save
    assert response.status_code == 409
    own = EmissionFactor.objects.get(
        factor_set__organisation__code="RJH", category="fuel.diesel", valid_year=2023, is_own=True
    )
    assert own.factor == 2500
    edit = second.get(f"{url}?edit={own.pk}").content.decode()
    assert (
        second.post(url, values | {"factor": "2400", "version": _version(edit)}).status_code == 302
    )
    history = first.get(f"/org/RJH/historik/faktor/{own.pk}/").content.decode()
    assert "2\xa0500 → 2\xa0400" in history  # old → new, in the Swedish number format


@pytest.mark.parametrize(
    ("role", "expected"), [("reader", 200), ("manager", 200), ("outsider", 404)]
)
def test_a_history_page_follows_the_access_rule(
    client_as: ClientAs, role: str, expected: int
) -> None:
    goal = Goal.objects.get(plan__organisation__code="RJH", plan__name="Miljömål 2023", code="M1")
    assert client_as(role).get(f"/org/RJH/historik/mal/{goal.pk}/").status_code == expected
    value = IndicatorValue.objects.filter(node__code="RJH").first()  # a node-owned record
    assert value is not None
    own = 200 if role == "reader" else 404
    assert client_as(role).get(f"/org/RJH/historik/varde/{value.pk}/").status_code == own
    assert client_as("reader").get(f"/org/RST/historik/mal/{goal.pk}/").status_code == 404
    assert client_as("reader").get("/org/RJH/historik/okand/1/").status_code == 404


def test_a_stale_headcount_is_refused_with_both_figures(client_as: ClientAs) -> None:
    url = "/org/RJH/klimatbokslut/headcount/"
    data = {"node": "RS-SERV", "year": "2024", "source": "HR", "version": "0"}
    assert client_as("manager").post(url, data | {"employees": "1250"}).status_code == 302
    response = client_as("strategist").post(url, data | {"employees": "1300"})
    assert response.status_code == 409
    page = response.content.decode().replace("\xa0", "").replace(" ", "")
    assert "1250" in page and "1300" in page  # the saved figure and the one typed
    assert 'href="/org/RJH/klimatbokslut/?node=RS-SERV&amp;year=2024"' in page


def test_a_column_template_saved_meanwhile_is_not_overwritten(client_as: ClientAs) -> None:
    url = "/org/RJH/klimatbokslut/kolumnmallar/"
    template = {
        "name": "jemtkraft-varme",
        "title": "Jämtkrafts fakturaunderlag",
        "org_unit_column": "Ansvar",
        "period_column": "Månad",
        "quantity_column": "Energi",
        "unit_constant": "MWh",
        "category_constant": "district_heating",
        "version": "0",
    }
    assert client_as("strategist").post(url, template).status_code == 302
    response = client_as("administrator").post(url, template | {"title": "Annan titel"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Jämtkrafts fakturaunderlag" in page and 'value="Annan titel"' in page


def test_revoking_a_role_someone_else_revoked_says_so(client_as: ClientAs) -> None:
    from nettonoll.organisations.models import RoleGrant

    grant = RoleGrant.objects.get(user__username="medarbetare", node__code="RS-SERV-KOST")
    url = "/org/RJH/node/RS-SERV-KOST/roles/"
    data = {"action": "revoke", "grant": grant.pk}
    assert client_as("administrator").post(url, data).status_code == 302
    second = client_as("administrator").post(url, data, follow=True)
    assert second.status_code == 200
    assert "Rollen var redan borttagen" in second.content.decode()


def test_a_goals_history_reads_in_words(client_as: ClientAs) -> None:
    from django.utils import timezone

    from nettonoll.plans.models import QualityObjective

    goal = Goal.objects.get(plan__organisation__code="RJH", plan__name="Miljömål 2023", code="M1")
    url = f"/org/RJH/plans/{goal.plan_id}/goals/{goal.pk}/"
    client = client_as("strategist")
    objective = QualityObjective.objects.order_by("pk").first()
    assert objective is not None
    data = {
        "title": goal.title,
        "kind": goal.kind,
        "description": "",
        "quality_objectives": [objective.pk],
        "supports_paris_agreement": "on" if not goal.supports_paris_agreement else "",
        "version": _version(client.get(url).content.decode()),
    }
    assert client.post(url, data).status_code == 302
    history = client.get(f"/org/RJH/historik/mal/{goal.pk}/").content.decode()
    assert str(objective) in history  # the linked objective by name, not link rows
    assert "qualityobjective:" not in history
    assert ("Nej → Ja" in history) or ("Ja → Nej" in history)
    assert "True" not in history and "False" not in history
    # a conflict names the time of the other save in local time, as the history does
    other = client_as("administrator").post(url, data | {"title": "Annan titel"})
    assert other.status_code == 409
    saved_at = timezone.localtime(goal.history.latest("history_date").history_date)
    assert saved_at.strftime("%H:%M") in other.content.decode()
