"""/api/v1/: the REST API (namespace `api`)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from nettonoll.api.rest import views_figures as figures
from nettonoll.api.rest import views_org as org
from nettonoll.api.rest import views_plans as plans

app_name = "api"

ORG = "organisations/<str:org_code>/"
PLAN = ORG + "plans/<int:plan_id>/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("organisations/", org.OrganisationList.as_view(), name="organisations"),
    path(ORG, org.OrganisationDetail.as_view(), name="organisation"),
    path(ORG + "nodes/", org.NodeList.as_view(), name="nodes"),
    path(ORG + "nodes/<str:node_code>/", org.NodeDetail.as_view(), name="node"),
    path(ORG + "plans/", plans.PlanList.as_view(), name="plans"),
    path(PLAN, plans.PlanDetail.as_view(), name="plan"),
    path(PLAN + "goals/", plans.GoalList.as_view(), name="goals"),
    path(PLAN + "goals/<int:goal_id>/", plans.GoalDetail.as_view(), name="goal"),
    path(PLAN + "distributions/", plans.DistributionList.as_view(), name="distributions"),
    path(PLAN + "rounds/", plans.RoundList.as_view(), name="rounds"),
    path(PLAN + "rounds/<int:round_id>/entries/", plans.EntryList.as_view(), name="entries"),
    path(ORG + "activities/", plans.ActivityList.as_view(), name="activities"),
    path(ORG + "activities/<int:pk>/", plans.ActivityDetail.as_view(), name="activity"),
    path(ORG + "indicators/", org.IndicatorList.as_view(), name="indicators"),
    path(ORG + "indicators/<int:indicator_id>/", org.IndicatorDetail.as_view(), name="indicator"),
    path(
        ORG + "indicators/<int:indicator_id>/values/",
        org.IndicatorValueList.as_view(),
        name="indicator_values",
    ),
    path("metrics/", figures.MetricList.as_view(), name="metrics"),
    path(ORG + "metrics/<str:metric_key>/", figures.MetricValues.as_view(), name="metric_values"),
    path(ORG + "klimatbokslut/", figures.Klimatbokslut.as_view(), name="klimatbokslut"),
    path(ORG + "carbon-budget/", figures.CarbonBudget.as_view(), name="carbon_budget"),
    path(ORG + "registers/", figures.RegisterIndex.as_view(), name="registers"),
    path(ORG + "registers/<str:register_key>/", figures.RegisterList.as_view(), name="register"),
]
