"""URLs of the registers' import and export (under /org/<org>/register/<slug>/)."""

from django.urls import path

from nettonoll.registers import import_views

app_name = "register_imports"
urlpatterns = [
    path(
        "<str:org_code>/register/<slug:slug>/import/",
        import_views.register_import_page,
        name="import",
    ),
    path(
        "<str:org_code>/register/<slug:slug>/export.<str:file_format>",
        import_views.register_export,
        name="export",
    ),
]
