"""The fleet's figures from the vehicle register, against hand counts: vehicles that left service
during the year, HVO-approved diesel under both rule sets, plug-in hybrids, a node's subtree, a
year with no vehicles, the path to 2030 both ways, and the fleet page saying the same."""

import datetime
import re

import pytest
from django.test import Client

from nettonoll.common.metrics import metric_get
from nettonoll.organisations.models import Node, Role
from nettonoll.registers import fleet as selectors
from nettonoll.registers.fleet_views import verdict_text
from nettonoll.registers.models import Vehicle
from tests.factories import NodeFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def vehicle(node: Node, reg_no: str, energy: str, start: datetime.date, **fields: object) -> None:
    Vehicle.objects.create(
        organisation=node.organisation,
        node=node,
        reg_no=reg_no,
        vehicle_type=fields.pop("vehicle_type", "personbil"),
        ownership=fields.pop("ownership", "ägd"),
        energy=energy,
        valid_from=start,
        **fields,
    )


@pytest.fixture
def world() -> dict[str, Node]:
    """Region R with department A (and its unit A1), department B and unit C.

    ABC101 A1 el 2022-03-01; ABC102 A1 laddhybrid 2022-01-01; ABC103 A diesel+HVO 2021-06-01;
    ABC104 A diesel 2021-06-01 – 2023-08-31; ABC105 B elhybrid 2023-01-01;
    ABC106 B bensin leased 2023-02-01, lease end 2027-01-31; ABC107 A1 fordonsgas 2023-12-31;
    ABC108 A e85 2021-01-01 – 2023-12-31; ABC109 C bensin 2021-01-01 – 2022-05-01.
    """
    region = NodeFactory(name="Region Test")
    a = NodeFactory(parent=region, name="Avdelning A")
    a1 = NodeFactory(parent=a, name="Enhet A1")
    b = NodeFactory(parent=region, name="Avdelning B")
    c = NodeFactory(parent=region, name="Enhet C")
    vehicle(a1, "ABC101", "el", D(2022, 3, 1), co2_g_per_km=0)
    vehicle(a1, "ABC102", "laddhybrid", D(2022, 1, 1), co2_g_per_km=30)
    vehicle(a, "ABC103", "diesel", D(2021, 6, 1), hvo100_approved=True)
    vehicle(a, "ABC104", "diesel", D(2021, 6, 1), valid_to=D(2023, 8, 31))
    vehicle(b, "ABC105", "elhybrid", D(2023, 1, 1))
    vehicle(
        b,
        "ABC106",
        "bensin",
        D(2023, 2, 1),
        ownership="leasad",
        lease_end=D(2027, 1, 31),
        co2_g_per_km=120,
    )
    vehicle(a1, "ABC107", "fordonsgas", D(2023, 12, 31), co2_g_per_km=95)
    vehicle(a, "ABC108", "e85", D(2021, 1, 1), valid_to=D(2023, 12, 31))
    vehicle(c, "ABC109", "bensin", D(2021, 1, 1), valid_to=D(2022, 5, 1))
    return {"region": region, "a": a, "a1": a1, "b": b, "c": c}


def counts(node: Node, year: int) -> tuple[int, int, int, int, int]:
    f = next(f for f in selectors.fleet_figures(node, 2024) if f.year == year)
    return (
        f.vehicles,
        f.fossil_free_capable,
        f.fossil_free_capable_mfd,
        f.electric,
        f.plug_in_hybrid,
    )


def test_the_regions_fleet_on_31_december_is_the_hand_count(world: dict[str, Node]) -> None:
    region = world["region"]
    # 2021: 103 (HVO), 104, 108 (e85), 109 → fossil-free 103+108, MFD 108 only
    assert counts(region, 2021) == (4, 2, 1, 0, 0)
    # 2022: 101, 102, 103, 104, 108 (109 left in May)
    assert counts(region, 2022) == (5, 4, 3, 1, 1)
    # 2023: 101, 102, 103, 105, 106, 107 (104 left in August, 108 on 31 December itself)
    assert counts(region, 2023) == (6, 4, 3, 1, 1)
    figures = {f.year: f for f in selectors.fleet_figures(region, 2024)}
    assert list(figures) == [2021, 2022, 2023, 2024]
    assert figures[2021].fossil_free_capable_pct == pytest.approx(50.0)
    assert figures[2021].fossil_free_capable_mfd_pct == pytest.approx(25.0)
    assert figures[2023].fossil_free_capable_pct == pytest.approx(400 / 6)
    assert figures[2023].fossil_free_capable_mfd_pct == pytest.approx(50.0)
    assert figures[2023].electric_pct == pytest.approx(100 / 6)
    assert figures[2023].plug_in_hybrid_pct == pytest.approx(100 / 6)


