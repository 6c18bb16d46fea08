"""Metric sources of charging points and backup power (and the fleet's actual renewable energy
share, registers.fuel_use): node → {year: value} for the node's subtree, the state on
31 December (docs/methods/registers.md). A year whose share has nothing to divide by is left out,
so that it reads as "–", never as 0."""

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from nettonoll.calc import site_metrics as calc
from nettonoll.common.metrics import Metric
from nettonoll.organisations.models import Node
from nettonoll.organisations.records import in_subtree
from nettonoll.registers.metric_years import register_metric_by_year
from nettonoll.registers.models import (
    BackupUnit,
    ChargingSite,
    FlexParticipation,
    FuelDelivery,
    Vehicle,
    VehicleEnergy,
)

PLUG_IN = (VehicleEnergy.ELECTRIC, VehicleEnergy.PLUG_IN_HYBRID)
CHARGING_SOURCE = _(
    "Laddplatsregistret: laddplatser i drift den 31 december, enheten med underenheter."
)
BACKUP_SOURCE = _(
    "Reservkraftregistret: aggregat i drift den 31 december, enheten med underenheter."
)


def _today() -> datetime.date:
    return datetime.date.today()


def _last_year() -> int:
    return _today().year


def _org_years(model: Any, node: Node, field: str = "valid_from") -> range:
    """The years from the organisation's first record on: a count for a subtree without records
    in a year the register covers is 0, not missing."""
    first = (
        model.objects.filter(**{f"{_prefix(model)}node__organisation_id": node.organisation_id})
        .aggregate(first=Min(field))
        .get("first")
    )
    return calc.years_from([first] if first else [], _last_year())


def _prefix(model: Any) -> str:
    return "unit__" if model is FlexParticipation else ""


def _values(years: range, value: Callable[[int], float | int | None]) -> dict[int, float]:
    found = {}
    for year in years:
        result = value(year)
        if result is not None:
            found[year] = float(result)
    return found


def charging_sites(node: Node) -> list[calc.Site]:
    return [
        calc.Site(*row)
        for row in ChargingSite.objects.filter(in_subtree(node)).values_list(
            "valid_from", "valid_to", "points", "parking_spaces", "parking_spaces_with_charging"
        )
    ]


def backup_units(node: Node) -> list[calc.Unit]:
    rows = list(
        BackupUnit.objects.filter(in_subtree(node)).values_list(
            "pk", "valid_from", "valid_to", "power_kw", "energy", "hvo100_approved"
        )
    )
    deliveries: dict[int, list[tuple[datetime.date, Any]]] = {}
    for unit_id, day, pct in FuelDelivery.objects.filter(
        unit_id__in=[row[0] for row in rows]
    ).values_list("unit_id", "delivered_on", "renewable_pct"):
        deliveries.setdefault(unit_id, []).append((day, pct))
    return [calc.Unit(*row[1:], deliveries=tuple(deliveries.get(row[0], ()))) for row in rows]


def flex_periods(node: Node) -> list[calc.Flex]:
    return [
        calc.Flex(*row)
        for row in FlexParticipation.objects.filter(
            unit__node__organisation_id=node.organisation_id, unit__node__path__startswith=node.path
        ).values_list("period_from", "period_to", "contracted_kw", "revenue_sek")
    ]


def plug_in_vehicles(node: Node) -> list[tuple[datetime.date, datetime.date | None]]:
    return list(
        Vehicle.objects.filter(in_subtree(node), energy__in=PLUG_IN).values_list(
            "valid_from", "valid_to"
        )
    )


def points(node: Node) -> dict[int, float]:
    sites = charging_sites(node)
    return _values(_org_years(ChargingSite, node), lambda year: calc.points(sites, year))


def points_per_plug_in_vehicle(node: Node) -> dict[int, float]:
    sites, vehicles = charging_sites(node), plug_in_vehicles(node)
    starts = [s.valid_from for s in sites] + [start for start, _end in vehicles]
    years = calc.years_from(starts, _last_year())

    def value(year: int) -> float | None:
        on = calc.year_end(year)
        serving = sum(1 for start, end in vehicles if calc.in_service(start, end, on))
        return calc.ratio(calc.points(sites, year), serving)

    return _values(years, value)


def parking_share_pct(node: Node) -> dict[int, float]:
    sites = charging_sites(node)
    years = calc.years_from((s.valid_from for s in sites), _last_year())
    return _values(years, lambda year: calc.parking_share_pct(sites, year))


def backup_kw(node: Node) -> dict[int, float]:
    units = backup_units(node)
    return _values(_org_years(BackupUnit, node), lambda year: calc.backup_kw(units, year))


