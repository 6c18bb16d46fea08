"""URLs of the publication app (namespace `public`): the public pages at /offentlig/ (no login)
and, for logged-in users, publishing (/org/<org>/publicering/) and the dashboard
(/org/<org>/oversikt/). Open-data downloads live under /offentlig/<org>/data/ (namespace
`opendata`, their own module)."""

from django.urls import URLPattern, path

from nettonoll.publication import public_county, public_views, views

app_name = "public"
urlpatterns: list[URLPattern] = [
    path("offentlig/lan/", public_county.counties, name="counties"),
    path("offentlig/lan/<str:code>/", public_county.county, name="county"),
    path("offentlig/<str:org_code>/", public_views.start, name="start"),
    path("offentlig/<str:org_code>/mal/<int:plan_id>/", public_views.plan, name="plan"),
    path("offentlig/<str:org_code>/indikatorer/", public_views.indicators, name="indicators"),
    path(
        "offentlig/<str:org_code>/klimatbokslut/",
        public_views.klimatbokslut,
        name="klimatbokslut",
    ),
    path(
        "offentlig/<str:org_code>/klimatbokslut/<int:year>/",
        public_views.klimatbokslut_year,
        name="klimatbokslut_year",
    ),
    path("offentlig/<str:org_code>/koldioxidbudget/", public_views.budget, name="budget"),
    path("org/<str:org_code>/publicering/", views.publishing, name="publishing"),
    path("org/<str:org_code>/oversikt/", views.dashboard, name="dashboard"),
]
