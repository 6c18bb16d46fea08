"""The solar installations register and its monthly production as declarations
(`registers.declare`). An installation's node is its building's: the import takes it from the
`building_code` column, the form from the chosen building."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from nettonoll.calc.problems import Problem, register
from nettonoll.common.tablespec import Line, month_text
from nettonoll.estate.models import Building
from nettonoll.registers.children import ChildTable
from nettonoll.registers.declarations import Register, date_cell, number_cell
from nettonoll.solar import specs
from nettonoll.solar.models import SolarInstallation, SolarProduction

PROBLEMS = register(
    {
        "solar_exported_above_produced": gettext_noop(
            "såld el %(exported)s kWh är mer än den producerade %(produced)s kWh"
        ),
        "solar_month_ahead": gettext_noop(
            "månaden %(month)s har inte börjat än: produktion rapporteras för gångna månader"
        ),
        "solar_month_before_service": gettext_noop(
            "anläggningen %(code)s är i drift från %(start)s: ingen produktion månaden %(month)s"
        ),
        "solar_month_after_service": gettext_noop(
            "anläggningen %(code)s togs ur drift %(end)s: ingen produktion månaden %(month)s"
        ),
    }
)


def installation_row(i: SolarInstallation) -> list[object]:
    return [
        i.installation_code,
        i.building.building_code,
        number_cell(i.kwp),
        date_cell(i.valid_from),
        date_cell(i.valid_to),
    ]


def production_row(p: SolarProduction) -> list[object]:
    return [
        p.installation.installation_code,
        month_text(p.month),
        number_cell(p.produced_kwh),
        number_cell(p.exported_kwh),
    ]


def building_references(organisation: Any) -> Mapping[str, Mapping[str, Any]]:
    buildings = Building.objects.filter(organisation=organisation).select_related("node")
    return {"building_code": {b.building_code: b for b in buildings}}


def production_checks(row: Line, fields: Mapping[str, Any]) -> Iterator[Problem]:
    produced, exported = row["produced_kwh"], row["exported_kwh"]
    if produced is not None and exported is not None and exported > produced:
        params = {"exported": row.raw["exported_kwh"], "produced": row.raw["produced_kwh"]}
        yield Problem("solar_exported_above_produced", params, row.line, "exported_kwh")
    month, installation = row["month"], row["installation_code"]
    if month is None:
        return
    if month > datetime.date.today():  # the first day of a month not yet begun
        yield Problem("solar_month_ahead", {"month": month_text(month)}, row.line, "month")
    elif isinstance(installation, SolarInstallation):
        start, end = installation.valid_from, installation.valid_to
        params = {"code": installation.installation_code, "month": month_text(month)}
        if start is not None and month < start.replace(day=1):
            params["start"] = start.isoformat()
            yield Problem("solar_month_before_service", params, row.line, "month")
        elif end is not None and month >= end:  # `end`: the first day out of service
            params["end"] = end.isoformat()
            yield Problem("solar_month_after_service", params, row.line, "month")


def _installations(n: int) -> str:
    return ngettext("%(n)d solcellsanläggning", "%(n)d solcellsanläggningar", n) % {"n": n}


def _describe(i: SolarInstallation) -> str:
    """`SOL-1 48,5 kWp på B-101`"""
    kwp = format(i.kwp.normalize(), "f").replace(".", ",")
    return f"{i.installation_code} {kwp} kWp, {i.building}"


SOLAR = Register(
    key="solar",
    slug="solceller",
    model=SolarInstallation,
    label=_("solcellsanläggning"),
    label_plural=_("Solcellsanläggningar"),
    code_field="installation_code",
    spec=specs.INSTALLATIONS,
    row=installation_row,
    list_fields=("installation_code", "building", "node", "kwp", "valid_from", "valid_to"),
    filters=(),
    form_fields=("installation_code", "building", "kwp", "valid_from", "valid_to"),
    new_label=_("Ny solcellsanläggning"),
    word=_("solcellsanläggningar"),
    count_label=_installations,
    describe=_describe,
    references=building_references,
    node_column="building_code",
    node_of=lambda b: b.node,
    field_of={"building_code": "building"},
    column_labels={"kwp": _("kWp")},
    overview="solar:page",
)

PRODUCTION = ChildTable(
    key="solar-production",
    slug="solelproduktion",
    model=SolarProduction,
    label_plural=_("Solelproduktion"),
    word=_("månader med solelproduktion"),
    parent="solar",
    parent_column="installation_code",
    parent_field="installation",
    spec=specs.PRODUCTION,
    row=production_row,
    checks=production_checks,
)
