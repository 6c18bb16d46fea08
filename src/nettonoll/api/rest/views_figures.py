"""Figures read from the capabilities' own selectors, never recomputed here: metric sources,
the klimatbokslut summary, the carbon budget and the registers' records."""

import datetime
from typing import Any

from django.db.models import BooleanField, ForeignKey, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from nettonoll.api.rest.auth import api_access
from nettonoll.api.rest.scope import OrganisationScoped, organisation_of, visible_q
from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
from nettonoll.common.metrics import metric_get, metrics_declared
from nettonoll.emissions.summary import klimatbokslut_summary
from nettonoll.organisations.models import Node
from nettonoll.registers.declarations import REGISTERS, Register

NODE_PARAM = OpenApiParameter(
    "node", OpenApiTypes.STR, description="Enhetskod (utan: din utgångspunkt i trädet)"
)
YEAR_PARAM = OpenApiParameter("year", OpenApiTypes.INT, description="År")


def _node(request: Request, org_code: str) -> Node:
    """The node named by ?node=CODE (checked), else where the caller's view starts."""
    access = api_access(request)
    start = access.require_start(organisation_of(request, org_code))
    return access.node_from_query(request._request, start)


def _year(request: Request) -> int | None:
    text = request.query_params.get("year", "")
    if not text:
        return None
    if not text.isdecimal() or not 1900 <= int(text) <= 2200:
        raise serializers.ValidationError({"year": [_("Ange ett år, till exempel 2024.")]})
    return int(text)


class MetricSerializer(serializers.Serializer[Any]):
    metric_key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    source = serializers.CharField()


class MetricList(APIView):
    """The metric sources an indicator can be pointed at (per node and year)."""

    @extend_schema(responses=MetricSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "metric_key": m.key,
                    "label": str(m.label),
                    "unit": m.unit,
                    "source": str(m.source),
                }
                for m in metrics_declared()
            ]
        )


class YearValueSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    value = serializers.FloatField()


class MetricValues(APIView):
    """A metric's values for a node's subtree per year; `preliminary` holds the years the
    source has only in part (never in `values`)."""

    @extend_schema(
        parameters=[NODE_PARAM, YEAR_PARAM],
        responses=inline_serializer(
            "MetricValues",
            {
                "metric_key": serializers.CharField(),
                "label": serializers.CharField(),
                "unit": serializers.CharField(),
                "node_code": serializers.CharField(),
                "values": YearValueSerializer(many=True),
                "preliminary": YearValueSerializer(many=True),
            },
        ),
    )
    def get(self, request: Request, org_code: str, metric_key: str) -> Response:
        node = _node(request, org_code)
        year = _year(request)
        metric = metric_get(metric_key)
        if metric is None:
            raise Http404(_("Källan finns inte."))

        def rows(values: dict[int, float]) -> list[dict[str, Any]]:
            return [
                {"year": y, "value": float(v)}
                for y, v in sorted(values.items())
                if year is None or y == year
            ]

        return Response(
            {
                "metric_key": metric.key,
                "label": str(metric.label),
                "unit": metric.unit,
                "node_code": node.code,
                "values": rows(metric.values(node)),
                "preliminary": rows(metric.preliminary(node)) if metric.preliminary else [],
            }
        )


_T = serializers.DictField(child=serializers.FloatField())


class Klimatbokslut(APIView):
    """The klimatbokslut of a node (its subtree) for a year: total, by scope, by category and
    by org unit, every year's total, and which years are preliminary, reported or closed. The
    same figures as the klimatbokslut pages and `nettonoll klimatbokslut show`."""

    @extend_schema(
        parameters=[NODE_PARAM, YEAR_PARAM],
        responses=inline_serializer(
            "Klimatbokslut",
            {
                "organisation": serializers.CharField(),
                "node": serializers.CharField(),
                "year": serializers.IntegerField(allow_null=True),
                "year_status": serializers.CharField(allow_null=True),
                "gwp_set": serializers.CharField(),
                "factor_set_version": serializers.IntegerField(allow_null=True),
                "total_t_co2e": serializers.FloatField(),
                "by_year": _T,
                "by_scope": _T,
                "by_category": _T,
                "by_org_unit": _T,
                "preliminary_years": serializers.ListField(child=serializers.IntegerField()),
                "data_through": serializers.DictField(child=serializers.CharField(allow_null=True)),
                "reported_years": serializers.ListField(child=serializers.IntegerField()),
                "reported_notes": serializers.ListField(child=serializers.DictField()),
                "closed_years": serializers.ListField(child=serializers.IntegerField()),
            },
        ),
    )
    def get(self, request: Request, org_code: str) -> Response:
        return Response(klimatbokslut_summary(_node(request, org_code), _year(request)))


class BudgetYearSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    pathway_t = serializers.FloatField(allow_null=True)
    actual_t = serializers.FloatField(allow_null=True)
    preliminary_t = serializers.FloatField(allow_null=True)
    trend_t = serializers.FloatField(allow_null=True)


