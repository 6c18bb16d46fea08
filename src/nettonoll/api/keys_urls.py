"""The API keys pages (namespace `apikeys`)."""

from django.urls import path

from nettonoll.api import keys_views

app_name = "apikeys"

urlpatterns = [
    path("accounts/api-nycklar/", keys_views.personal_keys, name="personal"),
    path(
        "accounts/api-nycklar/<int:key_id>/aterkalla/",
        keys_views.personal_key_revoke,
        name="personal_revoke",
    ),
    path("org/<str:org_code>/api-nycklar/", keys_views.service_keys, name="service"),
    path(
        "org/<str:org_code>/api-nycklar/<int:key_id>/aterkalla/",
        keys_views.service_key_revoke,
        name="service_revoke",
    ),
]
