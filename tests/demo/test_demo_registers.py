"""The demo registers: vehicles, charging sites and backup power in each demo region, fictitious
and valid, loaded once; the fuel cards name the vehicles; the fleet indicator is computed."""

import datetime
import io
import re
from decimal import Decimal

import polars as pl
import pytest

from nettonoll.calc.inventory import read_mapped
from nettonoll.demo.emissions import DEMO_ACTIVITIES, YEARS, demo_csv
from nettonoll.demo.loader import PEOPLE, demo_load
from nettonoll.demo.registers import demo_unregistered, demo_vehicles
from nettonoll.emissions.models import ActivityAggregate
from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Node, RoleGrant
from nettonoll.organisations.records import in_subtree, valid_on
from nettonoll.registers.models import (
    BackupUnit,
    ChargingSite,
    FlexParticipation,
    FuelDelivery,
    Vehicle,
)

pytestmark = pytest.mark.django_db

REGIONS = ("RJH", "RV", "RST")
REG_NO = re.compile(r"^[A-HJ-PR-UW-Z]{3}[0-9]{2}[0-9A-HJ-NPR-UW-Z]$")  # no O last
FOSSIL_FREE = {"el", "laddhybrid", "fordonsgas", "e85", "ed95", "vätgas"}


def test_each_demo_region_has_vehicles_charging_sites_and_backup_units(demo: None) -> None:
    for code in REGIONS:
        vehicles = Vehicle.objects.filter(organisation__code=code)
        assert 40 <= vehicles.count() <= 120, code
        assert vehicles.values("node").distinct().count() >= 4, code
        assert {"personbil", "lätt lastbil", "arbetsmaskin"} <= set(
            vehicles.values_list("vehicle_type", flat=True)
        )
        assert {"el", "diesel", "bensin"} <= set(vehicles.values_list("energy", flat=True))
        assert vehicles.filter(energy="diesel", hvo100_approved=True).exists()
        assert vehicles.exclude(valid_to=None).exists()  # some left service in past years
        assert ChargingSite.objects.filter(organisation__code=code).count() >= 5
        units = BackupUnit.objects.filter(organisation__code=code)
        assert units.filter(energy="batteri").exists() and units.filter(energy="diesel").exists()
        assert FuelDelivery.objects.filter(unit__organisation__code=code).exists()
    every = Vehicle.objects.filter(organisation__code__in=REGIONS)
    assert set(every.values_list("energy", flat=True)) >= {
        "el",
        "laddhybrid",
        "elhybrid",
        "diesel",
        "bensin",
        "fordonsgas",
        "e85",
    }
    assert every.filter(vehicle_type="tung lastbil").exists()
    assert set(every.values_list("ownership", flat=True)) == {"ägd", "leasad", "hyrd"}
    lease_ends = {d.year for d in every.exclude(lease_end=None).values_list("lease_end", flat=True)}
    assert min(lease_ends) == 2025 and max(lease_ends) >= 2030
    starts = {d.year for d in every.values_list("valid_from", flat=True)}
    assert set(range(2018, 2027)) <= starts


def test_the_demo_registers_are_written_by_the_system_with_history(demo: None) -> None:
    vehicle = Vehicle.objects.filter(organisation__code="RJH").first()
    assert vehicle is not None
    history = list(vehicle.history.all())  # type: ignore[attr-defined]
    assert len(history) == 1 and history[0].history_user is None
    assert BackupUnit.history.count() == BackupUnit.objects.count()  # type: ignore[attr-defined]


def test_loading_the_demo_twice_changes_no_register(demo: None) -> None:
    models = (Vehicle, ChargingSite, BackupUnit, FuelDelivery, FlexParticipation)

    def snapshot() -> list[tuple[int, int]]:
        return [(m.objects.count(), m.history.count()) for m in models]  # type: ignore[attr-defined]

    before = snapshot()
    demo_load()
    assert snapshot() == before
    rows = {v.reg_no for v in demo_vehicles("RJH")}
    assert (
        set(Vehicle.objects.filter(organisation__code="RJH").values_list("reg_no", flat=True))
        == rows
    )


