"""Django admin for data stewards: plans, goals with their links, rounds and reference lists."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from nettonoll.plans.models import (
    Activity,
    Agenda2030Target,
    Assignment,
    FollowUpEntry,
    FollowUpRound,
    Goal,
    Plan,
    QualityObjective,
)


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("name", "organisation", "period_start_year", "period_end_year", "status")
    list_filter = ("organisation", "status")


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "plan", "kind", "deadline")
    list_filter = ("plan", "kind")
    search_fields = ("code", "title")
    filter_horizontal = ("agenda2030_targets", "quality_objectives", "indicators")


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("goal", "node", "assigned_at", "not_applicable_reason")
    list_filter = ("goal__plan",)


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "node", "status")
    list_filter = ("status",)
    search_fields = ("title",)


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(SimpleHistoryAdmin):
    list_display = ("name", "plan", "deadline", "status")


@admin.register(FollowUpEntry)
class FollowUpEntryAdmin(SimpleHistoryAdmin):
    list_display = ("round", "node", "activity", "goal", "status")


admin.site.register(Agenda2030Target)
admin.site.register(QualityObjective)
