"""URLs of the fleet page (under /org/<org>/fordonsflotta/)."""

from django.urls import path

from nettonoll.registers import fleet_views

app_name = "fleet"
urlpatterns = [
    path("<str:org_code>/fordonsflotta/", fleet_views.overview, name="overview"),
]