def test_every_registration_number_is_valid_and_unique_in_its_organisation(demo: None) -> None:
    for code in REGIONS:
        numbers = list(
            Vehicle.objects.filter(organisation__code=code).values_list("reg_no", flat=True)
        )
        assert numbers and all(REG_NO.match(n) for n in numbers), numbers
        assert len(set(numbers)) == len(numbers)
        assert any(n[-1].isalpha() for n in numbers) and any(n[-1].isdigit() for n in numbers)


def test_hvo100_approval_is_only_on_diesels(demo: None) -> None:
    assert not Vehicle.objects.filter(hvo100_approved=True).exclude(energy="diesel").exists()
    assert not BackupUnit.objects.filter(energy="hvo100", hvo100_approved=False).exists()


def test_every_battery_keeps_its_backup_reserve_in_the_flexibility_market(demo: None) -> None:
    markets = FlexParticipation.objects.filter(unit__organisation__code="RST")
    assert {"sthlmflex", "fcr-d"} <= set(
        markets.filter(unit__energy="batteri").values_list("market", flat=True)
    )
    batteries = FlexParticipation.objects.filter(unit__energy="batteri").select_related("unit")
    assert batteries.count() >= 3
    for flex in batteries:
        unit = flex.unit
        assert unit.battery_kwh is not None and unit.reserved_backup_kwh is not None
        free_kwh = unit.battery_kwh - unit.reserved_backup_kwh
        assert flex.contracted_kw * flex.duration_h <= free_kwh, flex
        # the contracts running on the day this one starts (or another starts within it)
        for day in [o.period_from for o in unit.flex.all()]:
            running = [
                o
                for o in unit.flex.all()
                if o.period_from <= day <= (o.period_to or datetime.date.max)
            ]
            assert sum(o.contracted_kw * o.duration_h for o in running) <= free_kwh, (flex, day)


def test_no_unit_is_offered_more_power_than_it_has_by_overlapping_contracts(demo: None) -> None:
    contracts = list(FlexParticipation.objects.select_related("unit"))
    assert contracts
    for flex in contracts:
        unit = flex.unit
        for day in [o.period_from for o in unit.flex.all()]:
            running = [
                o
                for o in unit.flex.all()
                if o.period_from <= day <= (o.period_to or datetime.date.max)
            ]
            assert sum(o.contracted_kw for o in running) <= unit.power_kw, (flex, day)


def _fossil_free_share(code: str, year: int) -> tuple[int, int]:
    in_service = Vehicle.objects.filter(
        valid_on(datetime.date(year, 12, 31)), organisation__code=code
    )
    capable = [
        v
        for v in in_service
        if v.energy in FOSSIL_FREE or (v.energy == "diesel" and v.hvo100_approved)
    ]
    return len(capable), in_service.count()


def test_the_fossil_free_share_changes_year_by_year(demo: None) -> None:
    for code in REGIONS:
        shares = [_fossil_free_share(code, year) for year in (2023, 2024, 2025)]
        counts = [capable for capable, _total in shares]
        assert len(set(counts)) == 3, (code, shares)
        fractions = [capable / total for capable, total in shares]
        assert fractions == sorted(fractions) and len(set(fractions)) == 3, (code, shares)


def test_the_demo_users_unit_has_vehicles(demo: None) -> None:
    units = {node for _u, _f, _l, _t, (org, node, _r), _s in PEOPLE if org == "RJH"}
    assert {"RS-SERV", "RS-SERV-KOST"} <= units
    kost = Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")
    service = Node.objects.get(organisation__code="RJH", code="RS-SERV")
    in_use = Vehicle.objects.filter(valid_on(), node=kost)
    assert in_use.count() >= 3
    assert Vehicle.objects.filter(in_subtree(service)).count() > in_use.count()
    assert RoleGrant.objects.filter(node=kost, user__username="medarbetare").exists()
    assert ChargingSite.objects.filter(node=kost).exists()


