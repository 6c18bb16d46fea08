"""URLs of climate adaptation and new builds (under /org/<org>/klimatrisker/ and
/org/<org>/nybyggnad/)."""

from django.urls import path

from nettonoll.adaptation import views

app_name = "adaptation"
urlpatterns = [
    path("<str:org_code>/klimatrisker/", views.risks_page, name="risks"),
    path("<str:org_code>/klimatrisker/byggnad/<int:pk>/", views.building_page, name="building"),
    path(
        "<str:org_code>/klimatrisker/byggnad/<int:pk>/<slug:hazard_slug>/",
        views.risk_edit,
        name="risk_edit",
    ),
    path("<str:org_code>/nybyggnad/", views.new_builds_page, name="new_builds"),
]
