"""Publishing from the web (/org/<org>/publicering/): strategists and administrators at the root
publish and unpublish, each change audited with who did it; readers see the page read-only;
everyone else gets 404. Same service as `nettonoll publish|unpublish`."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.plans.models import Plan
from nettonoll.publication.models import Publication
from nettonoll.publication.selectors import published_of

pytestmark = pytest.mark.django_db

URL = "/org/RJH/publicering/"


def test_a_strategist_publishes_and_unpublishes_and_history_says_who(
    client_as: Callable[[str], Client],
) -> None:
    strategist = client_as("strategist")
    response = strategist.post(URL, {"action": "publish", "what": "budget"})
    assert response.status_code == 302
    organisation = Plan.objects.get(name="Miljömål 2023").organisation
    assert published_of(organisation).covers("budget")
    assert client_as("anonymous").get("/offentlig/RJH/koldioxidbudget/").status_code == 200
    strategist.post(URL, {"action": "unpublish", "what": "budget"})
    assert not published_of(organisation).covers("budget")
    history = Publication.history.filter(organisation=organisation).order_by("history_date")
    assert [(h.history_type, h.history_user.username) for h in history] == [  # type: ignore[union-attr]
        ("+", "miljostrateg"),
        ("-", "miljostrateg"),
    ]
    page = strategist.get(URL).content.decode()
    assert "Avpublicerade" in page and "Maja" in page


def test_a_plan_and_one_year_are_published_from_the_page(
    client_as: Callable[[str], Client],
) -> None:
    plan = Plan.objects.get(name="Miljömål 2023")
    administrator = client_as("administrator")
    administrator.post(URL, {"action": "publish", "what": "plan", "plan": plan.pk})
    administrator.post(URL, {"action": "publish", "what": "klimatbokslut", "year": "2023"})
    published = published_of(plan.organisation)
    assert published.covers("plan", plan_id=plan.pk)
    assert published.covers("klimatbokslut", 2023)
    assert not published.covers("klimatbokslut", 2022)
    page = administrator.get(URL).content.decode()
    assert f"/offentlig/RJH/mal/{plan.pk}/" in page


def test_the_reader_sees_the_page_without_buttons_and_may_not_publish(
    client_as: Callable[[str], Client],
) -> None:
    reader = client_as("reader")
    page = reader.get(URL)
    assert page.status_code == 200
    assert 'value="publish"' not in page.content.decode()
    assert reader.post(URL, {"action": "publish", "what": "budget"}).status_code == 403
    assert not Publication.objects.filter(organisation__code="RJH").exists()


def test_a_plan_of_another_organisation_is_refused(client_as: Callable[[str], Client]) -> None:
    other = Plan.objects.get(organisation__code="RV")
    response = client_as("strategist").post(
        URL, {"action": "publish", "what": "plan", "plan": other.pk}
    )
    assert response.status_code == 400
    assert not Publication.objects.filter(organisation__code="RJH").exists()


def test_the_dashboard_and_the_publishing_page_are_linked_from_the_organisation(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("reader").get("/org/RJH/").content.decode()
    assert "/org/RJH/oversikt/" in page
    assert "/org/RJH/publicering/" in page


def test_the_dashboard_gathers_the_figures_of_the_user_s_part_of_the_tree(
    client_as: Callable[[str], Client],
) -> None:
    response = client_as("manager").get("/org/RJH/oversikt/")
    assert response.status_code == 200
    assert response.context["node"].code == "RS-SERV"
    assert response.context["budget"] is None  # the whole organisation's: at the root only
    root = client_as("strategist").get("/org/RJH/oversikt/").context
    assert root["node"].code == "RJH"
    assert root["summary"]["total_t_co2e"] > 0
    assert root["indicator_shares"]["total"] == len(root["rows"]) > 0
    assert sum(n for _s, _name, n in root["plans"][0].counts) > 0
