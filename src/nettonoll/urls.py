"""Root URLs."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from nettonoll.organisations import views as organisation_views

# Django's admin sees every organisation: it is the installation operators' tool (superusers).
# A region's administrators work through the pages, where the access layer scopes them to their
# own organisation (decision 0008).
admin.site.has_permission = lambda request: bool(  # type: ignore[method-assign]
    request.user.is_active and request.user.is_superuser
)

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("", include("nettonoll.api.keys_urls")),
    path("accounts/", include("nettonoll.accounts.urls")),
    path("", include("nettonoll.publication.urls")),
    path("org/", include("nettonoll.plans.urls")),
    path("org/", include("nettonoll.indicators.urls")),
    path("org/", include("nettonoll.emissions.urls")),
    path("org/", include("nettonoll.reports.urls")),
    path("org/", include("nettonoll.registers.fleet_urls")),
    path("org/", include("nettonoll.registers.fuel_urls")),
    path("org/", include("nettonoll.circular.urls")),
    path("org/", include("nettonoll.finance.urls")),
    path("org/", include("nettonoll.registers.urls")),
    path("org/", include("nettonoll.registers.import_urls")),
    path("org/", include("nettonoll.procurement.urls")),
    path("org/", include("nettonoll.solar.urls")),
    path("org/", include("nettonoll.adaptation.urls")),
    path("org/", include("nettonoll.energy_feedback.urls")),
    path("org/", include("nettonoll.estate.urls")),
    path("org/", include("nettonoll.kolada.urls")),
    path("", include("nettonoll.budgets.urls")),
    path("org/", include("nettonoll.organisations.urls")),
    path("offentlig/", include("nettonoll.publication.opendata_urls")),
    path("odata/v4/", include("nettonoll.api.odata.urls")),
    path("api/v1/", include("nettonoll.api.rest.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
handler500 = "nettonoll.common.middleware.server_error"  # a database error anywhere: 503
