"""/odata/v4/<org>/ … (included by the root urls under the namespace `odata`)."""

from django.urls import path

from nettonoll.api.odata import views

app_name = "odata"

urlpatterns = [
    path("<str:org>/", views.service, name="service"),
    path("<str:org>/$metadata", views.metadata, name="metadata"),
    path("<str:org>/<str:name>/$count", views.entity_count, name="count"),
    path("<str:org>/<str:name>", views.entity_set, name="entity_set"),
]
