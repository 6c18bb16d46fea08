"""The feed's entity types (names, Edm types, nullability, key) and their CSDL XML document.

Every entity set is flat (no navigation properties): Power BI joins them on the code and id
columns, as a star schema (DOMAIN-NOTES H1)."""

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

NAMESPACE = "Nettonoll"


@dataclass(frozen=True)
class Prop:
    name: str
    edm: str  # Edm.Int64, Edm.Int32, Edm.String, Edm.Double, Edm.Boolean, Edm.Date
    nullable: bool = False


@dataclass(frozen=True)
class EntityType:
    set_name: str
    type_name: str
    props: tuple[Prop, ...]
    key: str = "id"

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.props]

    def prop(self, name: str) -> Prop:
        return next(p for p in self.props if p.name == name)


def _p(name: str, edm: str = "Edm.String", nullable: bool = False) -> Prop:
    return Prop(name, edm, nullable)


INT, LONG, DOUBLE, BOOL, DATE = "Edm.Int32", "Edm.Int64", "Edm.Double", "Edm.Boolean", "Edm.Date"

EMISSIONS = EntityType(
    "Emissions",
    "Emission",
    (
        _p("id", LONG),
        _p("year", INT),
        _p("node_code"),
        _p("node_name"),
        _p("scope", INT),
        _p("scope3_category", INT, True),
        _p("category_code", nullable=True),
        _p("category_label"),
        _p("t_co2e", DOUBLE),
        _p("factor_set_version", INT, True),
        _p("is_preliminary", BOOL),
        _p("is_reported", BOOL),
    ),
)
NODES = EntityType(
    "Nodes",
    "Node",
    (
        _p("id", LONG),
        _p("code"),
        _p("name"),
        _p("level"),
        _p("level_label"),
        _p("parent_code", nullable=True),
        _p("depth", INT),
        _p("valid_from", DATE),
        _p("valid_to", DATE, True),
    ),
)
GOALS = EntityType(
    "Goals",
    "Goal",
    (
        _p("id", LONG),
        _p("plan_id", LONG),
        _p("plan_name"),
        _p("parent_id", LONG, True),
        _p("code"),
        _p("title"),
        _p("level", INT),
        _p("kind"),
        _p("deadline", DATE, True),
        _p("ended_on", DATE, True),
    ),
)
ACTIVITIES = EntityType(
    "Activities",
    "Activity",
    (
        _p("id", LONG),
        _p("node_code"),
        _p("node_name"),
        _p("title"),
        _p("status"),
        _p("responsible"),
        _p("start_on", DATE, True),
        _p("end_on", DATE, True),
        _p("expected_effect_quantity", DOUBLE, True),
        _p("expected_effect_unit"),
        _p("cost_sek", DOUBLE, True),
    ),
)
INDICATORS = EntityType(
    "Indicators",
    "Indicator",
    (
        _p("id", LONG),
        _p("name"),
        _p("unit"),
        _p("direction"),
        _p("baseline_year", INT),
        _p("baseline_value", DOUBLE),
        _p("metric_key"),
    ),
)
INDICATOR_VALUES = EntityType(
    "IndicatorValues",
    "IndicatorValue",
    (
        _p("id", LONG),
        _p("indicator_id", LONG),
        _p("indicator_name"),
        _p("node_code"),
        _p("year", INT),
        _p("value", DOUBLE),
        _p("unit"),
        _p("comment"),
    ),
)
METRICS = EntityType(
    "Metrics",
    "Metric",
    (
        _p("id"),
        _p("metric_key"),
        _p("metric_label"),
        _p("node_code"),
        _p("year", INT),
        _p("value", DOUBLE),
        _p("unit"),
        _p("is_preliminary", BOOL),
    ),
)
BUDGET = EntityType(
    "Budget",
    "BudgetYear",
    (
        _p("year", INT),
        _p("pathway_t", DOUBLE, True),
        _p("actual_t", DOUBLE, True),
        _p("trend_t", DOUBLE, True),
    ),
    key="year",
)

ENTITY_TYPES = {
    t.set_name: t
    for t in (EMISSIONS, NODES, GOALS, ACTIVITIES, INDICATORS, INDICATOR_VALUES, METRICS, BUDGET)
}


def metadata_xml() -> str:
    """The CSDL XML document (OData 4.0) of every entity type, with the capabilities Power BI
    reads (read-only, no batch, no expand)."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">',
        "<edmx:DataServices>",
        f'<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="{NAMESPACE}">',
    ]
    for entity in ENTITY_TYPES.values():
        lines.append(f'<EntityType Name="{entity.type_name}">')
        lines.append(f'<Key><PropertyRef Name="{entity.key}"/></Key>')
        for prop in entity.props:
            nullable = "true" if prop.nullable else "false"
            lines.append(
                f"<Property Name={quoteattr(prop.name)} Type={quoteattr(prop.edm)} "
                f'Nullable="{nullable}"/>'
            )
        lines.append("</EntityType>")
    lines.append('<EntityContainer Name="Container">')
    for entity in ENTITY_TYPES.values():
        lines.append(
            f'<EntitySet Name="{entity.set_name}" EntityType="{NAMESPACE}.{entity.type_name}">'
            '<Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions">'
            '<Record><PropertyValue Property="Insertable" Bool="false"/></Record></Annotation>'
            "</EntitySet>"
        )
    lines.append(
        '<Annotation Term="Org.OData.Capabilities.V1.ConformanceLevel" '
        'EnumMember="Org.OData.Capabilities.V1.ConformanceLevelType/Minimal"/>'
    )
    lines.append('<Annotation Term="Org.OData.Capabilities.V1.BatchSupported" Bool="false"/>')
    lines += ["</EntityContainer>", "</Schema>", "</edmx:DataServices>", "</edmx:Edmx>"]
    return "\n".join(lines) + "\n"
