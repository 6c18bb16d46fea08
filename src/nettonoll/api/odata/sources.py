"""The rows of each entity set for one organisation, limited to the nodes the caller may see.

Database sets are querysets annotated `o_<property>` (api.odata.query pages them); metrics and
the budget are computed per request in Python. Emissions are the klimatbokslut's result parts
plus the reported totals of years without computed results (at the root node, with negative
ids), so that every year sums to the klimatbokslut page's figure (emissions.years.year_totals)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Length, NullIf, Substr
from django.utils.translation import gettext_lazy

from nettonoll.api.odata.query import PREFIX, Source
from nettonoll.calc.categories import category_label, labels
from nettonoll.common.metrics import metrics_declared
from nettonoll.emissions.models import EmissionFactor, InventoryResult, ReportedTotal
from nettonoll.emissions.years import preliminary_months
from nettonoll.indicators.models import Direction, Indicator, IndicatorValue
from nettonoll.organisations.models import Level, Node, Organisation
from nettonoll.plans.models import Activity, ActivityStatus, Goal, GoalKind

UNCATEGORISED = gettext_lazy("Summa utan kategori (redovisad)")


@dataclass(frozen=True)
class Scope:
    """What the caller reads: one organisation, the subtrees under `top` (its visible top
    nodes; the root for a service key)."""

    organisation: Organisation
    top: list[Node]
    root: Node | None

    @property
    def whole(self) -> bool:
        return self.root is not None and any(n.pk == self.root.pk for n in self.top)

    def under(self, field: str = "node") -> Q:
        if self.whole:
            return Q()
        found = Q(pk__in=[])
        for node in self.top:
            found |= Q(**{f"{field}__path__startswith": node.path})
        return found


def _columns(queryset: QuerySet[Any], **columns: Any) -> QuerySet[Any]:
    return queryset.annotate(**{PREFIX + name: value for name, value in columns.items()})


def _choices(field: str, choices: Iterable[tuple[str, Any]]) -> Case:
    """The Swedish label of a choice field (never the internal code)."""
    return Case(
        *[When(**{field: value}, then=Value(str(label))) for value, label in choices],
        default=F(field),
        output_field=CharField(),
    )


def _category_labels(organisation: Organisation, field: str) -> Case:
    codes = set(labels()) | set(
        EmissionFactor.objects.filter(factor_set__organisation=organisation)
        .values_list("category", flat=True)
        .distinct()
    )
    codes |= set(
        ReportedTotal.objects.filter(organisation=organisation).values_list("category", flat=True)
    )
    codes.discard("")
    return Case(
        *[When(**{field: code}, then=Value(category_label(code))) for code in sorted(codes)],
        default=F(field),
        output_field=CharField(),
    )


def emissions(scope: Scope, needs: set[str] | frozenset[str] = frozenset()) -> Source:
    """`needs`: the properties the query filters or orders on; the Swedish category label is
    computed by the database only then, else in Python for the fetched page."""
    organisation = scope.organisation
    in_sql = "category_label" in needs
    preliminary = sorted(preliminary_months(organisation))
    results = _columns(
        InventoryResult.objects.filter(Q(organisation=organisation) & scope.under()),
        id=F("pk"),
        year=F("year"),
        node_code=F("node__code"),
        node_name=F("node__name"),
        scope=F("scope"),
        scope3_category=F("scope3_category"),
        category_code=F("category"),
        category_label=_category_labels(organisation, "category") if in_sql else F("category"),
        t_co2e=F("emissions_t_co2e"),
        factor_set_version=F("factor_set_version"),
        is_preliminary=Case(
            When(year__in=preliminary, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        is_reported=Value(False),
    )
    parts = [results]
    root = scope.root
    if scope.whole and root is not None:  # reported totals are the whole organisation's
        computed = InventoryResult.objects.filter(organisation=organisation, year=OuterRef("year"))
        reported = _columns(
            ReportedTotal.objects.filter(organisation=organisation).exclude(Exists(computed)),
            id=F("pk") * -1,
            year=F("year"),
            node_code=Value(root.code),
            node_name=Value(root.name),
            scope=F("scope"),
            scope3_category=Value(None, output_field=IntegerField()),
            category_code=NullIf(F("category"), Value("")),
            category_label=Case(
                When(category="", then=Value(str(UNCATEGORISED))),
                default=_category_labels(organisation, "category") if in_sql else F("category"),
                output_field=CharField(),
            ),
            t_co2e=F("t_co2e"),
            factor_set_version=Value(None, output_field=IntegerField()),
            is_preliminary=Value(False),
            is_reported=Value(True),
        )
        parts = [reported, results]  # negative ids first
    if in_sql:
        return Source(parts=parts)
    return Source(parts=parts, derived={"category_label": _label_of_row})


def _label_of_row(row: dict[str, Any]) -> str:
    code = row["category_code"]
    return category_label(code) if code else str(row["category_label"])


def nodes(scope: Scope) -> Source:
    step = Node.steplen
    parent = Node.objects.filter(
        organisation=scope.organisation,
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - step),
    ).values("code")[:1]
    queryset = Node.objects.filter(Q(organisation=scope.organisation) & _self_under(scope))
    return Source(
        parts=[
            _columns(
                queryset,
                id=F("pk"),
                code=F("code"),
                name=F("name"),
                level=F("level"),
                level_label=Case(
                    *[When(level=code, then=Value(str(label))) for code, label in Level.choices],
                    default=F("level"),
                    output_field=CharField(),
                ),
                parent_code=Subquery(parent),
                depth=F("depth"),
                valid_from=F("valid_from"),
                valid_to=F("valid_to"),
            )
        ]
    )


def _self_under(scope: Scope) -> Q:
    if scope.whole:
        return Q()
    found = Q(pk__in=[])
    for node in scope.top:
        found |= Q(path__startswith=node.path)
    return found


def goals(scope: Scope) -> Source:
    queryset = Goal.objects.filter(plan__organisation=scope.organisation)
    return Source(
        parts=[
            _columns(
                queryset,
                id=F("pk"),
                plan_id=F("plan_id"),
                plan_name=F("plan__name"),
                parent_id=F("parent_id"),
                code=F("code"),
                title=F("title"),
                level=F("level"),
                kind=_choices("kind", GoalKind.choices),
                deadline=F("deadline"),
                ended_on=F("ended_on"),
            )
        ]
    )


def activities(scope: Scope) -> Source:
    queryset = Activity.objects.filter(Q(node__organisation=scope.organisation) & scope.under())
    return Source(
        parts=[
            _columns(
                queryset,
                id=F("pk"),
                node_code=F("node__code"),
                node_name=F("node__name"),
                title=F("title"),
                status=_choices("status", ActivityStatus.choices),
                responsible=F("responsible"),
                start_on=F("start_on"),
                end_on=F("end_on"),
                expected_effect_quantity=Cast("expected_effect_quantity", FloatField()),
                expected_effect_unit=F("expected_effect_unit"),
                cost_sek=Cast("cost_sek", FloatField()),
            )
        ]
    )


def indicators(scope: Scope) -> Source:
    queryset = Indicator.objects.filter(organisation=scope.organisation)
    return Source(
        parts=[
            _columns(
                queryset,
                id=F("pk"),
                name=F("name"),
                unit=F("unit"),
                direction=_choices("direction", Direction.choices),
                baseline_year=F("baseline_year"),
                baseline_value=Cast("baseline_value", FloatField()),
                metric_key=F("metric_key"),
            )
        ]
    )


def indicator_values(scope: Scope) -> Source:
    queryset = IndicatorValue.objects.filter(
        Q(indicator__organisation=scope.organisation) & scope.under()
    )
    return Source(
        parts=[
            _columns(
                queryset,
                id=F("pk"),
                indicator_id=F("indicator_id"),
                indicator_name=F("indicator__name"),
                node_code=F("node__code"),
                year=F("year"),
                value=Cast("value", FloatField()),
                unit=F("indicator__unit"),
                comment=F("comment"),
            )
        ]
    )


def metrics(scope: Scope) -> Source:
    """Every declared metric for the visible top nodes and their children (a metric is read
    for a node's whole subtree, so deeper units are left to the Emissions set)."""
    chosen: list[Node] = []
    for top in scope.top:
        chosen += [
            top,
            *Node.objects.filter(organisation=scope.organisation)
            .filter(path__startswith=top.path, depth=top.depth + 1)
            .order_by("path"),
        ]
    rows: list[dict[str, Any]] = []
    for metric in metrics_declared():
        for node in chosen:
            preliminary = metric.preliminary(node) if metric.preliminary else {}
            values = {**metric.values(node), **preliminary}
            for year, value in sorted(values.items()):
                rows.append(
                    {
                        "id": f"{metric.key}|{node.code}|{year}",
                        "metric_key": metric.key,
                        "metric_label": str(metric.label),
                        "node_code": node.code,
                        "year": year,
                        "value": float(value),
                        "unit": metric.unit,
                        "is_preliminary": year in preliminary,
                    }
                )
    return Source(rows=rows)


def budget(scope: Scope) -> Source:
    """The carbon budget's pathway, actual and trend per year (the budget page's figures);
    only for a caller who sees the whole organisation, as the page."""
    from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of

    if not scope.whole:
        return Source(rows=[])
    assessment = budget_page(scope.organisation, carbon_budget_of(scope.organisation)).assessment
    if assessment is None:
        return Source(rows=[])
    years = sorted(set(assessment.path_t) | set(assessment.actual_t) | set(assessment.trend_t))
    return Source(
        rows=[
            {
                "year": year,
                "pathway_t": assessment.path_t.get(year),
                "actual_t": assessment.actual_t.get(year),
                "trend_t": assessment.trend_t.get(year),
            }
            for year in years
        ]
    )


SOURCES: dict[str, Callable[..., Source]] = {
    "Emissions": emissions,
    "Nodes": nodes,
    "Goals": goals,
    "Activities": activities,
    "Indicators": indicators,
    "IndicatorValues": indicator_values,
    "Metrics": metrics,
    "Budget": budget,
}


def source_of(name: str, scope: Scope, needs: set[str]) -> Source:
    """The rows of the entity set; `needs`: the properties filtered or ordered on."""
    if name == "Emissions":
        return emissions(scope, needs)
    return SOURCES[name](scope)
