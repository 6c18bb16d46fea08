"""Open data: /offentlig/<org>/data/ (included from the root URLs at `offentlig/`)."""

from django.urls import path

from nettonoll.publication import opendata_views as views

app_name = "opendata"
urlpatterns = [
    path("<str:org_code>/data/", views.index, name="index"),
    path("<str:org_code>/data/datapackage.json", views.package, name="datapackage"),
    path(
        "<str:org_code>/data/<slug:table>-utf8.csv",
        views.download,
        {"file_format": "csv-utf8"},
        name="csv-utf8",
    ),
    path(
        "<str:org_code>/data/<slug:table>.csv", views.download, {"file_format": "csv"}, name="csv"
    ),
    path(
        "<str:org_code>/data/<slug:table>.parquet",
        views.download,
        {"file_format": "parquet"},
        name="parquet",
    ),
]
