"""The import/export columns of reuse, circular systems, delivery sites and deliveries (a
contract: scripts outside the repository use these columns; README and docs/methods/circular.md
list them)."""

from decimal import Decimal as D

from nettonoll.calc.reuse import factor_table
from nettonoll.circular.models import CircularSystem, DeliverySite, ReuseTransfer
from nettonoll.common.tablespec import (
    Choice,
    Code,
    Date,
    Decimal,
    Month,
    NodeReference,
    Reference,
    TableSpec,
    Text,
    max_length,
)

ENGLISH_ITEM_TYPES = {
    "office chair": "kontorsstol",
    "visitor chair": "besöksstol",
    "height-adjustable desk": "höj- och sänkbart skrivbord",
    "hoj- och sankbart skrivbord": "höj- och sänkbart skrivbord",
    "desk": "skrivbord",
    "pedestal": "hurts",
    "cupboard": "förvaringsskåp",
    "forvaringsskap": "förvaringsskåp",
    "laptop": "bärbar dator",
    "barbar dator": "bärbar dator",
    "monitor": "bildskärm",
    "bildskarm": "bildskärm",
    "mobile phone": "mobiltelefon",
    "smartphone": "mobiltelefon",
}


def item_type_aliases() -> dict[str, str]:
    """Every item type of the factor table, and English or ASCII spellings of them."""
    types = factor_table().item_types()
    return {t.lower(): t for t in types} | {
        k: v for k, v in ENGLISH_ITEM_TYPES.items() if v in types
    }


REUSE = TableSpec(
    title="Återbruk",
    columns=(
        Code(
            name="reuse_code",
            required=True,
            max_length=max_length(ReuseTransfer, "reuse_code"),
            example="AB-2024-001",
        ),
        Choice(
            name="item_type",
            required=True,
            aliases=item_type_aliases(),
            allowed=", ".join(factor_table().item_types()),
            example="kontorsstol",
        ),
        Decimal(name="count", required=True, unit="st", min=D(1), max=D(1000000), example="12"),
        Reference(name="from_node_code", required=True, unknown="node_unknown", example="1010"),
        Reference(name="to_node_code", required=True, unknown="node_unknown", example="1020"),
        Date(name="transferred_on", required=True, example="2024-03-15"),
    ),
    key=("reuse_code",),
)

CIRCULAR_SYSTEMS = TableSpec(
    title="Cirkulära system",
    columns=(
        Code(
            name="system_code",
            required=True,
            max_length=max_length(CircularSystem, "system_code"),
            example="RETURPALL",
        ),
        Text(
            name="name",
            required=True,
            max_length=max_length(CircularSystem, "name"),
            example="Returpall",
        ),
        NodeReference(name="node_code", required=True, example="1010"),
        Text(
            name="products",
            max_length=max_length(CircularSystem, "products"),
            example="Helpall och halvpall av plast",
        ),
        Decimal(name="volume", required=True, min=D(0), max=D("1e12"), example="1200"),
        Text(
            name="volume_unit",
            required=True,
            max_length=max_length(CircularSystem, "volume_unit"),
            example="st",
        ),
        Date(name="in_service_from", required=True, example="2023-01-01"),
        Date(name="in_service_to"),
    ),
    key=("system_code",),
)

DELIVERY_SITES = TableSpec(
    title="Leveransplatser",
    columns=(
        Code(
            name="site_code",
            required=True,
            max_length=max_length(DeliverySite, "site_code"),
            example="GODS-SÖS",
        ),
        Text(name="name", max_length=max_length(DeliverySite, "name"), example="Godsmottagning"),
        NodeReference(name="node_code", required=True, example="1010"),
        Date(name="in_service_from", optional_header=True, example="2000-01-01"),
        Date(name="in_service_to", optional_header=True),
    ),
    key=("site_code",),
)

DELIVERIES = TableSpec(
    title="Leveranser",
    columns=(
        Code(
            name="site_code",
            required=True,
            max_length=max_length(DeliverySite, "site_code"),
            example="GODS-SÖS",
        ),
        NodeReference(name="node_code", required=True, example="1010"),
        Month(name="month", required=True, example="2024-01"),
        Decimal(name="deliveries", required=True, unit="st", min=D(0), max=D("1e9"), example="420"),
        Decimal(
            name="coloaded_deliveries",
            required=True,
            unit="st",
            min=D(0),
            max=D("1e9"),
            example="130",
        ),
        Decimal(name="vehicle_km", unit="km", min=D(0), max=D("1e12"), example="5400"),
    ),
    key=("site_code", "month"),
)
