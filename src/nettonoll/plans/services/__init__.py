"""Writes for plans: goals, distribution, activities, follow-up rounds and entries.

Every write is atomic and keeps history (simple-history, with the acting user). Concurrent edits of
the same record are refused (optimistic locking on `version`), never overwritten. One module per
concern; callers import from here."""

from nettonoll.plans.services.activities import ACTIVITY_FIELDS, activity_create, activity_update
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
from nettonoll.plans.services.rounds import (
    REMINDERS,
    entry_report,
    reminders_send,
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
    "PlanError",
    "activity_create",
    "activity_update",
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
    "reminders_send",
    "round_close",
    "round_open",
    "round_set_decision_proposal",
]
