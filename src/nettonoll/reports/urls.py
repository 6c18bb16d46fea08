"""URLs of the board report."""

from django.urls import path

from nettonoll.reports import views

app_name = "reports"
urlpatterns = [
    path(
        "<str:org_code>/plans/<int:plan_id>/node/<str:node_code>/report/",
        views.followup_report,
        name="followup",
    ),
    path(
        "<str:org_code>/plans/<int:plan_id>/node/<str:node_code>/report.<str:file_format>",
        views.followup_report,
        name="followup_file",
    ),
]