class CarbonBudget(APIView):
    """The organisation's carbon budget as its page shows it: the adopted settings, the budget,
    what has been emitted and remains, the pathway, actual and trend per year."""

    @extend_schema(
        responses=inline_serializer(
            "CarbonBudget",
            {
                "derivation": serializers.CharField(),
                "convention": serializers.CharField(),
                "start_year": serializers.IntegerField(),
                "net_zero_year": serializers.IntegerField(),
                "is_adopted": serializers.BooleanField(),
                "problem": serializers.CharField(),
                "e0_t": serializers.FloatField(allow_null=True),
                "budget_t": serializers.FloatField(allow_null=True),
                "emitted_t": serializers.FloatField(allow_null=True),
                "remaining_t": serializers.FloatField(allow_null=True),
                "annual_cut_rate": serializers.FloatField(allow_null=True),
                "runs_out_year": serializers.FloatField(allow_null=True),
                "required_cut_pct": serializers.FloatField(allow_null=True),
                "years": BudgetYearSerializer(many=True),
            },
        )
    )
    def get(self, request: Request, org_code: str) -> Response:
        access = api_access(request)
        organisation = access.organisation(org_code)
        access.require_root(organisation)
        budget = carbon_budget_of(organisation)
        page = budget_page(organisation, budget)
        a = page.assessment
        years: list[dict[str, Any]] = []
        if a is not None:
            every = sorted(set(a.path_t) | set(a.actual_t) | set(a.trend_t) | set(a.preliminary_t))
            years = [
                {
                    "year": y,
                    "pathway_t": a.path_t.get(y),
                    "actual_t": a.actual_t.get(y),
                    "preliminary_t": a.preliminary_t.get(y),
                    "trend_t": a.trend_t.get(y),
                }
                for y in every
            ]
        return Response(
            {
                "derivation": budget.derivation,
                "convention": budget.convention,
                "start_year": budget.start_year,
                "net_zero_year": budget.net_zero_year,
                "is_adopted": budget.pk is not None,
                "problem": str(page.problem),
                "e0_t": a.e0_t if a else None,
                "budget_t": a.budget_t if a else None,
                "emitted_t": a.emitted_t if a else None,
                "remaining_t": a.remaining_t if a else None,
                "annual_cut_rate": a.rate if a else None,
                "runs_out_year": a.runs_out_year if a else None,
                "required_cut_pct": a.required_cut_pct if a else None,
                "years": years,
            }
        )


class RegisterKindSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()
    code_field = serializers.CharField()
    filters = serializers.ListField(child=serializers.CharField())


class RegisterIndex(APIView):
    """The registers declared (vehicles, charging points, backup power …): their keys."""

    @extend_schema(responses=RegisterKindSerializer(many=True), operation_id="registers_index")
    def get(self, request: Request, org_code: str) -> Response:
        api_access(request).require_start(organisation_of(request, org_code))
        return Response(
            [
                {
                    "key": r.key,
                    "label": str(r.label_plural),
                    "code_field": r.code_field,
                    "filters": list(r.filters),
                }
                for r in REGISTERS.values()
            ]
        )


def _cell(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return float(value) if hasattr(value, "as_tuple") else str(value)


class RegisterRecordSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    node_code = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()
    values = serializers.DictField(help_text="Registrets fält (som i dess importmall).")

    def to_representation(self, record: Any) -> dict[str, Any]:
        register: Register = self.context["register"]
        values: dict[str, Any] = {}
        for name in register.form_fields or register.list_fields:
            if name in ("node", "valid_from", "valid_to", register.code_field):
                continue
            field = record._meta.get_field(name)
            if isinstance(field, ForeignKey):
                related = getattr(record, name)
                values[name] = getattr(related, "code", None) if related else None
            else:
                values[name] = _cell(getattr(record, name))
        return {
            "id": record.pk,
            "code": getattr(record, register.code_field),
            "node_code": record.node.code,
            "valid_from": _cell(record.valid_from),
            "valid_to": _cell(record.valid_to),
            "version": record.version,
            "values": values,
        }


class RegisterList(OrganisationScoped, generics.ListAPIView[Any]):
    """A register's records on the nodes the caller may see (ended ones too; `in_service_on`
    narrows to a day), filtered on the register's own filter fields (`?energy=el`)."""

    serializer_class = RegisterRecordSerializer
    filter_backends: list[Any] = []

    def register(self) -> Register:
        register = REGISTERS.get(self.kwargs["register_key"])
        if register is None:
            raise Http404(_("Registret finns inte."))
        return register

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["register"] = self.register()
        return context

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "register_key",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=sorted(REGISTERS),
            ),
            OpenApiParameter("in_service_on", OpenApiTypes.DATE),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return next(iter(REGISTERS.values())).model._default_manager.none()
        register = self.register()
        api_access(self.request).require_start(self.organisation)
        records = register.model._default_manager.filter(
            visible_q(self.request, self.organisation)
        ).select_related("node")
        day = self.request.query_params.get("in_service_on", "")
        if day:
            try:
                on = datetime.date.fromisoformat(day)
            except ValueError:
                raise serializers.ValidationError(
                    {"in_service_on": [_("Ange ett datum som 2025-01-31.")]}
                ) from None
            records = records.filter(valid_from__lte=on).exclude(valid_to__lte=on)
        for name in register.filters:
            value = self.request.query_params.get(name, "")
            if value:
                field = register.model._meta.get_field(name)
                if isinstance(field, BooleanField):
                    records = records.filter(**{name: value.lower() in ("true", "1", "ja")})
                else:
                    records = records.filter(**{name: value})
        return records.order_by(register.code_field, "pk")
