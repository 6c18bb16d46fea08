"""Plans, goals, distributions, activities, follow-up rounds and entries: read as the web shows
them, written through the web's services (same rules, messages and 409 on a stale version)."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from nettonoll.api.rest import filters, serializers
from nettonoll.api.rest.auth import api_access
from nettonoll.api.rest.scope import OrganisationScoped, plan_of, visible_q
from nettonoll.api.rest.writes import CONFLICT, REFUSED, conflict_response, refused
from nettonoll.organisations.access import NOT_VISIBLE
from nettonoll.organisations.models import Role
from nettonoll.plans import services
from nettonoll.plans.models import Activity, Assignment, FollowUpEntry, FollowUpRound, Goal, Plan

ONLY_CONTRIBUTORS = _("Bara medarbetare på enheten kan lägga in aktiviteter.")


def _fake(view: Any) -> bool:
    return bool(getattr(view, "swagger_fake_view", False))


class PlanList(OrganisationScoped, generics.ListAPIView[Plan]):
    """The organisation's plans."""

    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter
    queryset = Plan.objects.none()

    def get_queryset(self) -> QuerySet[Plan]:
        if _fake(self):
            return Plan.objects.none()
        return Plan.objects.filter(organisation=self.organisation).order_by(
            "-period_start_year", "pk"
        )


class PlanDetail(generics.RetrieveAPIView[Plan]):
    serializer_class = serializers.PlanSerializer
    queryset = Plan.objects.none()

    def get_object(self) -> Plan:
        return plan_of(self.request, self.kwargs["org_code"], self.kwargs["plan_id"])


class GoalList(generics.ListAPIView[Goal]):
    """The plan's goals (every level)."""

    serializer_class = serializers.GoalSerializer
    filterset_class = filters.GoalFilter
    queryset = Goal.objects.none()

    def get_queryset(self) -> QuerySet[Goal]:
        if _fake(self):
            return Goal.objects.none()
        plan = plan_of(self.request, self.kwargs["org_code"], self.kwargs["plan_id"])
        return plan.goals.prefetch_related("indicators").order_by("code", "pk")


class GoalDetail(generics.RetrieveAPIView[Goal]):
    serializer_class = serializers.GoalSerializer
    queryset = Goal.objects.none()

    def get_object(self) -> Goal:
        plan = plan_of(self.request, self.kwargs["org_code"], self.kwargs["plan_id"])
        goal = plan.goals.filter(pk=self.kwargs["goal_id"]).first()
        if goal is None:
            raise Http404(_(NOT_VISIBLE))
        return goal


class DistributionList(generics.ListAPIView[Assignment]):
    """Where the plan's goals have reached (fördelning), on the nodes the caller may see."""

    serializer_class = serializers.DistributionSerializer
    filterset_class = filters.DistributionFilter
    queryset = Assignment.objects.none()

    def get_queryset(self) -> QuerySet[Assignment]:
        if _fake(self):
            return Assignment.objects.none()
        plan = plan_of(self.request, self.kwargs["org_code"], self.kwargs["plan_id"])
        return (
            Assignment.objects.filter(goal__plan=plan)
            .filter(visible_q(self.request, plan.organisation))
            .select_related("goal", "node")
            .order_by("goal__code", "node__path", "pk")
        )


def _activity_values(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in services.ACTIVITY_FIELDS}


class ActivityList(OrganisationScoped, generics.ListCreateAPIView[Activity]):
    """Activities on the nodes the caller may see; a contributor on a node adds one there."""

    serializer_class = serializers.ActivitySerializer
    filterset_class = filters.ActivityFilter
    queryset = Activity.objects.none()

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not _fake(self):
            context["organisation"] = self.organisation
        return context

    def get_queryset(self) -> QuerySet[Activity]:
        if _fake(self):
            return Activity.objects.none()
        return (
            Activity.objects.filter(visible_q(self.request, self.organisation))
            .select_related("node")
            .prefetch_related("goals")
            .order_by("node__path", "title", "pk")
        )

    @extend_schema(responses={201: serializers.ActivitySerializer, 400: REFUSED})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        api_access(request).require_start(self.organisation)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        node = api_access(request).node(
            self.organisation.code, data["node"]["code"], Role.CONTRIBUTOR, ONLY_CONTRIBUTORS
        )
        goals = list(data["goals"])  # the serializer looks them up in this organisation
        try:
            activity = services.activity_create(
                node=node, goals=goals, by=_person(request), **_activity_values(data)
            )
        except services.PlanError as error:
            return refused(error)
        return Response(self.get_serializer(activity).data, status=status.HTTP_201_CREATED)


def _person(request: Request) -> Any:
    """The user a write is recorded for (a personal key's user; writes by service keys are
    refused before they get here)."""
    return request.user if getattr(request.user, "pk", None) else None


