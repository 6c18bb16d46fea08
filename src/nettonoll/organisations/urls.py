"""URLs of the organisation tree."""

from django.urls import path

from nettonoll.organisations import reorganise_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/import/", views.organisation_import, name="import_new"),
    path("<str:org_code>/", views.organisation_tree, name="tree"),
    path("<str:org_code>/import/", views.tree_import, name="import"),
    path("<str:org_code>/export.<str:file_format>", views.tree_export, name="export"),
    path("<str:org_code>/node/<str:node_code>/", views.node_detail, name="node"),
    path("<str:org_code>/node/<str:node_code>/children/", views.node_children, name="children"),
    path("<str:org_code>/node/<str:node_code>/history/", views.node_history, name="history"),
    path("<str:org_code>/node/<str:node_code>/roles/", views.node_roles, name="roles"),
    path(
        "<str:org_code>/historik/<str:kind>/<int:pk>/", views.record_history, name="record_history"
    ),
    path(
        "<str:org_code>/node/<str:node_code>/reorganise/",
        reorganise_views.node_reorganise,
        name="reorganise",
    ),
]