def test_a_nodes_figures_cover_its_subtree_only(world: dict[str, Node]) -> None:
    # A with A1 in 2023: 101, 102, 103, 107 — all fossil-free capable; the HVO diesel not in MFD
    assert counts(world["a"], 2023) == (4, 4, 3, 1, 1)
    assert counts(world["a1"], 2023) == (3, 3, 3, 1, 1)
    assert [f.year for f in selectors.fleet_figures(world["b"], 2024)] == [2023, 2024]


def test_a_year_with_no_vehicles_has_no_share(world: dict[str, Node]) -> None:
    figures = {f.year: f for f in selectors.fleet_figures(world["c"], 2023)}
    assert figures[2021].vehicles == 1 and figures[2021].fossil_free_capable_pct == 0.0
    assert figures[2022].vehicles == 0
    assert figures[2022].fossil_free_capable_pct is None
    assert figures[2022].electric_pct is None
    assert figures[2022].plug_in_hybrid_pct is None


def test_the_metric_sources_give_the_same_figures_and_leave_out_years_without_a_share(
    world: dict[str, Node],
) -> None:
    vehicles = metric_get("fleet.vehicles")
    share = metric_get("fleet.fossil_free_capable_pct")
    mfd = metric_get("fleet.fossil_free_capable_mfd_pct")
    electric = metric_get("fleet.electric_pct")
    plug_in = metric_get("fleet.plug_in_hybrid_pct")
    assert vehicles and share and mfd and electric and plug_in
    assert (vehicles.unit, share.unit) == ("st", "%")
    assert "fossilfri-drift" in str(share.source) and "version 1" in str(share.source)
    assert "miljofordonsdiagnos" in str(mfd.source)
    assert vehicles.values(world["region"])[2023] == 6
    assert share.values(world["region"])[2023] == pytest.approx(400 / 6)
    assert mfd.values(world["region"])[2023] == pytest.approx(50.0)
    assert electric.values(world["a"])[2023] == pytest.approx(25.0)
    assert plug_in.values(world["a1"])[2023] == pytest.approx(100 / 3)
    this_year = datetime.date.today().year
    # complete years are values; the current year (31 December still ahead) is preliminary
    assert set(vehicles.values(world["c"])) == set(range(2021, this_year))
    assert vehicles.preliminary is not None
    assert set(vehicles.preliminary(world["c"])) == {this_year}
    assert vehicles.values(world["c"])[2022] == 0
    assert share.values(world["c"]) == {2021: 0.0}


def test_the_path_to_2030_misses_the_goal_with_an_owned_hybrid_replaced_in_2031(
    world: dict[str, Node],
) -> None:
    # in service 1 March 2026: 101, 102, 103, 105, 106, 107; not fossil-free: 105 (owned from
    # 2023 → 8 years: 2031) and 106 (leased to 2027-01-31)
    path = selectors.fleet_path(world["region"], D(2026, 3, 1))
    assert [(y.year, y.fossil_free) for y in path.years] == [
        (2026, 4),
        (2027, 5),
        (2028, 5),
        (2029, 5),
        (2030, 5),
    ]
    assert [r.vehicle.reg_no for r in path.replacements] == ["ABC106", "ABC105"]
    assert path.reaches_year is None
    assert verdict_text(path) == "Når inte målet 2030: 1 fordon kvar."


def test_the_path_to_2030_reaches_100_percent_with_a_younger_replacement_age(
    world: dict[str, Node],
) -> None:
    path = selectors.fleet_path(world["region"], D(2026, 3, 1), replacement_age_years=5)
    assert path.reaches_year == 2028  # 105 at 2028-01-01, 106 at 2027-01-31
    assert verdict_text(path) == "Når 100 % år 2028."


