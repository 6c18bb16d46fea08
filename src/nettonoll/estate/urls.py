"""URLs of the energy pages (under /org/<org>/energi/)."""

from django.urls import path

from nettonoll.estate import views

app_name = "estate"
BASE = "<str:org_code>/energi"
urlpatterns = [
    path(f"{BASE}/", views.energy_overview, name="energy"),
    path(f"{BASE}/byggnad/<int:pk>/", views.building_energy, name="building_energy"),
    path(f"{BASE}/byggnad/<int:pk>/ytandelar/", views.building_shares, name="shares"),
    path(f"{BASE}/graddagar/", views.degree_days, name="degree_days"),
    path(
        f"{BASE}/graddagar/export.<str:file_format>",
        views.degree_days_export,
        name="degree_days_export",
    ),
    path(f"{BASE}/leverantorsmallar/", views.supplier_templates, name="supplier_templates"),
    path(f"{BASE}/leverantorsfil/", views.supplier_file_import, name="supplier_import"),
]
