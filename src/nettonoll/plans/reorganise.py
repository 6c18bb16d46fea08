"""How a plan's records follow a reorganisation (registered in `PlansConfig.ready`): the goals
distributed to a node (assignments), its activities, and its reports in open follow-up rounds.
Reports in closed rounds stay where they were: a closed round is what was reported then."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nettonoll.common.history import changed_by
from nettonoll.organisations.models import Node
from nettonoll.organisations.reorganise import Move, add, carrier_register
from nettonoll.plans.models import Activity, Assignment, FollowUpEntry, RoundStatus


def _assignments_carry(move: Move) -> dict[int, int]:
    """A goal distributed to the old node is distributed to the new one; a goal the new node has
    already collapses into one distribution (applicable if either was)."""
    moved: dict[int, int] = {}
    for assignment in Assignment.objects.filter(node=move.old).select_related("goal"):
        target = move.target(assignment.pk)
        there = Assignment.objects.filter(goal=assignment.goal, node=target).first()
        if there is not None:
            if there.not_applicable_reason and not assignment.not_applicable_reason:
                there.not_applicable_reason = ""
                changed_by(there, move.by)
                there.save()
            changed_by(assignment, move.by)
            assignment.delete()
        else:
            assignment.node = target
            changed_by(assignment, move.by)
            assignment.save()
        add(moved, target)
    return moved


def _activities_carry(move: Move) -> dict[int, int]:
    moved: dict[int, int] = {}
    for activity in Activity.objects.filter(node=move.old):
        target = move.target(activity.pk)
        activity.node = target
        activity.version += 1
        changed_by(activity, move.by)
        activity.save()
        add(moved, target)
    return moved


def _open_entries(node: Node) -> Q:
    return Q(node=node, round__status=RoundStatus.OPEN)


def _entries_carry(move: Move) -> dict[int, int]:
    """An open round's report follows its activity (moved before) or its goal (to the node that
    now holds the goal's distribution); two reports on the same goal become one, both comments
    kept, the later status."""
    moved: dict[int, int] = {}
    targets = [move.default, *move.parts.values()]
    for entry in FollowUpEntry.objects.filter(_open_entries(move.old)).select_related(
        "activity", "round"
    ):
        if entry.activity is not None:
            target = Node.objects.get(pk=entry.activity.node_id)
        else:
            holder = Assignment.objects.filter(goal=entry.goal, node__in=targets).first()
            target = Node.objects.get(pk=holder.node_id) if holder else move.default
        there = (
            FollowUpEntry.objects.filter(round=entry.round, node=target, goal_id=entry.goal_id)
            .exclude(pk=entry.pk)
            .first()
            if entry.goal_id
            else None
        )
        if there is not None:
            comments = [c for c in (there.comment, entry.comment) if c]
            there.comment = "\n\n".join(comments)
            if entry.reported_at > there.reported_at:
                there.status, there.reported_at = entry.status, entry.reported_at
            there.version += 1
            changed_by(there, move.by)
            there.save()
            changed_by(entry, move.by)
            entry.delete()
        else:
            entry.node = target
            entry.version += 1
            changed_by(entry, move.by)
            entry.save()
        add(moved, target)
    return moved


def register() -> None:
    carrier_register(
        "goals",
        lambda n: ngettext("%(n)d mål", "%(n)d mål", n) % {"n": n},
        lambda node: Assignment.objects.filter(node=node).count(),
        _assignments_carry,
        items=lambda node: [
            (str(a.pk), _("Mål %(code)s %(title)s") % {"code": a.goal.code, "title": a.goal.title})
            for a in Assignment.objects.filter(node=node)
            .select_related("goal")
            .order_by("goal__plan_id", "goal__code")
        ],
        order=10,
    )
    carrier_register(
        "activities",
        lambda n: ngettext("%(n)d aktivitet", "%(n)d aktiviteter", n) % {"n": n},
        lambda node: Activity.objects.filter(node=node).count(),
        _activities_carry,
        items=lambda node: [
            (str(a.pk), a.title) for a in Activity.objects.filter(node=node).order_by("title")
        ],
        order=20,
    )
    carrier_register(
        "entries",
        lambda n: (
            ngettext("%(n)d rapport i öppen omgång", "%(n)d rapporter i öppna omgångar", n)
            % {"n": n}
        ),
        lambda node: FollowUpEntry.objects.filter(_open_entries(node)).count(),
        _entries_carry,
        order=30,
    )
