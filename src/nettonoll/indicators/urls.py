"""URLs of indicators (under /org/<org>/indicators/)."""

from django.urls import path

from nettonoll.indicators import views

app_name = "indicators"
urlpatterns = [
    path("<str:org_code>/indicators/", views.indicator_list, name="list"),
    path("<str:org_code>/indicators/<int:indicator_id>/", views.indicator_detail, name="detail"),
    path("<str:org_code>/indicators/<int:indicator_id>/edit/", views.indicator_edit, name="edit"),
]
