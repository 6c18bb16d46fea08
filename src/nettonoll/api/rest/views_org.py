"""Organisations, their tree and indicators (values read and entered as on the web)."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from nettonoll.api.rest import filters, serializers
from nettonoll.api.rest.auth import api_access
from nettonoll.api.rest.scope import OrganisationScoped, visible_nodes, visible_q
from nettonoll.api.rest.writes import CONFLICT, REFUSED, conflict_response, refused
from nettonoll.common.records import StaleEdit
from nettonoll.indicators import services as indicator_services
from nettonoll.indicators.models import Indicator, IndicatorValue
from nettonoll.organisations.access import NOT_VISIBLE
from nettonoll.organisations.api_keys import ServiceAccess
from nettonoll.organisations.models import Node, Organisation, Role


def _fake(view: Any) -> bool:
    return bool(getattr(view, "swagger_fake_view", False))


class OrganisationList(generics.ListAPIView[Organisation]):
    """The organisations the caller holds a role in (a service key: its own)."""

    serializer_class = serializers.OrganisationSerializer
    queryset = Organisation.objects.none()

    def get_queryset(self) -> QuerySet[Organisation]:
        if _fake(self):
            return Organisation.objects.none()
        access = api_access(self.request)
        organisations = Organisation.objects.order_by("code")
        if isinstance(access, ServiceAccess):
            return organisations.filter(pk=access.key_organisation.pk)
        if access.is_superuser:
            return organisations
        return organisations.filter(pk__in={g.node.organisation_id for g in access.grants})


class OrganisationDetail(generics.RetrieveAPIView[Organisation]):
    serializer_class = serializers.OrganisationSerializer
    queryset = Organisation.objects.none()

    def get_object(self) -> Organisation:
        return api_access(self.request).organisation(self.kwargs["org_code"])


class NodeList(OrganisationScoped, generics.ListAPIView[Node]):
    """The tree: the nodes the caller may see, in tree order (`depth` 1 is the root)."""

    serializer_class = serializers.NodeSerializer
    filterset_class = filters.NodeFilter
    queryset = Node.objects.none()

    def get_queryset(self) -> QuerySet[Node]:
        if _fake(self):
            return Node.objects.none()
        return visible_nodes(self.request, self.organisation)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not _fake(self):
            context["parents"] = dict(
                visible_nodes(self.request, self.organisation).values_list("path", "code")
            )
        return context


class NodeDetail(OrganisationScoped, generics.RetrieveAPIView[Node]):
    serializer_class = serializers.NodeSerializer
    queryset = Node.objects.none()

    def get_object(self) -> Node:
        return api_access(self.request).node(self.organisation.code, self.kwargs["node_code"])

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not _fake(self):
            context["parents"] = dict(
                visible_nodes(self.request, self.organisation).values_list("path", "code")
            )
        return context


class IndicatorList(OrganisationScoped, generics.ListAPIView[Indicator]):
    """The organisation's indicators with their baselines and targets."""

    serializer_class = serializers.IndicatorSerializer
    queryset = Indicator.objects.none()

    def get_queryset(self) -> QuerySet[Indicator]:
        if _fake(self):
            return Indicator.objects.none()
        api_access(self.request).require_start(self.organisation)
        return (
            Indicator.objects.filter(organisation=self.organisation)
            .prefetch_related("targets")
            .order_by("name", "pk")
        )


class IndicatorDetail(OrganisationScoped, generics.RetrieveAPIView[Indicator]):
    serializer_class = serializers.IndicatorSerializer
    queryset = Indicator.objects.none()

    def get_object(self) -> Indicator:
        api_access(self.request).require_start(self.organisation)
        indicator = Indicator.objects.filter(
            organisation=self.organisation, pk=self.kwargs["indicator_id"]
        ).first()
        if indicator is None:
            raise Http404(_(NOT_VISIBLE))
        return indicator


class IndicatorValueList(OrganisationScoped, generics.ListCreateAPIView[IndicatorValue]):
    """Values entered for the indicator on the nodes the caller may see; a manager enters (or
    corrects, sending the `version` read) a year's value for a node of theirs."""

    serializer_class = serializers.IndicatorValueSerializer
    filterset_class = filters.IndicatorValueFilter
    queryset = IndicatorValue.objects.none()

    def indicator(self) -> Indicator:
        api_access(self.request).require_start(self.organisation)
        indicator = Indicator.objects.filter(
            organisation=self.organisation, pk=self.kwargs["indicator_id"]
        ).first()
        if indicator is None:
            raise Http404(_(NOT_VISIBLE))
        return indicator

    def get_queryset(self) -> QuerySet[IndicatorValue]:
        if _fake(self):
            return IndicatorValue.objects.none()
        return (
            self.indicator()
            .values.filter(visible_q(self.request, self.organisation))
            .select_related("node")
            .order_by("node__path", "year", "pk")
        )

    @extend_schema(
        responses={
            201: serializers.IndicatorValueSerializer,
            400: REFUSED,
            409: CONFLICT,
        }
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        indicator = self.indicator()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        node = api_access(request).node(
            self.organisation.code,
            data["node"]["code"],
            Role.MANAGER,
            _("Bara chefer och miljöstrateger kan lägga in värden."),
        )
        try:
            value = indicator_services.indicator_value_enter(
                indicator=indicator,
                node=node,
                year=data["year"],
                value=data["value"],
                comment=data.get("comment", ""),
                expected_version=data["version"],
                by=request.user if getattr(request.user, "pk", None) else None,
            )
        except StaleEdit as stale:
            current = stale.current
            shown = self.get_serializer(current).data if current is not None else None
            return conflict_response(stale, shown)
        except indicator_services.IndicatorError as error:
            return refused(error)
        return Response(self.get_serializer(value).data, status=status.HTTP_201_CREATED)