class ActivityDetail(OrganisationScoped, generics.RetrieveUpdateAPIView[Activity]):
    """An activity; change it by sending the `version` you read (409 when someone else saved
    in between, with what they saved)."""

    serializer_class = serializers.ActivitySerializer
    queryset = Activity.objects.none()

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not _fake(self):
            context["organisation"] = self.organisation
        return context

    def get_object(self) -> Activity:
        activity = (
            Activity.objects.filter(node__organisation=self.organisation, pk=self.kwargs["pk"])
            .select_related("node", "node__organisation")
            .first()
        )
        api_access(self.request).require(activity.node if activity else None)
        assert activity is not None
        return activity

    @extend_schema(
        responses={
            200: serializers.ActivitySerializer,
            400: REFUSED,
            409: CONFLICT,
        }
    )
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._update(request, partial=False)

    @extend_schema(
        responses={
            200: serializers.ActivitySerializer,
            400: REFUSED,
            409: CONFLICT,
        }
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._update(request, partial=True)

    def _update(self, request: Request, *, partial: bool) -> Response:
        activity = self.get_object()
        if not api_access(request).has(activity.node, Role.CONTRIBUTOR):
            raise PermissionDenied(_("Bara medarbetare på enheten kan ändra aktiviteten."))
        serializer = self.get_serializer(activity, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise ValidationError({"version": [_("Skicka med versionen du läste.")]})
        if "node" in data and data["node"]["code"] != activity.node.code:
            raise ValidationError({"node_code": [_("En aktivitet kan inte flyttas här.")]})
        current = {f: getattr(activity, f) for f in services.ACTIVITY_FIELDS}
        goals = data["goals"] if "goals" in data else list(activity.goals.all())
        try:
            saved = services.activity_update(
                activity=activity,
                expected_version=data["version"],
                goals=list(goals),
                by=_person(request),
                **(current | _activity_values(data)),
            )
        except services.ConflictError as error:
            return conflict_response(error, self.get_serializer(error.current).data)
        except services.PlanError as error:
            return refused(error)
        return Response(self.get_serializer(saved).data)


class RoundList(generics.ListAPIView[FollowUpRound]):
    serializer_class = serializers.FollowUpRoundSerializer
    filterset_class = filters.RoundFilter
    queryset = FollowUpRound.objects.none()

    def get_queryset(self) -> QuerySet[FollowUpRound]:
        if _fake(self):
            return FollowUpRound.objects.none()
        plan = plan_of(self.request, self.kwargs["org_code"], self.kwargs["plan_id"])
        return plan.rounds.order_by("-opened_at", "pk")


class EntryList(generics.ListCreateAPIView[FollowUpEntry]):
    """The round's reports on the nodes the caller may see; a contributor reports on an
    activity of their node or a goal that reached it (409 on a stale `version`)."""

    serializer_class = serializers.FollowUpEntrySerializer
    filterset_class = filters.EntryFilter
    queryset = FollowUpEntry.objects.none()

    def round(self) -> FollowUpRound:
        plan = plan_of(self.request, self.kwargs["org_code"], self.kwargs["plan_id"])
        round_ = plan.rounds.filter(pk=self.kwargs["round_id"]).first()
        if round_ is None:
            raise Http404(_(NOT_VISIBLE))
        return round_

    def get_queryset(self) -> QuerySet[FollowUpEntry]:
        if _fake(self):
            return FollowUpEntry.objects.none()
        round_ = self.round()
        return (
            round_.entries.filter(visible_q(self.request, round_.plan.organisation))
            .select_related("node")
            .order_by("node__path", "pk")
        )

    @extend_schema(
        request=serializers.EntryReportSerializer,
        responses={
            201: serializers.FollowUpEntrySerializer,
            400: REFUSED,
            409: CONFLICT,
            403: OpenApiResponse(description=_("Rollen räcker inte, eller omgången är stängd.")),
        },
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        round_ = self.round()
        body = serializers.EntryReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        access = api_access(request)
        node = access.node(round_.plan.organisation.code, data["node_code"])
        if not (round_.is_open and access.has(node, Role.CONTRIBUTOR)):
            raise PermissionDenied(
                _("Du kan inte rapportera för den här enheten i den här omgången.")
            )
        activity = goal = None
        if data.get("activity_id"):
            activity = Activity.objects.filter(
                pk=data["activity_id"], node__organisation=node.organisation
            ).first()
            if activity is None:
                raise ValidationError({"activity_id": [_("Aktiviteten finns inte.")]})
        elif data.get("goal_id"):
            goal = round_.plan.goals.filter(pk=data["goal_id"]).first()
            if goal is None:
                raise ValidationError({"goal_id": [_("Målet finns inte i planen.")]})
        try:
            entry = services.entry_report(
                round_=round_,
                node=node,
                activity=activity,
                goal=goal,
                status=data["status"],
                comment=data["comment"],
                expected_version=data["version"] or None,
                by=_person(request),
            )
        except services.ConflictError as error:
            current = error.current
            shown = self.get_serializer(current).data if current is not None else None
            return conflict_response(error, shown)
        except services.PlanError as error:
            return refused(error)
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)
