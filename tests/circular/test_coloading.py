"""Deliveries per site and month, of which co-loaded: imported all or nothing with the site's
unit (a new site is added with it), and the co-loading share over the year's months (issue 12)."""

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.circular import metrics, selectors
from nettonoll.circular.models import CircularSystem, DeliveryMonth, DeliverySite
from nettonoll.organisations.models import Node
from nettonoll.registers.tables import table_rows
from tests.circular.conftest import load

pytestmark = pytest.mark.django_db

DELIVERIES = """site_code,node_code,month,deliveries,coloaded_deliveries,vehicle_km
GODS-1,E1,2024-01,100,30,1200
GODS-1,E1,2024-02,300,90,2500
GODS-2,G,2024-01,0,0,
GODS-2,G,2023-12,50,50,400
"""


def test_deliveries_add_their_sites_and_update_by_site_and_month(root: Node) -> None:
    assert load("deliveries", root, DELIVERIES).created == 4  # type: ignore[attr-defined]
    site = DeliverySite.objects.get(organisation=root.organisation, site_code="GODS-1")
    assert site.node.code == "E1"
    assert site.history.count() == 1
    again = load("deliveries", root, DELIVERIES.replace("100,30", "100,40"))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 3)  # type: ignore[attr-defined]
    assert DeliverySite.objects.filter(organisation=root.organisation).count() == 2
    rows = table_rows("deliveries", root.organisation)
    assert rows[0] == ["GODS-1", "E1", "2024-01", 100, 40, "1200"]


def test_coloading_share_over_the_years_months(root: Node) -> None:
    load("deliveries", root, DELIVERIES)
    # 2024: (30 + 90 + 0) ÷ (100 + 300 + 0) = 30 %; 2023: 50 ÷ 50 = 100 %
    assert metrics.coloading_share_pct(root) == {2023: 100.0, 2024: 30.0}
    assert metrics.coloading_share_pct(
        Node.objects.get(organisation=root.organisation, code="G")
    ) == {2023: 100.0}
    # a year whose months have no deliveries has no share (not 0 %)
    load("deliveries", root, DELIVERIES + "GODS-2,G,2022-05,0,0,\n")
    assert 2022 not in metrics.coloading_share_pct(root)
    months = selectors.delivery_months(root, 2024)
    assert [(m.site_code, m.share_pct) for m in months][:2] == [("GODS-1", 30), ("GODS-2", None)]


def test_an_empty_register_has_no_share(root: Node) -> None:
    assert metrics.coloading_share_pct(root) == {}


def test_a_bad_deliveries_file_is_refused_whole_with_line_and_column(root: Node) -> None:
    bad = (
        DELIVERIES
        + "GODS-1,E1,2024-03,10,11,5\n"  # more co-loaded than deliveries
        + "GODS-1,E2,2024-04,10,1,5\n"  # the site's other unit in the same file
        + "GODS-3,X9,2024-13,1.5,0,-1\n"
    )
    with pytest.raises(Rejected) as refused:
        load("deliveries", root, bad)
    found = {(p.code, p.line, p.column) for p in refused.value.problems}
    assert ("circular_coloaded_above_deliveries", 6, "coloaded_deliveries") in found
    assert ("circular_site_two_nodes", 7, "node_code") in found
    where = {(line, column) for _code, line, column in found}
    assert {(8, "node_code"), (8, "month"), (8, "deliveries"), (8, "vehicle_km")} <= where
    assert DeliveryMonth.objects.filter(site__organisation=root.organisation).count() == 0
    assert DeliverySite.objects.filter(organisation=root.organisation).count() == 0


def test_a_known_site_must_keep_its_unit(root: Node) -> None:
    load("deliveries", root, DELIVERIES)
    with pytest.raises(Rejected) as refused:
        load("deliveries", root, DELIVERIES.replace("GODS-2,G,2024-01", "GODS-2,E2,2024-01"))
    assert [(p.code, p.line, p.column) for p in refused.value.problems] == [
        ("circular_site_other_node", 4, "node_code")
    ]


def test_circular_systems_are_a_register_of_their_own(root: Node) -> None:
    text = (
        "system_code;name;node_code;products;volume;volume_unit;in_service_from;in_service_to\n"
        "RP;Returpall;E1;Helpall av plast;1 200;st;2023-01-01;\n"
    )
    assert load("circular-systems", root, text).created == 1  # type: ignore[attr-defined]
    system = CircularSystem.objects.get(organisation=root.organisation)
    assert (system.name, system.volume, system.volume_unit) == ("Returpall", 1200, "st")
