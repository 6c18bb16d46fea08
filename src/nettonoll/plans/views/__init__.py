"""Plans pages, one module per concern; the URLs name them from here."""

from nettonoll.plans.views.activities import activity_edit, activity_new
from nettonoll.plans.views.checklist import round_checklist
from nettonoll.plans.views.distribution import plan_distribute
from nettonoll.plans.views.nodes import node_distribute, node_goals
from nettonoll.plans.views.plans import (
    goal_edit,
    goal_new,
    plan_detail,
    plan_edit,
    plan_export,
    plan_import,
    plan_list,
    plan_new,
)
from nettonoll.plans.views.reminders import node_remind
from nettonoll.plans.views.rounds import round_close, round_compare, round_list

__all__ = [
    "activity_edit",
    "activity_new",
    "goal_edit",
    "goal_new",
    "node_distribute",
    "node_goals",
    "node_remind",
    "plan_detail",
    "plan_distribute",
    "plan_edit",
    "plan_export",
    "plan_import",
    "plan_list",
    "plan_new",
    "round_checklist",
    "round_close",
    "round_compare",
    "round_list",
]
