"""Row rules of green bonds and the projects' allocations: an ISIN with a wrong check digit is
refused, and so is an allocation that takes a bond's projects above its amount (the file's rows
with those stored but not in the file, or a bond's amount lowered below its projects)."""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext_noop

from nettonoll.calc.problems import Problem, register
from nettonoll.common.tablespec import Line, quoted
from nettonoll.finance.models import GreenBond, GreenBondProject

PROBLEMS = register(
    {
        "finance_isin_invalid": gettext_noop(
            "ISIN-koden %(value)s stämmer inte: två bokstäver för landet, nio bokstäver eller "
            "siffror och en kontrollsiffra som ska vara %(digit)s"
        ),
        "finance_isin_shape": gettext_noop(
            "ISIN-koden %(value)s har inte formen två bokstäver, nio bokstäver eller siffror "
            "och en kontrollsiffra (12 tecken)"
        ),
        "finance_isin_repeated": gettext_noop("ISIN-koden %(isin)s finns redan på rad %(line)d"),
        "finance_holding_code_repeated": gettext_noop(
            "innehavskoden %(holding_code)s finns redan på rad %(line)d"
        ),
        "finance_allocated_above_amount": gettext_noop(
            "projekten i %(isin)s skulle få %(allocated)s kr, mer än obligationens belopp "
            "%(amount)s kr"
        ),
        "finance_amount_below_allocated": gettext_noop(
            "beloppet %(amount)s kr är mindre än de %(allocated)s kr som redan är allokerade "
            "till obligationens projekt"
        ),
        "finance_matures_before_issue": gettext_noop(
            "förfallodagen %(to)s ligger före emissionsdagen %(from)s"
        ),
        "finance_held_to_before_from": gettext_noop(
            "innehav till %(to)s ligger före innehav från %(from)s"
        ),
    }
)


def _kr(value: Decimal) -> str:
    return formats.number_format(int(value), use_l10n=True, force_grouping=True)


def bond_checks(row: Line, fields: Mapping[str, Any]) -> Iterator[Problem]:
    isin, amount = row["isin"], row["amount_sek"]
    if isin is not None and amount is not None:
        # an ISIN names one bond of one issuer: its stored projects, whichever organisation
        # registered it (the row rule is not told the organisation)
        stored = GreenBondProject.objects.filter(bond__isin=isin)
        allocated = stored.aggregate(s=Sum("allocated_sek"))["s"]
        if allocated is not None and amount < allocated:
            params = {"amount": _kr(amount), "allocated": _kr(allocated)}
            yield Problem("finance_amount_below_allocated", params, row.line, "amount_sek")
    start, end = row["issued_on"], row["matures_on"]
    if start is not None and end is not None and end < start:
        params = {"to": end.isoformat(), "from": start.isoformat()}
        yield Problem("finance_matures_before_issue", params, row.line, "matures_on")


def holding_checks(row: Line, fields: Mapping[str, Any]) -> Iterator[Problem]:
    start, end = row["held_from"], row["held_to"]
    if start is not None and end is not None and end < start:
        params = {"to": end.isoformat(), "from": start.isoformat()}
        yield Problem("finance_held_to_before_from", params, row.line, "held_to")


def allocation_checks(rows: list[Line]) -> Iterator[Problem]:
    """A bond's projects (the file's, and those stored whose code the file does not have) may
    not be allocated more than the bond's amount; the problem is on the bond's last row."""
    in_file: dict[int, dict[str, Decimal]] = defaultdict(dict)
    last: dict[int, Line] = {}
    bonds: dict[int, GreenBond] = {}
    for row in rows:
        bond = row["isin"]
        if bond is None or row["allocated_sek"] is None:
            continue
        in_file[bond.pk][row["project_code"]] = row["allocated_sek"]
        last[bond.pk] = row
        bonds[bond.pk] = bond
    stored = GreenBondProject.objects.filter(bond_id__in=list(bonds)).values_list(
        "bond_id", "project_code", "allocated_sek"
    )
    totals = {pk: sum(codes.values(), Decimal(0)) for pk, codes in in_file.items()}
    for bond_id, code, allocated in stored:
        if code not in in_file[bond_id]:
            totals[bond_id] += allocated
    for pk, total in totals.items():
        bond = bonds[pk]
        if total > bond.amount_sek:
            params = {
                "isin": quoted(bond.isin),
                "allocated": _kr(total),
                "amount": _kr(bond.amount_sek),
            }
            yield Problem("finance_allocated_above_amount", params, last[pk].line, "allocated_sek")
