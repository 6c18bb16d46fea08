"""URLs of plans, distribution, activities and follow-up rounds (under /org/<org>/plans/)."""

from django.urls import path

from nettonoll.plans import views

app_name = "plans"
urlpatterns = [
    path("<str:org_code>/plans/", views.plan_list, name="list"),
    path("<str:org_code>/plans/new/", views.plan_new, name="new"),
    path("<str:org_code>/plans/<int:plan_id>/", views.plan_detail, name="detail"),
    path("<str:org_code>/plans/<int:plan_id>/edit/", views.plan_edit, name="edit"),
    path("<str:org_code>/plans/<int:plan_id>/goals/new/", views.goal_new, name="goal_new"),
    path(
        "<str:org_code>/plans/<int:plan_id>/goals/<int:goal_id>/",
        views.goal_edit,
        name="goal",
    ),
    path(
        "<str:org_code>/plans/<int:plan_id>/distribute/",
        views.plan_distribute,
        name="distribute_subtree",
    ),
    path("<str:org_code>/plans/<int:plan_id>/node/<str:node_code>/", views.node_goals, name="node"),
    path(
        "<str:org_code>/plans/<int:plan_id>/node/<str:node_code>/distribute/",
        views.node_distribute,
        name="distribute",
    ),
    path(
        "<str:org_code>/plans/<int:plan_id>/node/<str:node_code>/remind/",
        views.node_remind,
        name="remind",
    ),
    path(
        "<str:org_code>/plans/<int:plan_id>/node/<str:node_code>/activities/new/",
        views.activity_new,
        name="activity_new",
    ),
    path(
        "<str:org_code>/plans/<int:plan_id>/activities/<int:activity_id>/",
        views.activity_edit,
        name="activity",
    ),
    path("<str:org_code>/plans/<int:plan_id>/rounds/", views.round_list, name="rounds"),
    path("<str:org_code>/plans/<int:plan_id>/import/", views.plan_import, name="import"),
    path(
        "<str:org_code>/plans/<int:plan_id>/export/<str:what>.xlsx",
        views.plan_export,
        name="export",
    ),
    path(
        "<str:org_code>/plans/<int:plan_id>/rounds/<int:round_id>/compare/",
        views.round_compare,
        name="round_compare",
    ),
    path(
        "<str:org_code>/plans/<int:plan_id>/rounds/<int:round_id>/close/",
        views.round_close,
        name="round_close",
    ),
    path(
        "<str:org_code>/plans/<int:plan_id>/rounds/<int:round_id>/node/<str:node_code>/",
        views.round_checklist,
        name="checklist",
    ),
]
