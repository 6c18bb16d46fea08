"""URLs of the reuse and co-loading pages (under /org/<org>/)."""

from django.urls import path

from nettonoll.circular import views

app_name = "circular"
urlpatterns = [
    path("<str:org_code>/aterbruk/", views.reuse_overview, name="reuse"),
    path("<str:org_code>/samlastning/", views.coloading_overview, name="coloading"),
]
