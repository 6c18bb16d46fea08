"""The buildings register and its energy readings as declarations (`registers.declare`)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nettonoll.common.tablespec import month_text
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
)

__all__: list[Any] = ["BUILDINGS", "ENERGY_READINGS"]
