"""The public pages at /offentlig/: an anonymous visitor sees exactly what was published and a
plain public 404 for everything else, URL by URL, before and after publishing and unpublishing;
the pages are cacheable. Demo: Region Värmland publishes its klimatbokslut, budget, indicators and
plan; Region Jämtland Härjedalen publishes nothing."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.emissions.years import year_totals
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans.models import Plan
from nettonoll.publication.models import Publication, PublishedWhat
from nettonoll.publication.services import publish, unpublish

pytestmark = pytest.mark.django_db


def _jamtland() -> tuple[Organisation, Plan, int]:
    organisation = Organisation.objects.get(code="RJH")
    plan = Plan.objects.get(organisation=organisation, name="Miljömål 2023")
    root = Node.objects.get_root_nodes().get(organisation=organisation)
    year = max(year_totals(root).all_years)
    return organisation, plan, year


# url template → (what to publish, with a year, with the plan): each URL of Jämtland's
URLS = {
    "/offentlig/RJH/mal/{plan}/": (PublishedWhat.PLAN, False, True),
    "/offentlig/RJH/indikatorer/": (PublishedWhat.INDICATORS, False, False),
    "/offentlig/RJH/klimatbokslut/": (PublishedWhat.KLIMATBOKSLUT, True, False),
    "/offentlig/RJH/klimatbokslut/{year}/": (PublishedWhat.KLIMATBOKSLUT, True, False),
    "/offentlig/RJH/koldioxidbudget/": (PublishedWhat.BUDGET, False, False),
}
OTHERS = {
    PublishedWhat.PLAN: ["/offentlig/RJH/indikatorer/", "/offentlig/RJH/koldioxidbudget/"],
    PublishedWhat.INDICATORS: ["/offentlig/RJH/klimatbokslut/", "/offentlig/RJH/mal/{plan}/"],
    PublishedWhat.KLIMATBOKSLUT: ["/offentlig/RJH/indikatorer/", "/offentlig/RJH/koldioxidbudget/"],
    PublishedWhat.BUDGET: ["/offentlig/RJH/klimatbokslut/", "/offentlig/RJH/mal/{plan}/"],
}


def assert_public_404(response: object) -> None:
    assert response.status_code == 404  # type: ignore[attr-defined]
    text = response.content.decode()  # type: ignore[attr-defined]
    assert "Sidan finns inte" in text
    assert "Logga ut" not in text and "Huvudmeny" not in text


@pytest.mark.parametrize("template", list(URLS))
def test_a_page_is_public_exactly_while_it_is_published(
    client_as: Callable[[str], Client], template: str
) -> None:
    organisation, plan, year = _jamtland()
    url = template.format(plan=plan.pk, year=year)
    what, with_year, with_plan = URLS[template]
    anonymous = client_as("anonymous")
    assert_public_404(anonymous.get(url))
    assert_public_404(anonymous.get("/offentlig/RJH/"))
    publish(organisation, what, year=year if with_year else None, plan=plan if with_plan else None)
    assert anonymous.get(url).status_code == 200
    assert anonymous.get("/offentlig/RJH/").status_code == 200
    for other in OTHERS[what]:
        assert_public_404(anonymous.get(other.format(plan=plan.pk)))
    unpublish(
        organisation, what, year=year if with_year else None, plan=plan if with_plan else None
    )
    assert_public_404(anonymous.get(url))
    assert_public_404(anonymous.get("/offentlig/RJH/"))


def test_one_published_year_shows_that_year_and_no_other(
    client_as: Callable[[str], Client],
) -> None:
    organisation, _plan, year = _jamtland()
    publish(organisation, PublishedWhat.KLIMATBOKSLUT, year=year)
    anonymous = client_as("anonymous")
    assert anonymous.get(f"/offentlig/RJH/klimatbokslut/{year}/").status_code == 200
    assert_public_404(anonymous.get(f"/offentlig/RJH/klimatbokslut/{year - 1}/"))
    years = anonymous.get("/offentlig/RJH/klimatbokslut/").context["klimatbokslut_years"]
    assert [r.year for r in years] == [year]


def test_a_single_indicator_is_public_and_the_others_are_not(
    client_as: Callable[[str], Client],
) -> None:
    organisation, _plan, _year = _jamtland()
    first, second = organisation.indicators.order_by("name")[:2]
    publish(organisation, PublishedWhat.INDICATORS, indicator=first)
    page = client_as("anonymous").get("/offentlig/RJH/indikatorer/")
    assert [r.indicator for r in page.context["rows"]] == [first]
    assert second.name not in page.content.decode()


def test_an_unknown_organisation_or_county_is_a_plain_404(
    client_as: Callable[[str], Client],
) -> None:
    anonymous = client_as("anonymous")
    assert_public_404(anonymous.get("/offentlig/NOPE/"))
    assert_public_404(anonymous.get("/offentlig/NOPE/klimatbokslut/"))
    assert_public_404(anonymous.get("/offentlig/lan/99/"))
    assert_public_404(anonymous.get("/offentlig/RV/mal/999999/"))
    assert_public_404(anonymous.get("/offentlig/RV/klimatbokslut/1990/"))


VARMLAND = [
    "/offentlig/RV/",
    "/offentlig/RV/indikatorer/",
    "/offentlig/RV/klimatbokslut/",
    "/offentlig/RV/koldioxidbudget/",
    "/offentlig/lan/",
    "/offentlig/lan/17/",
]


@pytest.mark.parametrize("url", VARMLAND)
def test_the_demo_publishes_varmland_and_pages_are_cacheable(
    client_as: Callable[[str], Client], url: str
) -> None:
    anonymous = client_as("anonymous")
    response = anonymous.get(url)
    assert response.status_code == 200
    assert "public, max-age=" in response["Cache-Control"]
    assert response["ETag"].startswith('"')
    assert "Set-Cookie" not in response.headers
    again = anonymous.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    text = response.content.decode()
    assert "<main" in text and "Logga ut" not in text


def test_the_demo_publishes_varmland_s_plan_and_nothing_of_the_others(
    client_as: Callable[[str], Client],
) -> None:
    anonymous = client_as("anonymous")
    plan = Plan.objects.get(organisation__code="RV")
    response = anonymous.get(f"/offentlig/RV/mal/{plan.pk}/")
    assert response.status_code == 200
    assert "Så bedöms status" in response.content.decode()
    for code in ("RJH", "RST"):
        assert_public_404(anonymous.get(f"/offentlig/{code}/"))
    assert set(Publication.objects.values_list("organisation__code", flat=True)) == {"RV"}


def test_the_start_page_names_the_publisher_and_links_only_published_pages(
    client_as: Callable[[str], Client],
) -> None:
    text = client_as("anonymous").get("/offentlig/RV/").content.decode()
    assert "Publicerat av Region Värmland" in text
    assert "/offentlig/RV/koldioxidbudget/" in text
    assert "{# opendata link #}" not in text  # a template comment: filled at merge


def test_public_klimatbokslut_equals_the_logged_in_page(
    client_as: Callable[[str], Client],
) -> None:
    from nettonoll.accounts.models import User

    strategist = Client()
    strategist.force_login(User.objects.get(username="strateg.varmland"))
    public = client_as("anonymous").get("/offentlig/RV/klimatbokslut/").context
    inside = strategist.get("/org/RV/klimatbokslut/").context["view"]
    assert {r.year: round(r.total_t, 1) for r in public["klimatbokslut_years"]} == {
        year: round(total, 1) for year, total, *_rest in inside.by_year_per_employee
    }
    year = public["klimatbokslut_years"][-2].year
    public_year = client_as("anonymous").get(f"/offentlig/RV/klimatbokslut/{year}/").context
    inside_year = strategist.get(f"/org/RV/klimatbokslut/?year={year}").context["view"]
    assert sum(t for _name, t in public_year["summary"]["scopes"]) == pytest.approx(
        sum(t for _scope, t in inside_year.by_scope), abs=0.01
    )


def test_public_budget_equals_the_logged_in_page(client_as: Callable[[str], Client]) -> None:
    from nettonoll.accounts.models import User

    strategist = Client()
    strategist.force_login(User.objects.get(username="strateg.varmland"))
    public = client_as("anonymous").get("/offentlig/RV/koldioxidbudget/").context["a"]
    inside = strategist.get("/org/RV/koldioxidbudget/").context["a"]
    assert public is not None
    assert public.budget_t == inside.budget_t
    assert public.remaining_t == inside.remaining_t
    assert public.path_t == inside.path_t
    assert public.actual_t == inside.actual_t


def test_the_public_budget_names_its_method_in_words_without_the_internal_letter(
    demo: None, client: Client
) -> None:
    """The methods are lettered (a)–(d) on the strategists' page; the public reads words."""
    response = client.get("/offentlig/RV/koldioxidbudget/")
    assert response.status_code == 200
    heading = response.content.decode().split('id="result-heading">')[1].split("</h2>")[0]
    assert heading.startswith("Budgetens metod: ")
    assert "(" not in heading