def test_clean_vehicle_follow_up_from_the_register(world: dict[str, Node]) -> None:
    light = selectors.clean_vehicle_follow_up(world["region"], D(2022, 1, 1), D(2022, 12, 31))[0]
    assert (light.acquired, light.clean, light.clean_pct) == (2, 2, 100.0)  # 101 el, 102 30 g
    light = selectors.clean_vehicle_follow_up(world["region"], D(2023, 1, 1), D(2023, 12, 31))[0]
    # 105 without a CO2 value, 106 120 g, 107 95 g
    assert (light.acquired, light.clean, light.unknown, light.clean_pct) == (3, 0, 1, 0.0)


def _cells(html: str, year: int) -> list[str]:
    row = re.search(rf'<th scope="row">{year}</th>(.*?)</tr>', html)
    assert row, year
    return re.findall(r"<td>(.*?)</td>", row.group(1))


def test_the_fleet_page_says_what_the_figures_say(world: dict[str, Node]) -> None:
    client = Client()
    client.force_login(UserFactory(roles=[(world["region"], Role.READER)]))
    url = f"/org/{world['region'].organisation.code}/fordonsflotta/"
    html = client.get(url).content.decode()
    assert _cells(html, 2023) == ["6", "66,7 %", "50,0 %", "16,7 %", "16,7 %"]
    assert _cells(html, 2021)[:3] == ["4", "50,0 %", "25,0 %"]
    path = selectors.fleet_path(world["region"])
    assert verdict_text(path) in html
    assert "ABC106" in html and "Avdelning B" in html and "Leasad" in html and "Bensin" in html
    assert "2027-01-31" in html and "Elhybrid" in html
    assert "fleet-shares-title" in html
    assert "fleet-path-title" in html
    # the clean-vehicle follow-up for a chosen period names the definition and its source
    html = client.get(
        url, {"period_from": "2022-01-01", "period_to": "2022-12-31"}
    ).content.decode()
    assert "rent-latt-fordon version 1" in html and "rkrattsbaser.gov.se" in html
    # a younger replacement age reaches the goal
    html = client.get(url, {"age": "3"}).content.decode()
    assert "Når 100 % år" in html


def test_the_fleet_page_shows_a_dash_for_a_year_without_vehicles(world: dict[str, Node]) -> None:
    client = Client()
    client.force_login(UserFactory(roles=[(world["region"], Role.READER)]))
    html = client.get(
        f"/org/{world['region'].organisation.code}/fordonsflotta/", {"node": world["c"].code}
    ).content.decode()
    assert _cells(html, 2022) == ["0", "–", "–", "–", "–"]
    assert "Enheten har inga fordon i trafik" in html


def test_a_reader_of_another_unit_does_not_see_the_fleet(world: dict[str, Node]) -> None:
    client = Client()
    client.force_login(UserFactory(roles=[(world["b"], Role.READER)]))
    url = f"/org/{world['region'].organisation.code}/fordonsflotta/"
    assert client.get(url, {"node": world["a"].code}).status_code == 404
    assert client.get(url).status_code == 200


def test_the_fleet_page_refuses_a_period_ending_before_it_starts_and_keeps_the_defaults(
    world: dict[str, Node],
) -> None:
    client = Client()
    client.force_login(UserFactory(roles=[(world["region"], Role.READER)]))
    response = client.get(
        f"/org/{world['region'].organisation.code}/fordonsflotta/",
        {"period_from": "2025-06-01", "period_to": "2025-01-01", "age": "0"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Slutdatumet ligger före startdatumet." in html
    this_year = datetime.date.today().year
    assert f"{this_year}-01-01–{this_year}-12-31" in html  # the default period is shown


def test_vehicles_in_traffic_is_0_for_a_node_without_vehicles_from_the_first_vehicle_on(
    world: dict[str, Node],
) -> None:
    """The organisation's first vehicle is in 2021 (ABC108, ABC109): a node without vehicles
    counts 0 from 2021, while its shares stay missing."""
    vehicles = metric_get("fleet.vehicles")
    share = metric_get("fleet.fossil_free_capable_pct")
    assert vehicles and share
    empty = NodeFactory(parent=world["region"], name="Enhet utan fordon")
    counted = vehicles.values(empty)
    this_year = datetime.date.today().year
    assert set(counted) == set(range(2021, this_year)) and set(counted.values()) == {0}
    assert share.values(empty) == {}
    # B's first vehicle came in 2023; before it B counts 0, not nothing
    assert vehicles.values(world["b"])[2021] == 0 and vehicles.values(world["b"])[2023] == 2
