"""URLs of the fleet's actual fossil-free share (under /org/<org>/fordonsflotta/drivmedel/)."""

from django.urls import path

from nettonoll.registers import fuel_views

app_name = "fuel"
urlpatterns = [
    path("<str:org_code>/fordonsflotta/drivmedel/", fuel_views.fuel_use, name="use"),
]
