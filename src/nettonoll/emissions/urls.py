"""URLs of the klimatbokslut (under /org/<org>/klimatbokslut/)."""

from django.urls import path

from nettonoll.emissions import views, year_views

app_name = "emissions"
urlpatterns = [
    path("<str:org_code>/klimatbokslut/", views.inventory, name="inventory"),
    path("<str:org_code>/klimatbokslut/headcount/", views.headcount, name="headcount"),
    path("<str:org_code>/klimatbokslut/drill/", views.drill, name="drill"),
    path("<str:org_code>/klimatbokslut/export.xlsx", views.export, name="export"),
    path("<str:org_code>/klimatbokslut/report.pdf", views.report_pdf, name="report"),
    path("<str:org_code>/klimatbokslut/import/", views.import_activity_data, name="import"),
    path(
        "<str:org_code>/klimatbokslut/import/<int:job_id>/",
        views.import_job,
        name="import_job",
    ),
    path(
        "<str:org_code>/klimatbokslut/kolumnmallar/",
        views.column_mappings,
        name="column_mappings",
    ),
    path("<str:org_code>/klimatbokslut/factors/", views.factors, name="factors"),
    path("<str:org_code>/klimatbokslut/year/", year_views.year_closing, name="year_closing"),
    path(
        "<str:org_code>/klimatbokslut/redovisade/",
        year_views.reported_totals,
        name="reported_totals",
    ),
    path(
        "<str:org_code>/klimatbokslut/redovisade/import/",
        year_views.reported_totals_import,
        name="reported_totals_import",
    ),
    path(
        "<str:org_code>/klimatbokslut/redovisade/export",
        year_views.reported_totals_export,
        name="reported_totals_export",
    ),
]
