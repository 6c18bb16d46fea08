"""Row rules of reuse, and the deliveries' import (a child table of the delivery sites whose
file names each site's unit: a site not yet in the register is added with that unit, a site
already there must have it). All or nothing: every row is checked before the transaction."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop

from nettonoll.accounts.models import User
from nettonoll.calc.problems import Problem, Rejected, register
from nettonoll.circular.models import DeliveryMonth, DeliverySite
from nettonoll.common.tablespec import ImportResult, Line, quoted
from nettonoll.organisations.models import Node, Organisation
from nettonoll.registers.children import ChildTable
from nettonoll.registers.imports import stored_value

PROBLEMS = register(
    {
        "circular_coloaded_above_deliveries": gettext_noop(
            "%(coloaded)s samlastade leveranser är fler än leveranserna (%(deliveries)s)"
        ),
        "circular_site_other_node": gettext_noop(
            "leveransplatsen %(site)s hör till enheten %(node)s; skriv den enhetens kod, eller "
            "byt enhet på leveransplatsens sida först"
        ),
        "circular_site_two_nodes": gettext_noop(
            "leveransplatsen %(site)s har enheten %(node)s på rad %(line)d"
        ),
        "circular_site_node_ended": gettext_noop(
            "enheten %(code)s är avvecklad; en ny leveransplats kan inte läggas på den"
        ),
        "circular_reuse_code_repeated": gettext_noop(
            "återbrukskoden %(reuse_code)s finns redan på rad %(line)d"
        ),
        "circular_system_code_repeated": gettext_noop(
            "systemkoden %(system_code)s finns redan på rad %(line)d"
        ),
        "circular_site_code_repeated": gettext_noop(
            "leveransplatsen %(site_code)s finns redan på rad %(line)d"
        ),
        "circular_not_whole": gettext_noop("värdet %(value)s ska vara ett heltal"),
        "circular_to_node_ended": gettext_noop(
            "den mottagande enheten %(code)s var avvecklad den %(day)s"
        ),
    }
)
WHOLE = ("deliveries", "coloaded_deliveries")


def reuse_checks(row: Line, fields: Mapping[str, Any]) -> Iterator[Problem]:
    """A transfer to a unit that had ended by the day of the transfer is refused."""
    node, day = row["to_node_code"], row["transferred_on"]
    if node is not None and day is not None and node.valid_to is not None and node.valid_to <= day:
        params = {"code": quoted(node.code), "day": node.valid_to.isoformat()}
        yield Problem("circular_to_node_ended", params, row.line, "to_node_code")


def delivery_checks(row: Line) -> Iterator[Problem]:
    for column in WHOLE:
        value = row[column]
        if value is not None and value != int(value):
            yield Problem(
                "circular_not_whole", {"value": quoted(row.raw[column])}, row.line, column
            )
    deliveries, coloaded = row["deliveries"], row["coloaded_deliveries"]
    if deliveries is not None and coloaded is not None and coloaded > deliveries:
        params = {"coloaded": row.raw["coloaded_deliveries"], "deliveries": row.raw["deliveries"]}
        yield Problem("circular_coloaded_above_deliveries", params, row.line, "coloaded_deliveries")


def _site_problems(
    rows: list[Line], sites: dict[str, DeliverySite]
) -> tuple[list[Problem], dict[str, Node]]:
    """Each row's site against its unit; the sites to add with their unit."""
    problems: list[Problem] = []
    new: dict[str, tuple[Node, int]] = {}
    for row in rows:
        code, node = row["site_code"], row["node_code"]
        if code is None or node is None:
            continue
        site = sites.get(code)
        if site is not None:
            if site.node_id != node.pk:
                params = {
                    "site": quoted(code),
                    "node": f"{quoted(site.node.code)} ({site.node.name})",
                }
                problems.append(Problem("circular_site_other_node", params, row.line, "node_code"))
            continue
        seen = new.get(code)
        if seen is None:
            new[code] = (node, row.line)
            if not node.is_active:
                params = {"code": quoted(node.code)}
                problems.append(Problem("circular_site_node_ended", params, row.line, "node_code"))
        elif seen[0].pk != node.pk:
            two = {"site": quoted(code), "node": quoted(seen[0].code), "line": seen[1]}
            problems.append(Problem("circular_site_two_nodes", two, row.line, "node_code"))
    return problems, {code: node for code, (node, _line) in new.items()}


def deliveries_import(
    table: ChildTable, organisation: Organisation, data: bytes, filename: str, by: User | None
) -> ImportResult:
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    parsed = table.spec.read(data, filename, refs={"node_code": nodes})
    for row in parsed.rows:
        parsed.problems += delivery_checks(row)
    sites = {
        s.site_code: s
        for s in DeliverySite.objects.filter(organisation=organisation).select_related("node")
    }
    problems, new_sites = _site_problems(parsed.rows, sites)
    parsed.problems += problems
    parsed.reject()
    try:
        with transaction.atomic():
            return _write(organisation, parsed.rows, sites, new_sites, by)
    except IntegrityError as error:
        raise Rejected([Problem("register_changed")]) from error


def _write(
    organisation: Organisation,
    rows: list[Line],
    sites: dict[str, DeliverySite],
    new_sites: dict[str, Node],
    by: User | None,
) -> ImportResult:
    for code, node in sorted(new_sites.items()):
        site = DeliverySite(
            organisation=organisation,
            site_code=code,
            node=node,
            valid_from=datetime.date(2000, 1, 1),
        )
        site._history_user = by  # type: ignore[attr-defined]
        site.save()
        sites[code] = site
    fields = {f: DeliveryMonth._meta.get_field(f) for f in (*WHOLE, "vehicle_km")}
    existing = {
        (m.site_id, m.month): m
        for m in DeliveryMonth.objects.filter(site__organisation=organisation)
    }
    new: list[DeliveryMonth] = []
    changed: list[DeliveryMonth] = []
    unchanged = 0
    for row in rows:
        site = sites[row["site_code"]]
        values = {name: stored_value(f, row[name]) for name, f in fields.items()}  # type: ignore[arg-type]
        stored = existing.get((site.pk, row["month"]))
        if stored is None:
            new.append(DeliveryMonth(site=site, month=row["month"], **values))
        elif all(getattr(stored, n) == v for n, v in values.items()):
            unchanged += 1
        else:
            for name, value in values.items():
                setattr(stored, name, value)
            changed.append(stored)
    DeliveryMonth.objects.bulk_create(new, batch_size=1000)
    DeliveryMonth.objects.bulk_update(changed, list(fields), batch_size=1000)
    return ImportResult(len(new), len(changed), unchanged)
