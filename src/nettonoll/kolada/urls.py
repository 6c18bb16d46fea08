"""URLs of Kolada (under /org/<org>/kolada/)."""

from django.urls import path

from nettonoll.kolada import views

app_name = "kolada"
urlpatterns = [
    path("<str:org_code>/kolada/", views.kolada_page, name="page"),
    path("<str:org_code>/kolada/fetch/", views.kolada_fetch_now, name="fetch"),
]
