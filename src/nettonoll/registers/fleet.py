"""Reads for the vehicle fleet: a node's subtree of vehicles as calculation facts, and its figures
per year, path to 2030 and clean-vehicle follow-up (the calculations are in `calc.fleet`)."""

import datetime

from nettonoll.calc import clean_vehicles, fleet
from nettonoll.organisations.models import Node
from nettonoll.organisations.records import in_subtree
from nettonoll.registers.models import Vehicle


def vehicle_facts(node: Node) -> list[fleet.VehicleFacts]:
    """Every vehicle of the node's subtree, whenever in service."""
    rows = (
        Vehicle.objects.filter(in_subtree(node))
        .order_by("reg_no")
        .values_list(
            "reg_no",
            "vehicle_type",
            "ownership",
            "energy",
            "hvo100_approved",
            "valid_from",
            "valid_to",
            "lease_end",
            "co2_g_per_km",
            "node__name",
            "pk",
        )
    )
    return [
        fleet.VehicleFacts(
            reg_no=reg_no,
            vehicle_type=kind,
            ownership=ownership,
            energy=energy,
            hvo100_approved=hvo,
            in_service_from=start,
            in_service_to=end,
            lease_end=lease_end,
            co2_g_per_km=float(co2) if co2 is not None else None,
            unit=unit,
            pk=pk,
        )
        for reg_no, kind, ownership, energy, hvo, start, end, lease_end, co2, unit, pk in rows
    ]


def fleet_figures(
    node: Node, last_year: int | None = None, vehicles: list[fleet.VehicleFacts] | None = None
) -> list[fleet.FleetShares]:
    """The fleet on 31 December of each year from the first in-service year to `last_year` (the
    current year when not given); empty when the subtree has no vehicles."""
    last_year = last_year or datetime.date.today().year
    facts = vehicle_facts(node) if vehicles is None else vehicles
    return fleet.shares_by_year(
        [v for v in facts if v.in_service_from.year <= last_year], last_year
    )


def fleet_path(
    node: Node,
    today: datetime.date | None = None,
    replacement_age_years: int = fleet.DEFAULT_REPLACEMENT_AGE_YEARS,
    vehicles: list[fleet.VehicleFacts] | None = None,
) -> fleet.PathTo2030:
    facts = vehicle_facts(node) if vehicles is None else vehicles
    return fleet.path_to_2030(
        facts, today or datetime.date.today(), replacement_age_years=replacement_age_years
    )


def clean_vehicle_follow_up(
    node: Node,
    start: datetime.date,
    end: datetime.date,
    vehicles: list[fleet.VehicleFacts] | None = None,
) -> list[clean_vehicles.CleanVehicleClass]:
    facts = vehicle_facts(node) if vehicles is None else vehicles
    return clean_vehicles.clean_vehicle_follow_up(facts, start, end)
