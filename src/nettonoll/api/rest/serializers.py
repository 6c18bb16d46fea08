"""What the API returns and accepts: English snake_case keys, codes beside their Swedish labels,
units in the names (`t_co2e`, `cost_sek`)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from nettonoll.indicators.models import Indicator, IndicatorValue
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans.models import (
    Activity,
    ActivityStatus,
    Assignment,
    FollowUpEntry,
    FollowUpRound,
    Goal,
    Plan,
)


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["code", "name", "county_code"]


class NodeSerializer(serializers.ModelSerializer[Node]):
    parent_code = serializers.SerializerMethodField()
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Node
        fields = [
            "code",
            "name",
            "level",
            "level_label",
            "depth",
            "parent_code",
            "valid_from",
            "valid_to",
        ]

    def get_parent_code(self, node: Node) -> str | None:
        parents: dict[str, str] = self.context.get("parents", {})
        return parents.get(node.path[: -node.steplen]) if node.depth > 1 else None


class PlanSerializer(serializers.ModelSerializer[Plan]):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "name",
            "period_start_year",
            "period_end_year",
            "status",
            "status_label",
            "adopted_on",
            "decision_reference",
            "level_names",
            "version",
        ]


class GoalSerializer(serializers.ModelSerializer[Goal]):
    parent_id = serializers.IntegerField(allow_null=True, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    indicator_ids = serializers.PrimaryKeyRelatedField(
        source="indicators", many=True, read_only=True
    )

    class Meta:
        model = Goal
        fields = [
            "id",
            "plan_id",
            "parent_id",
            "code",
            "title",
            "description",
            "level",
            "kind",
            "kind_label",
            "deadline",
            "status_override",
            "ended_on",
            "indicator_ids",
            "version",
        ]


class DistributionSerializer(serializers.ModelSerializer[Assignment]):
    goal_code = serializers.CharField(source="goal.code", read_only=True)
    node_code = serializers.CharField(source="node.code", read_only=True)
    is_applicable = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "goal_id",
            "goal_code",
            "node_code",
            "assigned_at",
            "is_applicable",
            "not_applicable_reason",
        ]

    def get_is_applicable(self, assignment: Assignment) -> bool:
        return not assignment.not_applicable_reason


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    """An activity; `node_code` and `goal_ids` are set on create, `version` (the one read) must
    be sent back on update."""

    node_code = serializers.CharField(source="node.code")
    goal_ids = serializers.PrimaryKeyRelatedField(
        source="goals", many=True, queryset=Goal.objects.all()
    )
    status = serializers.ChoiceField(
        choices=ActivityStatus.choices, default=ActivityStatus.NOT_STARTED
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    expected_effect_quantity = serializers.DecimalField(
        max_digits=14, decimal_places=3, allow_null=True, required=False, coerce_to_string=False
    )
    cost_sek = serializers.DecimalField(
        max_digits=14,
        decimal_places=0,
        allow_null=True,
        required=False,
        coerce_to_string=False,
        min_value=0,
    )
    version = serializers.IntegerField(
        required=False, min_value=0, help_text=_("Versionen du läste; krävs vid ändring.")
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "node_code",
            "goal_ids",
            "title",
            "description",
            "responsible",
            "start_on",
            "end_on",
            "status",
            "status_label",
            "expected_effect_quantity",
            "expected_effect_unit",
            "cost_sek",
            "comment",
            "created_at",
            "version",
        ]
        read_only_fields = ["id", "created_at"]

    def get_fields(self) -> dict[str, Any]:
        """Goals are looked up in the caller's organisation only (no other's ids or titles)."""
        fields = super().get_fields()
        organisation = self.context.get("organisation")
        relation = fields["goal_ids"].child_relation
        relation.queryset = (
            Goal.objects.filter(plan__organisation=organisation)
            if organisation is not None
            else Goal.objects.none()
        )
        return fields


class FollowUpRoundSerializer(serializers.ModelSerializer[FollowUpRound]):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = FollowUpRound
        fields = ["id", "plan_id", "name", "deadline", "status", "status_label", "closed_at"]


class FollowUpEntrySerializer(serializers.ModelSerializer[FollowUpEntry]):
    node_code = serializers.CharField(source="node.code", read_only=True)

    class Meta:
        model = FollowUpEntry
        fields = [
            "id",
            "round_id",
            "node_code",
            "activity_id",
            "goal_id",
            "status",
            "comment",
            "reported_at",
            "version",
        ]


class EntryReportSerializer(serializers.Serializer[Any]):
    """A report on one activity or one goal that reached the node; `version`: the entry's
    version you read (0 or left out: there was no report yet)."""

    node_code = serializers.CharField()
    activity_id = serializers.IntegerField(required=False, allow_null=True)
    goal_id = serializers.IntegerField(required=False, allow_null=True)
    status = serializers.CharField(max_length=20)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=0, default=0)


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    direction_label = serializers.CharField(source="get_direction_display", read_only=True)
    baseline_value = serializers.DecimalField(
        max_digits=16, decimal_places=3, coerce_to_string=False, read_only=True
    )
    targets = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "unit",
            "direction",
            "direction_label",
            "baseline_year",
            "baseline_value",
            "description",
            "metric_key",
            "targets",
            "version",
        ]

    def get_targets(self, indicator: Indicator) -> list[dict[str, float]]:
        return [
            {"year": t.year, "value": float(t.value)}
            for t in sorted(indicator.targets.all(), key=lambda t: t.year)
        ]


class IndicatorValueSerializer(serializers.ModelSerializer[IndicatorValue]):
    node_code = serializers.CharField(source="node.code")
    value = serializers.DecimalField(max_digits=16, decimal_places=3, coerce_to_string=False)
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        default=0,
        help_text=_("Versionen du läste (0: inget värde ännu)."),
    )

    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator_id", "node_code", "year", "value", "comment", "version"]
        read_only_fields = ["id", "indicator_id"]
