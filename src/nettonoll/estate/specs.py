"""The buildings' and energy readings' table specs (a contract: scripts outside the repository
use these columns)."""

from decimal import Decimal as D

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
    Year,
    max_length,
)
from nettonoll.estate.models import Building, BuildingOwnership, Carrier
from nettonoll.registers.specs import aliases

OWNERSHIPS = aliases(
    BuildingOwnership,
    {"owned": "ägd", "agd": "ägd", "leased": "inhyrd", "hyrd": "inhyrd", "förhyrd": "inhyrd"},
)
CARRIERS = aliases(
    Carrier,
    {
        "electricity": "el",
        "district heating": "fjärrvärme",
        "fjarrvarme": "fjärrvärme",
        "district cooling": "fjärrkyla",
        "fjarrkyla": "fjärrkyla",
        "biofuel": "biobränsle",
        "biobransle": "biobränsle",
        "pellets": "biobränsle",
        "oil": "olja",
        "eldningsolja": "olja",
        "natural gas": "gas",
        "naturgas": "gas",
        # biogas is a biofuel (BBR 9:2 weighs it as one); "gas" is fossil gas
        "biogas": "biobränsle",
    },
)

BUILDINGS = TableSpec(
    title="Byggnader",
    columns=(
        Code(
            name="building_code",
            required=True,
            max_length=max_length(Building, "building_code"),
            example="B-101",
        ),
        Text(name="name", required=True, max_length=max_length(Building, "name"), example="Hus 1"),
        NodeReference(name="node_code", required=True, example="1010"),
        Text(
            name="municipality",
            max_length=max_length(Building, "municipality"),
            example="Karlstad",
        ),
        Text(name="locality", max_length=max_length(Building, "locality"), example="Karlstad"),
        Decimal(
            name="atemp_m2", required=True, unit="m²", min=D(0), max=D(10000000), example="5200"
        ),
        Year(name="year_built", min=1000, max=2100),
        Choice(
            name="ownership",
            required=True,
            aliases=OWNERSHIPS,
            allowed=", ".join(BuildingOwnership.values),
            example="ägd",
        ),
        # beyond the contract's columns, and optional in a file
        Date(name="in_service_from", optional_header=True, example="2000-01-01"),
        Date(name="in_service_to", optional_header=True),
    ),
    key=("building_code",),
)

ENERGY_READINGS = TableSpec(
    title="Energiavläsningar",
    columns=(
        Reference(name="building_code", required=True, example="B-101"),
        Month(name="month", required=True, example="2024-01"),
        Choice(
            name="carrier",
            required=True,
            aliases=CARRIERS,
            allowed=", ".join(Carrier.values),
            example="fjärrvärme",
        ),
        Decimal(name="kwh", required=True, unit="kWh", min=D(0), max=D("1e12"), example="41000"),
        Decimal(name="temperature_dependent_share", min=D(0), max=D(1), example="0,75"),
    ),
    key=("building_code", "month", "carrier"),
)
