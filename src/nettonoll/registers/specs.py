"""The registers' table specs: the columns of `nettonoll import|export register …` and of the
web's import, export and templates (a contract: scripts outside the repository use them)."""

from decimal import Decimal as D

from nettonoll.common.tablespec import (
    Boolean,
    Choice,
    Code,
    Date,
    Decimal,
    NodeReference,
    TableSpec,
    Text,
    max_length,
)
from nettonoll.registers.models import (
    BackupEnergy,
    BackupUnit,
    ChargingAccess,
    ChargingSite,
    Ownership,
    VehicleEnergy,
    VehicleType,
)


def aliases(choices: type, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Each value in any case, its label, and English spellings (`extra`)."""
    found: dict[str, str] = {}
    for value, label in choices.choices:  # type: ignore[attr-defined]
        found[str(value).lower()] = value
        found[str(label).lower()] = value
    return found | {k.lower(): v for k, v in (extra or {}).items()}


VEHICLE_TYPES = aliases(
    VehicleType,
    {
        "car": "personbil",
        "light truck": "lätt lastbil",
        "latt lastbil": "lätt lastbil",
        "heavy truck": "tung lastbil",
        "bus": "buss",
        "machine": "arbetsmaskin",
    },
)
OWNERSHIPS = aliases(Ownership, {"owned": "ägd", "agd": "ägd", "leased": "leasad", "hired": "hyrd"})
VEHICLE_ENERGIES = aliases(
    VehicleEnergy,
    {
        "petrol": "bensin",
        "electric": "el",
        "plug-in hybrid": "laddhybrid",
        "hybrid": "elhybrid",
        "biogas": "fordonsgas",
        "vehicle gas": "fordonsgas",
        "hydrogen": "vätgas",
        "vatgas": "vätgas",
    },
)
ACCESSES = aliases(
    ChargingAccess, {"internal": "intern", "visitors": "besökare", "public": "publik"}
)
BACKUP_ENERGIES = aliases(BackupEnergy, {"battery": "batteri", "hvo": "hvo100"})

VEHICLES = TableSpec(
    title="Fordon",
    columns=(
        Code(name="reg_no", required=True, max_length=10, example="ABC123"),
        NodeReference(name="node_code", required=True, example="1010"),
        Choice(name="vehicle_type", required=True, aliases=VEHICLE_TYPES, example="personbil"),
        Choice(name="ownership", required=True, aliases=OWNERSHIPS, example="leasad"),
        Choice(name="energy", required=True, aliases=VEHICLE_ENERGIES, example="el"),
        Boolean(name="hvo100_approved", example="nej"),
        Decimal(name="co2_g_per_km", unit="g/km", min=D(0), max=D(2000), example="0"),
        Date(name="in_service_from", required=True, example="2024-03-01"),
        Date(name="in_service_to"),
        Date(name="lease_end", example="2027-02-28"),
    ),
    key=("reg_no",),
)

CHARGING_POINTS = TableSpec(
    title="Laddplatser",
    columns=(
        Code(
            name="site_code",
            required=True,
            max_length=max_length(ChargingSite, "site_code"),
            example="P-HUS-A",
        ),
        NodeReference(name="node_code", required=True, example="1010"),
        Text(name="address", max_length=max_length(ChargingSite, "address"), example="Storgatan 1"),
        Decimal(name="points", required=True, min=D(0), max=D(100000), example="8"),
        Decimal(name="power_kw", unit="kW", min=D(0), max=D(1000), example="11"),
        Choice(name="access", required=True, aliases=ACCESSES, example="intern"),
        Decimal(name="parking_spaces", min=D(0), max=D(100000), example="40"),
        Decimal(name="parking_spaces_with_charging", min=D(0), max=D(100000), example="8"),
        Date(name="in_service_from", required=True, example="2023-05-01"),
        Date(name="in_service_to", optional_header=True),  # beyond the contract's columns
    ),
    key=("site_code",),
)

BACKUP_POWER = TableSpec(
    title="Reservkraft",
    columns=(
        Code(
            name="unit_code",
            required=True,
            max_length=max_length(BackupUnit, "unit_code"),
            example="RK-01",
        ),
        Code(name="site_code", max_length=max_length(BackupUnit, "site_code"), example="SJH"),
        NodeReference(name="node_code", required=True, example="1010"),
        Decimal(name="power_kw", required=True, unit="kW", min=D(0), max=D(100000), example="800"),
        Choice(name="energy", required=True, aliases=BACKUP_ENERGIES, example="hvo100"),
        Boolean(name="hvo100_approved", example="ja"),
        Decimal(name="tank_l", unit="l", min=D(0), max=D(10000000), example="5000"),
        Decimal(name="test_hours_per_year", unit="h", min=D(0), max=D(8784), example="12"),
        # beyond the contract's columns, and optional in a file: in service from–to (without
        # them a new unit counts from the day of the import) and a battery's energy and reserve
        Date(name="in_service_from", optional_header=True, example="2019-05-01"),
        Date(name="in_service_to", optional_header=True),
        Decimal(name="battery_kwh", unit="kWh", min=D(0), max=D(10000000), optional_header=True),
        Decimal(
            name="reserved_backup_kwh",
            unit="kWh",
            min=D(0),
            max=D(10000000),
            optional_header=True,
        ),
    ),
    key=("unit_code",),
)
