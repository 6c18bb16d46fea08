"""Reuse, circular systems, delivery sites and their monthly deliveries as declarations
(`registers.declare`)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nettonoll.circular import specs
from nettonoll.circular.imports import deliveries_import, reuse_checks
from nettonoll.circular.models import CircularSystem, DeliveryMonth, DeliverySite, ReuseTransfer
from nettonoll.common.tablespec import month_text
from nettonoll.organisations.models import Node
from nettonoll.registers.children import ChildTable
from nettonoll.registers.declarations import Register, date_cell, number_cell


def reuse_row(r: ReuseTransfer) -> list[object]:
    return [
        r.reuse_code,
        r.item_type,
        r.count,
        r.node.code,
        r.to_node.code,
        date_cell(r.valid_from),
    ]


def system_row(s: CircularSystem) -> list[object]:
    return [
        s.system_code,
        s.name,
        s.node.code,
        s.products,
        number_cell(s.volume),
        s.volume_unit,
        date_cell(s.valid_from),
        date_cell(s.valid_to),
    ]


def site_row(s: DeliverySite) -> list[object]:
    return [s.site_code, s.name, s.node.code, date_cell(s.valid_from), date_cell(s.valid_to)]


def delivery_row(m: DeliveryMonth) -> list[object]:
    return [
        m.site.site_code,
        m.site.node.code,
        month_text(m.month),
        m.deliveries,
        m.coloaded_deliveries,
        number_cell(m.vehicle_km),
    ]


def _nodes(organisation: Any) -> dict[str, dict[str, Any]]:
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    return {"from_node_code": nodes, "to_node_code": nodes}


def _transfers(n: int) -> str:
    return ngettext("%(n)d återbruk", "%(n)d återbruk", n) % {"n": n}


REUSE = Register(
    key="reuse",
    slug="aterbruk",
    model=ReuseTransfer,
    label=_("återbruk"),
    label_plural=_("Återbruk"),
    code_field="reuse_code",
    spec=specs.REUSE,
    row=reuse_row,
    list_fields=("reuse_code", "valid_from", "item_type", "count", "node", "to_node"),
    filters=(),
    form_fields=("reuse_code", "item_type", "count", "node", "to_node", "valid_from"),
    new_label=_("Nytt återbruk"),
    column_labels={"node": _("Från enhet"), "to_node": _("Till enhet")},
    references=_nodes,
    node_column="from_node_code",
    field_of={"from_node_code": "node", "to_node_code": "to_node", "transferred_on": "valid_from"},
    checks=reuse_checks,
    repeated="circular_reuse_code_repeated",
    word=_("återbruk"),
    count_label=_transfers,
    list_on_day=False,
    endable=False,
    overview="circular:reuse",
)

CIRCULAR_SYSTEMS = Register(
    key="circular-systems",
    slug="cirkulara-system",
    model=CircularSystem,
    label=_("cirkulärt system"),
    label_plural=_("Cirkulära system"),
    code_field="system_code",
    spec=specs.CIRCULAR_SYSTEMS,
    row=system_row,
    list_fields=("system_code", "name", "node", "products", "volume", "volume_unit"),
    filters=(),
    form_fields=(
        "system_code",
        "name",
        "node",
        "products",
        "volume",
        "volume_unit",
        "valid_from",
        "valid_to",
    ),
    new_label=_("Nytt cirkulärt system"),
    column_labels={"volume_unit": _("Enhet")},
    repeated="circular_system_code_repeated",
    word=_("cirkulära system"),
    overview="circular:reuse",
)

DELIVERY_SITES = Register(
    key="delivery-sites",
    slug="leveransplatser",
    model=DeliverySite,
    label=_("leveransplats"),
    label_plural=_("Leveransplatser"),
    code_field="site_code",
    spec=specs.DELIVERY_SITES,
    row=site_row,
    list_fields=("site_code", "name", "node", "valid_from"),
    filters=(),
    form_fields=("site_code", "name", "node", "valid_from", "valid_to"),
    new_label=_("Ny leveransplats"),
    repeated="circular_site_code_repeated",
    word=_("leveransplatser"),
    overview="circular:coloading",
)

DELIVERIES = ChildTable(
    key="deliveries",
    slug="leveranser",
    model=DeliveryMonth,
    label_plural=_("Leveranser"),
    word=_("leveransmånader"),
    parent="delivery-sites",
    parent_column="site_code",
    parent_field="site",
    spec=specs.DELIVERIES,
    row=delivery_row,
    importer=deliveries_import,
)
