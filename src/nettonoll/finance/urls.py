"""URL of the green finance page (under /org/<org>/)."""

from django.urls import path

from nettonoll.finance import views

app_name = "finance"
urlpatterns = [
    path("<str:org_code>/gron-finans/", views.overview, name="overview"),
]
