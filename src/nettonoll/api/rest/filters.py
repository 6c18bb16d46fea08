"""django-filter filters of the API's lists (query parameters, documented in the schema)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from nettonoll.indicators.models import IndicatorValue
from nettonoll.organisations.models import Level, Node
from nettonoll.plans.models import (
    Activity,
    ActivityStatus,
    Assignment,
    FollowUpEntry,
    FollowUpRound,
    Goal,
    GoalKind,
    Plan,
    PlanStatus,
    RoundStatus,
)


class NodeFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Level.choices)
    under = django_filters.CharFilter(
        method="filter_under", label=_("Enhetskod: bara dess underträd")
    )
    active = django_filters.BooleanFilter(field_name="valid_to", lookup_expr="isnull")

    class Meta:
        model = Node
        fields = ["level", "under", "active"]

    def filter_under(self, queryset: object, name: str, value: str) -> object:
        top = queryset.filter(code=value).first()  # type: ignore[attr-defined]
        return queryset.filter(path__startswith=top.path) if top else queryset.none()  # type: ignore[attr-defined]


class PlanFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)
    year = django_filters.NumberFilter(method="filter_year", label=_("År inom planperioden"))

    class Meta:
        model = Plan
        fields = ["status", "year"]

    def filter_year(self, queryset: object, name: str, value: int) -> object:
        return queryset.filter(period_start_year__lte=value, period_end_year__gte=value)  # type: ignore[attr-defined]


class GoalFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=GoalKind.choices)
    level = django_filters.NumberFilter()
    code = django_filters.CharFilter()

    class Meta:
        model = Goal
        fields = ["kind", "level", "code"]


class DistributionFilter(django_filters.FilterSet):
    goal = django_filters.NumberFilter(field_name="goal_id")
    node = django_filters.CharFilter(field_name="node__code")

    class Meta:
        model = Assignment
        fields = ["goal", "node"]


class ActivityFilter(django_filters.FilterSet):
    node = django_filters.CharFilter(field_name="node__code", label=_("Enhetskod"))
    status = django_filters.ChoiceFilter(choices=ActivityStatus.choices)
    goal = django_filters.NumberFilter(field_name="goals", label=_("Mål-id"))
    plan = django_filters.NumberFilter(field_name="goals__plan", distinct=True, label=_("Plan-id"))

    class Meta:
        model = Activity
        fields = ["node", "status", "goal", "plan"]


class RoundFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RoundStatus.choices)

    class Meta:
        model = FollowUpRound
        fields = ["status"]


class EntryFilter(django_filters.FilterSet):
    node = django_filters.CharFilter(field_name="node__code", label=_("Enhetskod"))
    activity = django_filters.NumberFilter(field_name="activity_id")
    goal = django_filters.NumberFilter(field_name="goal_id")
    status = django_filters.CharFilter()

    class Meta:
        model = FollowUpEntry
        fields = ["node", "activity", "goal", "status"]


class IndicatorValueFilter(django_filters.FilterSet):
    node = django_filters.CharFilter(field_name="node__code", label=_("Enhetskod"))
    year = django_filters.NumberFilter()
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = IndicatorValue
        fields = ["node", "year", "year_from", "year_to"]
