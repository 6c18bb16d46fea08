"""The procurement register and its requirements as declarations (`registers.declare`), with
the rules of a row beyond its cells."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from nettonoll.calc.problems import Problem, register
from nettonoll.common.tablespec import Line, quoted
from nettonoll.procurement import specs
from nettonoll.procurement.models import Procurement, Requirement, case_number
from nettonoll.registers.children import ChildTable
from nettonoll.registers.declarations import Register, date_cell, number_cell

PROBLEMS = register(
    {
        "procurement_contract_to_before_from": gettext_noop(
            "avtalet slutar %(to)s, före det börjar %(from)s"
        ),
        "procurement_code_repeated": gettext_noop(
            "diarienumret %(procurement_code)s finns redan på rad %(line)d"
        ),
        "requirement_result_without_date": gettext_noop(
            "resultatet %(result)s kräver ett datum i followed_up_on (när kravet följdes upp)"
        ),
        "requirement_followed_up_in_future": gettext_noop(
            "uppföljningen %(day)s ligger i framtiden; skriv datumet då den gjordes"
        ),
    }
)


def procurement_row(p: Procurement) -> list[object]:
    return [
        p.procurement_code,
        p.title,
        p.node.code,
        number_cell(p.value_sek),
        date_cell(p.decided_on),
        date_cell(p.valid_from),
        date_cell(p.valid_to),
    ]


def requirement_row(r: Requirement) -> list[object]:
    return [
        r.procurement.procurement_code,
        r.requirement_code,
        r.criterion_id,
        r.area,
        r.level,
        r.placement,
        date_cell(r.follow_up_planned_on),
        date_cell(r.followed_up_on),
        r.result,
        r.description,
        r.note,
    ]


def procurement_checks(row: Line, fields: Mapping[str, Any]) -> Iterator[Problem]:
    start, end = row["contract_from"], row["contract_to"]
    if "contract_to" in fields and start is not None and end is not None and end < start:
        params = {"to": end.isoformat(), "from": start.isoformat()}
        yield Problem("procurement_contract_to_before_from", params, row.line, "contract_to")


def requirement_checks(row: Line, fields: Mapping[str, Any]) -> Iterator[Problem]:
    done = row["followed_up_on"]
    if row["result"] and done is None and not row.raw["followed_up_on"]:
        params = {"result": quoted(row.raw["result"])}
        yield Problem("requirement_result_without_date", params, row.line, "result")
    if done is not None and done > datetime.date.today():
        params = {"day": done.isoformat()}
        yield Problem("requirement_followed_up_in_future", params, row.line, "followed_up_on")


def _procurements(n: int) -> str:
    return ngettext("%(n)d upphandling", "%(n)d upphandlingar", n) % {"n": n}


PROCUREMENTS = Register(
    key="procurements",
    slug="upphandlingar",
    model=Procurement,
    label=_("upphandling"),
    label_plural=_("Upphandlingar"),
    code_field="procurement_code",
    spec=specs.PROCUREMENTS,
    row=procurement_row,
    list_fields=("procurement_code", "title", "node", "value_sek", "decided_on", "valid_to"),
    filters=(),
    form_fields=(
        "procurement_code",
        "title",
        "node",
        "value_sek",
        "decided_on",
        "valid_from",
        "valid_to",
    ),
    code_checked=case_number,
    new_label=_("Ny upphandling"),
    checks=procurement_checks,
    repeated="procurement_code_repeated",
    field_of={"contract_from": "valid_from", "contract_to": "valid_to"},
    word=_("upphandlingar"),
    count_label=_procurements,
    column_labels={"value_sek": _("Värde (kr)"), "decided_on": _("Beslut")},
    list_on_day=False,
    endable=False,
    page=lambda p: reverse("procurement:detail", args=[p.organisation.code, p.pk]),
)

REQUIREMENTS = ChildTable(
    key="procurement-requirements",
    slug="upphandlingskrav",
    model=Requirement,
    label_plural=_("Upphandlingskrav"),
    word=_("upphandlingskrav"),
    parent="procurements",
    parent_column="procurement_code",
    parent_field="procurement",
    spec=specs.REQUIREMENTS,
    row=requirement_row,
    checks=requirement_checks,
)
