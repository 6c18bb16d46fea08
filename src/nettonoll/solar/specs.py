"""The solar installations' and production's table specs (a contract: scripts outside the
repository use these columns)."""

from decimal import Decimal as D

from nettonoll.common.tablespec import (
    Code,
    Date,
    Decimal,
    Month,
    Reference,
    TableSpec,
    max_length,
)
from nettonoll.solar.models import SolarInstallation

INSTALLATIONS = TableSpec(
    title="Solcellsanläggningar",
    columns=(
        Code(
            name="installation_code",
            required=True,
            max_length=max_length(SolarInstallation, "installation_code"),
            example="SOL-1",
        ),
        Reference(name="building_code", required=True, example="B-101"),
        Decimal(name="kwp", required=True, unit="kWp", min=D(0), max=D(1000000), example="48,5"),
        Date(name="in_service_from", required=True, example="2023-05-01"),
        # beyond the contract's columns, and optional in a file
        Date(name="in_service_to", optional_header=True),
    ),
    key=("installation_code",),
)

PRODUCTION = TableSpec(
    title="Solelproduktion",
    columns=(
        Reference(name="installation_code", required=True, example="SOL-1"),
        Month(name="month", required=True, example="2024-06"),
        Decimal(
            name="produced_kwh",
            required=True,
            unit="kWh",
            min=D(0),
            max=D(10_000_000_000),
            example="6200",
        ),
        Decimal(
            name="exported_kwh",
            required=True,
            unit="kWh",
            min=D(0),
            max=D(10_000_000_000),
            example="900",
        ),
    ),
    key=("installation_code", "month"),
)