def test_the_fuel_card_rows_name_the_vehicles_and_a_few_numbers_not_in_the_register() -> None:
    for code in REGIONS:
        frame, _comma = read_mapped(demo_csv(code))
        fuel = frame.filter(pl.col("category").cast(pl.Utf8).str.starts_with("fuel."))
        named = set(fuel.get_column("reg_no").drop_nulls().to_list()) - {""}
        tanking = {
            v.reg_no
            for v in demo_vehicles(code)
            if v.energy == "diesel" and v.valid_from.year < 2024
        }
        assert tanking <= named, code
        unregistered = named - {v.reg_no for v in demo_vehicles(code)}
        assert unregistered and unregistered <= set(demo_unregistered(code)), code
        assert all(REG_NO.match(n) for n in named)
    petrol_cars = {v.reg_no for v in demo_vehicles("RJH") if v.energy in ("bensin", "e85")}
    rows = pl.read_csv(io.BytesIO(demo_csv("RJH")), separator=";", infer_schema=False)
    assert petrol_cars & set(rows.filter(pl.col("category") == "fuel.petrol")["reg_no"].to_list())


def test_the_fuel_card_split_keeps_the_klimatbokslut_quantities(demo: None) -> None:
    """Each quarter's fuel is split by registration number into parts that add up exactly to the
    quarter's quantity as it was before the split; nothing else in the file changes."""
    for code, activities in DEMO_ACTIVITIES.items():
        rows = pl.read_csv(io.BytesIO(demo_csv(code)), separator=";", infer_schema=False)
        for unit_code, category, _unit, base, change in activities:
            for index, year in enumerate(YEARS):
                yearly = (
                    base
                    * (1 + change) ** index
                    * (0.55 if year == 2020 and "travel" in category else 1)
                )
                for quarter in (1, 4):
                    parts = rows.filter(
                        (pl.col("org_unit") == unit_code)
                        & (pl.col("category") == category)
                        & (pl.col("period") == f"{year}-{quarter * 3:02d}")
                    )["quantity"].to_list()
                    assert sum(Decimal(q.replace(",", ".")) for q in parts) == Decimal(
                        f"{yearly / 4:.2f}"
                    ), (code, unit_code, category, year)
                    if category == "fuel.diesel":  # the depot's tank, vehicles, hired cars
                        assert len(parts) > 4
                    elif not category.startswith("fuel."):
                        assert len(parts) == 1
    diesel = ActivityAggregate.objects.get(
        batch__organisation__code="RJH",
        node__code="RS-SERV-FORD",
        category="fuel.diesel",
        year=2019,
    )
    assert diesel.quantity == pytest.approx(4 * 100_000.0) and diesel.rows > 4 * 10


def test_the_fleet_indicator_is_computed_from_the_vehicle_register(client_as) -> None:  # type: ignore[no-untyped-def]
    indicator = Indicator.objects.get(
        organisation__code="RJH", name="Andel fossilfria fordon i fordonsflottan"
    )
    assert indicator.metric_key == "fleet.fossil_free_capable_pct"
    assert not indicator.values.exists()  # nothing entered by hand
    page = client_as("reader").get(f"/org/RJH/indicators/{indicator.pk}/")
    assert page.status_code == 200
    if indicator.metric is None:  # the fleet's metric source is not installed on this branch
        assert "Källan finns inte längre; inga värden visas." in page.content.decode()
    capable, total = _fossil_free_share("RJH", 2019)
    assert round(100 * capable / total) == indicator.baseline_value


def test_the_demo_notice_says_the_registers_are_made_up(client_as, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IS_DEMO = True
    page = client_as("reader").get("/").content.decode()
    assert "registreringsnummer" in page and "påhittat" in page
    assert "byggnader och energiavläsningar" in page and "upphandlingar" in page
