"""URLs of the solar page and its target (under /org/<org>/solel/)."""

from django.urls import path

from nettonoll.solar import views

app_name = "solar"
urlpatterns = [
    path("<str:org_code>/solel/", views.solar_page, name="page"),
    path("<str:org_code>/solel/mal/", views.target_edit, name="target"),
]
