"""Distributing several goals in one action to every unit of a subtree, down to a chosen level.

The rule of decision 0003 holds row by row: a unit receives a goal when its parent holds it (or
is the root). Here the parents are filled top-down in the same transaction, so a whole subtree is
covered at once. A unit where the goal is marked not applicable stops it: nothing below it gets
the goal. The goals are locked for the transaction (`select_for_update`), so two people
distributing the same goal at the same time are serialised and no assignment is made twice; the
unique (goal, node) constraint stands behind that.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.organisations.models import LEVEL_RANK, Level, Node
from nettonoll.organisations.selectors import node_subtree
from nettonoll.plans.models import Assignment, Goal
from nettonoll.plans.services.errors import PlanError


@dataclass
class SubtreeDistribution:
    """What a distribution to a subtree does (a preview) or did: assignments to create (or
    created), assignments already there, and units left out because a goal is not applicable
    at them or above them."""

    units: int = 0
    created: int = 0
    existing: int = 0
    not_applicable: int = 0
    new: list[tuple[Goal, Node]] = field(default_factory=list)


def _check(goals: Sequence[Goal], root: Node) -> None:
    if not goals:
        raise PlanError(_("Välj minst ett mål att fördela."))
    business = [g.code for g in goals if not g.is_distributed]
    if business:
        raise PlanError(
            _("%(codes)s är verksamhetsmål som mäts centralt och fördelas inte.")
            % {"codes": ", ".join(business)}
        )
    ended = [g.code for g in goals if g.is_ended]
    if ended:
        raise PlanError(
            _("%(codes)s är avslutade och fördelas inte.") % {"codes": ", ".join(ended)}
        )
    if any(g.plan.organisation_id != root.organisation_id for g in goals):
        raise PlanError(_("Målet hör till en annan organisation."))
    if root.is_root():
        return
    held = dict(
        Assignment.objects.filter(goal__in=goals, node=root).values_list(
            "goal_id", "not_applicable_reason"
        )
    )
    missing = [g.code for g in goals if g.pk not in held]
    if missing:
        raise PlanError(
            _(
                "%(codes)s har inte nått %(node)s. Fördela målen dit först, eller välj en enhet "
                "högre upp i trädet."
            )
            % {"codes": ", ".join(missing), "node": root.name}
        )
    refused = [g.code for g in goals if held[g.pk]]
    if refused:
        raise PlanError(
            _("%(codes)s är markerat som ej tillämpligt för %(node)s.")
            % {"codes": ", ".join(refused), "node": root.name}
        )


def subtree_distribution_plan(
    goals: Sequence[Goal], root: Node, lowest_level: str
) -> SubtreeDistribution:
    """The preview: which assignments the distribution would create, and how many exist."""
    _check(goals, root)
    lowest = LEVEL_RANK[Level(lowest_level)]
    nodes = [
        n
        for n in node_subtree(root).order_by("path")
        if n.pk != root.pk and LEVEL_RANK[Level(n.level)] <= lowest
    ]
    result = SubtreeDistribution(units=len(nodes))
    rows = Assignment.objects.filter(goal__in=goals, node__in=nodes).values_list(
        "goal_id", "node_id", "not_applicable_reason"
    )
    held = {(goal_id, node_id): reason for goal_id, node_id, reason in rows}
    for goal in goals:
        holding = {root.path}  # paths of units that hold the goal (or will)
        stopped: list[str] = []
        for node in nodes:
            parent_path = node.path[: -Node.steplen]
            if any(node.path.startswith(p) for p in stopped) or parent_path not in holding:
                result.not_applicable += 1
                continue
            if (goal.pk, node.pk) in held:
                result.existing += 1
                if held[(goal.pk, node.pk)]:
                    stopped.append(node.path)
                    continue
            else:
                result.created += 1
                result.new.append((goal, node))
            holding.add(node.path)
    return result


@transaction.atomic
def goals_distribute_to_subtree(
    *, goals: Sequence[Goal], root: Node, lowest_level: str, by: User | None = None
) -> SubtreeDistribution:
    """Distribute the goals to every unit of `root`'s subtree down to `lowest_level`, in one
    transaction; returns the counts (assignments created, already there, left out)."""
    locked = list(Goal.objects.select_for_update().filter(pk__in=[g.pk for g in goals]))
    result = subtree_distribution_plan(locked, root, lowest_level)
    for goal, node in result.new:
        assignment = Assignment(goal=goal, node=node, assigned_by=by)
        changed_by(assignment, by)
        assignment.save()
    return result
