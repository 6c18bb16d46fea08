"""URLs of the budgets app: /org/<org>/koldioxidbudget/ and /lan/."""

from django.urls import URLPattern, path

from nettonoll.budgets.views import county, organisation

app_name = "budgets"
urlpatterns: list[URLPattern] = [
    path(
        "org/<str:org_code>/koldioxidbudget/",
        organisation.carbon_budget,
        name="organisation",
    ),
    path(
        "org/<str:org_code>/koldioxidbudget/rapport.pdf",
        organisation.carbon_budget_pdf,
        name="organisation_pdf",
    ),
    path("lan/", county.counties, name="counties"),
    path("lan/<str:code>/", county.county, name="county"),
    path(
        "lan/<str:code>/kommun/<str:municipality_code>/",
        county.municipality,
        name="municipality",
    ),
]
