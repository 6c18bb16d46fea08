"""URLs of the energy feedback and the energy-efficiency measures (under /org/<org>/energi/)."""

from django.urls import path

from nettonoll.energy_feedback import views

app_name = "energy_feedback"

urlpatterns = [
    path(
        "<str:org_code>/energi/aterkoppling/<str:node_code>/",
        views.feedback,
        name="feedback",
    ),
    path(
        "<str:org_code>/energi/aterkoppling/<str:node_code>/prenumeration/",
        views.subscription,
        name="subscription",
    ),
    path(
        "<str:org_code>/energi/avsluta-prenumeration/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
    path("<str:org_code>/energi/atgarder/<str:node_code>/", views.measures, name="measures"),
    path(
        "<str:org_code>/energi/atgarder/<str:node_code>/ny/",
        views.measure_new,
        name="measure_new",
    ),
    path(
        "<str:org_code>/energi/atgard/<int:pk>/",
        views.measure_edit,
        name="measure_edit",
    ),
]