def renewable_or_battery_pct(node: Node) -> dict[int, float]:
    units = backup_units(node)
    years = calc.years_from((u.valid_from for u in units), _last_year())
    today = _today()
    return _values(
        years,
        lambda year: calc.renewable_or_battery_pct(units, year, calc.state_day(year, today)),
    )


def renewable_fuel_pct(node: Node) -> dict[int, float]:
    deliveries = list(
        FuelDelivery.objects.filter(
            unit__node__organisation_id=node.organisation_id, unit__node__path__startswith=node.path
        ).values_list("delivered_on", "volume_l", "renewable_pct")
    )
    years = sorted({day.year for day, _v, _p in deliveries})
    return _values(
        range(years[0], years[-1] + 1) if years else range(0),
        lambda year: calc.renewable_fuel_pct(deliveries, year),
    )


def _flex_years(node: Node) -> range:
    """From the organisation's first backup unit (or its first participation, if earlier) on:
    an organisation with backup units but no flexibility contracts offers 0 kW, not nothing."""
    units, periods = (
        _org_years(BackupUnit, node),
        _org_years(FlexParticipation, node, "period_from"),
    )
    starts = [r.start for r in (units, periods) if r]
    return calc.years_from(starts, _last_year())


def flexibility_kw(node: Node) -> dict[int, float]:
    periods = flex_periods(node)
    return _values(_flex_years(node), lambda year: calc.flexibility_kw(periods, year))


def flexibility_revenue_sek(node: Node) -> dict[int, float]:
    periods = flex_periods(node)
    years = _flex_years(node)
    return _values(years, lambda year: calc.flexibility_revenue_sek(periods, year))


def _metric(key: str, label: Any, unit: str, values: Any, source: Any) -> Metric:
    return Metric(key, label, unit, values, source)


def register() -> None:
    from nettonoll.registers import fuel_use

    for metric in (
        _metric("charging.points", _("Laddpunkter"), "st", points, CHARGING_SOURCE),
        _metric(
            "charging.points_per_plug_in_vehicle",
            _("Laddpunkter per laddbart fordon (el och laddhybrid)"),
            "st/fordon",
            points_per_plug_in_vehicle,
            _(
                "Laddpunkter i drift ÷ elbilar och laddhybrider i trafik den 31 december, "
                "enheten med underenheter."
            ),
        ),
        _metric(
            "charging.parking_share_pct",
            _("Andel parkeringsplatser med laddning"),
            "%",
            parking_share_pct,
            CHARGING_SOURCE,
        ),
        _metric("backup_power.kw", _("Reservkraft, effekt"), "kW", backup_kw, BACKUP_SOURCE),
        _metric(
            "backup_power.renewable_or_battery_pct",
            _("Andel reservkraft på förnybart bränsle eller batteri"),
            "%",
            renewable_or_battery_pct,
            _(
                "Effekt (kW) hos aggregat i drift den 31 december som går på HVO100 (med "
                "motorgodkännande), biogas eller batteri, eller som har motorns HVO100-godkännande "
                "och bara fått 100 % förnybara leveranser de senaste 12 månaderna (minst en; "
                "till den 31 december, för innevarande år till i dag) ÷ all reservkrafteffekt i "
                "drift den 31 december."
            ),
        ),
        _metric(
            "backup_power.renewable_fuel_pct",
            _("Andel förnybart i levererat reservkraftbränsle"),
            "%",
            renewable_fuel_pct,
            _("Förnybar volym ÷ levererad volym under året, enligt bränsleleveranserna."),
        ),
        _metric(
            "backup_power.flexibility_kw",
            _("Reservkraft i flexibilitetsmarknad"),
            "kW",
            flexibility_kw,
            _("Avtalad effekt i deltaganden vars period omfattar den 31 december."),
        ),
        _metric(
            "backup_power.flexibility_revenue_sek",
            _("Intäkt från flexibilitetsmarknad, avtal som börjar under året"),
            "kr",
            flexibility_revenue_sek,
            _(
                "Intäkt av deltaganden (avtal) vars period börjar under året, hela avtalets "
                "intäkt räknas det år det börjar."
            ),
        ),
        _metric(
            "fleet.renewable_energy_pct",
            _("Faktisk fossilfri andel (förnybar energi i drivmedel)"),
            "%",
            fuel_use.renewable_energy_pct,
            _(
                "Drivmedelskortens rader med registreringsnummer kopplade till fordonsregistret: "
                "förnybar energi ÷ all energi, med varje drivmedels förnybara andel för året."
            ),
        ),
    ):
        register_metric_by_year(metric)
