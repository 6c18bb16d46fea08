"""Writes for plans: goals, distribution, activities, follow-up rounds and entries.

Every write is atomic and keeps history (simple-history, with the acting user). Concurrent edits of
the same record are refused (optimistic locking on `version`), never overwritten. One module per
concern; callers import from here."""

from nettonoll.plans.services.activities import ACTIVITY_FIELDS, activity_create, activity_update
from nettonoll.plans.services.entries import EntriesRefused, EntryInput, entries_report
from nettonoll.plans.services.errors import ConflictError, PlanError
from nettonoll.plans.services.goals import (
    GOAL_EDITABLE,
    PLAN_EDITABLE,
    goal_add,
    goal_create,
    goal_distribute,
    goal_mark_applicable,
    goal_mark_not_applicable,
    goal_override_status,
    goal_undistribute,
    goal_update,
    plan_create,
    plan_update,
)
from nettonoll.plans.services.reminders import (
    REMINDERS,
    ReminderPlan,
    reminder_day,
    reminder_goes_out,
    reminder_plan,
    reminders_due,
    reminders_send,
    round_set_reminder_days,
)
from nettonoll.plans.services.rounds import (
    entry_report,
    round_close,
    round_open,
    round_set_decision_proposal,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "GOAL_EDITABLE",
    "PLAN_EDITABLE",
    "REMINDERS",
    "ConflictError",
    "EntriesRefused",
    "EntryInput",
    "PlanError",
    "ReminderPlan",
    "activity_create",
    "activity_update",
    "entries_report",
    "entry_report",
    "goal_add",
    "goal_create",
    "goal_distribute",
    "goal_mark_applicable",
    "goal_mark_not_applicable",
    "goal_override_status",
    "goal_undistribute",
    "goal_update",
    "plan_create",
    "plan_update",
    "reminder_day",
    "reminder_goes_out",
    "reminder_plan",
    "reminders_due",
    "reminders_send",
    "round_close",
    "round_open",
    "round_set_decision_proposal",
    "round_set_reminder_days",
]
