"""The buildings register and its energy readings as declarations (`registers.declare`)."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from nettonoll.calc.problems import Problem, register
from nettonoll.common.tablespec import Line, month_text, quoted
from nettonoll.estate import specs
from nettonoll.estate.models import Building, EnergyReading
from nettonoll.registers.children import ChildTable
from nettonoll.registers.declarations import Register, date_cell, number_cell


def building_row(b: Building) -> list[object]:
    return [
        b.building_code,
        b.name,
        b.node.code,
        b.municipality,
        b.locality,
        number_cell(b.atemp_m2),
        b.year_built or "",
        b.ownership,
        date_cell(b.valid_from),
        date_cell(b.valid_to),
    ]


def reading_row(r: EnergyReading) -> list[object]:
    return [
        r.building.building_code,
        month_text(r.month),
        r.carrier,
        number_cell(r.kwh),
        number_cell(r.temperature_dependent_share),
    ]


PROBLEMS = register(
    {
        "energy_month_in_future": gettext_noop(
            "månaden %(value)s har inte börjat än (avläsningar får gälla till och med %(last)s)"
        ),
    }
)


def reading_checks(row: Line, fields: Mapping[str, Any]) -> Iterable[Problem]:
    """A reading for a month that has not begun is refused; a month outside the building's care
    period is fine (a building sold in June has its spring readings)."""
    month = row["month"]
    this_month = datetime.date.today().replace(day=1)
    if month is not None and month > this_month:
        params = {"value": quoted(month_text(month)), "last": month_text(this_month)}
        yield Problem("energy_month_in_future", params, row.line, "month")


def building_links(b: Building) -> list[tuple[str, Any]]:
    code = b.organisation.code
    return [
        (reverse("estate:shares", args=[code, b.pk]), _("Ytandelar")),
        (reverse("estate:building_energy", args=[code, b.pk]), _("Energi")),
    ]


def reading_import_links(organisation: Any) -> list[tuple[str, Any]]:
    return [
        (
            reverse("estate:supplier_import", args=[organisation.code]),
            _("Importera en energileverantörs fil med en kolumnmall"),
        ),
        (
            reverse("estate:supplier_templates", args=[organisation.code]),
            _("Kolumnmallar för leverantörsfiler"),
        ),
    ]


def _buildings(n: int) -> str:
    return ngettext("%(n)d byggnad", "%(n)d byggnader", n) % {"n": n}


BUILDINGS = Register(
    key="buildings",
    slug="byggnader",
    model=Building,
    label=_("byggnad"),
    label_plural=_("Byggnader"),
    code_field="building_code",
    spec=specs.BUILDINGS,
    row=building_row,
    list_fields=("building_code", "name", "node", "municipality", "atemp_m2", "ownership"),
    filters=("ownership",),
    form_fields=(
        "building_code",
        "name",
        "node",
        "municipality",
        "locality",
        "atemp_m2",
        "year_built",
        "ownership",
        "valid_from",
        "valid_to",
    ),
    new_label=_("Ny byggnad"),
    word=_("byggnader"),
    count_label=_buildings,
    column_labels={"atemp_m2": _("Atemp m²")},
    links=building_links,
)

ENERGY_READINGS = ChildTable(
    key="energy-readings",
    slug="energiavlasningar",
    model=EnergyReading,
    label_plural=_("Energiavläsningar"),
    word=_("energiavläsningar"),
    parent="buildings",
    parent_column="building_code",
    parent_field="building",
    spec=specs.ENERGY_READINGS,
    row=reading_row,
    checks=reading_checks,
    import_links=reading_import_links,
)

__all__: list[Any] = ["BUILDINGS", "ENERGY_READINGS"]
