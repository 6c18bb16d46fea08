"""URLs of the procurement pages (under /org/<org>/upphandling/)."""

from django.urls import path

from nettonoll.procurement import views

app_name = "procurement"
ONE = "<str:org_code>/upphandling/<int:pk>"
urlpatterns = [
    path("<str:org_code>/upphandling/", views.overview, name="overview"),
    path(f"{ONE}/", views.detail, name="detail"),
    path(f"{ONE}/krav/ny/", views.requirement_new, name="requirement_new"),
    path(f"{ONE}/krav/<int:requirement_id>/", views.requirement_edit, name="requirement_edit"),
    path(
        f"{ONE}/krav/<int:requirement_id>/uppfoljning/",
        views.requirement_follow_up,
        name="requirement_follow_up",
    ),
]
