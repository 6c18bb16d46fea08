"""The fleet's classification, shares on 31 December, path to 2030 and clean-vehicle follow-up,
against hand counts (no Django)."""

import datetime

import pytest

from nettonoll.calc.clean_vehicles import clean_vehicle_definitions, clean_vehicle_follow_up
from nettonoll.calc.fleet import (
    ELECTRIC,
    FOSSIL_FREE,
    MILJOFORDONSDIAGNOS,
    VehicleFacts,
    classify,
    fleet_on,
    path_to_2030,
    rule_set,
    rule_sets,
    shares,
    shares_by_year,
)

D = datetime.date
START = D(2020, 1, 1)


def car(
    reg_no: str,
    energy: str,
    *,
    hvo: bool = False,
    start: datetime.date = START,
    end: datetime.date | None = None,
    ownership: str = "ägd",
    lease_end: datetime.date | None = None,
    vehicle_type: str = "personbil",
    co2: float | None = None,
) -> VehicleFacts:
    return VehicleFacts(
        reg_no, vehicle_type, ownership, energy, hvo, start, end, lease_end, co2, "Enhet"
    )


# ABC101 el, ABC102 laddhybrid, ABC103 diesel+HVO, ABC104 diesel, ABC105 elhybrid,
# ABC106 fordonsgas, ABC107 bensin (left service 30 June 2023), ABC108 el from 1 Jan 2024
FLEET = [
    car("ABC101", "el"),
    car("ABC102", "laddhybrid"),
    car("ABC103", "diesel", hvo=True),
    car("ABC104", "diesel"),
    car("ABC105", "elhybrid"),
    car("ABC106", "fordonsgas"),
    car("ABC107", "bensin", end=D(2023, 6, 30)),
    car("ABC108", "el", start=D(2024, 1, 1)),
]


def test_every_energy_is_classified_as_the_issue_says_under_each_rule() -> None:
    on = D(2024, 12, 31)
    expected = {
        # energy, hvo: (fossilfri-drift, miljofordonsdiagnos, elbil)
        ("el", False): (True, True, True),
        ("laddhybrid", False): (True, True, False),
        ("fordonsgas", False): (True, True, False),
        ("e85", False): (True, True, False),
        ("ed95", False): (True, True, False),
        ("vätgas", False): (True, True, False),
        ("diesel", True): (True, False, False),
        ("diesel", False): (False, False, False),
        ("elhybrid", False): (False, False, False),
        ("bensin", False): (False, False, False),
    }
    for (energy, hvo), counts in expected.items():
        vehicle = car("XYZ999", energy, hvo=hvo)
        got = tuple(
            classify(vehicle, code, on).counts
            for code in (FOSSIL_FREE, MILJOFORDONSDIAGNOS, ELECTRIC)
        )
        assert got == counts, energy


def test_a_classification_names_its_rule_and_version() -> None:
    result = classify(car("ABC103", "diesel", hvo=True), MILJOFORDONSDIAGNOS, D(2024, 12, 31))
    assert (result.reg_no, result.rule, result.version, result.counts) == (
        "ABC103",
        "miljofordonsdiagnos",
        "1",
        False,
    )


def test_every_rule_set_has_a_source() -> None:
    codes = {r.code for r in rule_sets()}
    assert codes == {FOSSIL_FREE, MILJOFORDONSDIAGNOS, ELECTRIC}
    for rules in rule_sets():
        assert rules.publisher and rules.url.startswith("https://"), rules.code
    assert rule_set(ELECTRIC, D(2024, 1, 1)).energies == frozenset({"el"})


def test_the_fleet_on_31_december_leaves_out_vehicles_that_left_during_the_year() -> None:
    assert [v.reg_no for v in fleet_on(FLEET, D(2023, 12, 31))] == [
        f"ABC10{i}" for i in range(1, 7)
    ]
    # in service to 31 December means gone on 31 December (valid_to is exclusive)
    assert fleet_on([car("AAA111", "el", end=D(2023, 12, 31))], D(2023, 12, 31)) == []


def test_shares_of_2023_are_the_hand_counts() -> None:
    # 2023: ABC101–106 (6); ABC107 left in June, ABC108 not yet in service
    figures = shares(FLEET, 2023)
    assert figures.vehicles == 6
    assert figures.fossil_free_capable == 4  # el, laddhybrid, diesel+HVO, fordonsgas
    assert figures.fossil_free_capable_mfd == 3  # without the HVO diesel
    assert figures.electric == 1
    assert figures.plug_in_hybrid == 1
    assert figures.fossil_free_capable_pct == pytest.approx(400 / 6)
    assert figures.fossil_free_capable_mfd_pct == pytest.approx(50.0)
    assert figures.electric_pct == pytest.approx(100 / 6)
    assert figures.plug_in_hybrid_pct == pytest.approx(100 / 6)
    assert figures.rules == {FOSSIL_FREE: "1", MILJOFORDONSDIAGNOS: "1", ELECTRIC: "1"}


def test_shares_by_year_run_from_the_first_in_service_year_and_a_year_with_no_vehicles_is_none() -> (
    None
):
    vehicles = [
        car("ABC101", "el", start=D(2021, 3, 1), end=D(2022, 2, 1)),
        car("ABC102", "bensin", start=D(2023, 5, 1)),
    ]
    years = shares_by_year(vehicles, 2024)
    assert [y.year for y in years] == [2021, 2022, 2023, 2024]
    assert [y.vehicles for y in years] == [1, 0, 1, 1]
    assert [y.electric_pct for y in years] == [100.0, None, 0.0, 0.0]
    assert years[1].fossil_free_capable_pct is None
    assert years[1].plug_in_hybrid_pct is None
    assert shares_by_year([], 2024) == []


def test_the_path_replaces_leased_vehicles_at_lease_end_and_owned_ones_at_the_chosen_age() -> None:
    today = D(2026, 3, 1)
    vehicles = [
        car("AAA001", "el"),
        car("AAA002", "diesel", ownership="leasad", lease_end=D(2027, 5, 31)),
        car("AAA003", "bensin", ownership="leasad", lease_end=D(2026, 9, 30)),
        car("AAA004", "diesel", start=D(2021, 6, 1)),  # owned: 8 years → 2029-06-01
        car("AAA005", "elhybrid", ownership="hyrd", end=D(2028, 1, 15)),
        car("AAA006", "bensin", end=D(2025, 1, 1)),  # already gone: not in today's fleet
    ]
    path = path_to_2030(vehicles, today)
    assert (path.rule, path.version, path.replacement_age_years) == (FOSSIL_FREE, "1", 8)
    assert [(y.year, y.vehicles, y.fossil_free) for y in path.years] == [
        (2026, 5, 2),
        (2027, 5, 3),
        (2028, 5, 4),
        (2029, 5, 5),
        (2030, 5, 5),
    ]
    assert path.years[0].fossil_free_pct == pytest.approx(40.0)
    assert path.reaches_year == 2029
    assert path.remaining_in_target_year == 0
    assert [(r.vehicle.reg_no, r.on, r.reason) for r in path.replacements] == [
        ("AAA003", D(2026, 9, 30), "lease_end"),
        ("AAA002", D(2027, 5, 31), "lease_end"),
        ("AAA005", D(2028, 1, 15), "hire_end"),
        ("AAA004", D(2029, 6, 1), "age"),
    ]


def test_the_path_does_not_reach_the_goal_when_vehicles_are_replaced_after_2030() -> None:
    today = D(2026, 3, 1)
    vehicles = [
        car("AAA001", "diesel", hvo=True),  # fossil-free capable: not replaced
        car("AAA002", "bensin", start=D(2025, 1, 1)),  # owned: 8 years → 2033
        car("AAA003", "diesel", ownership="leasad", lease_end=D(2031, 1, 31)),
        car("AAA004", "bensin", ownership="leasad"),  # no lease end: as owned, 2028
    ]
    path = path_to_2030(vehicles, today)
    assert path.reaches_year is None
    assert path.remaining_in_target_year == 2
    assert [y.fossil_free for y in path.years] == [1, 1, 2, 2, 2]
    assert path.replacements[0].reason == "age"
    # with a younger replacement age the owned car goes in 2029, still the lease runs past 2030
    assert path_to_2030(vehicles, today, replacement_age_years=4).remaining_in_target_year == 1


def test_a_path_without_vehicles_has_no_share_and_no_year() -> None:
    path = path_to_2030([], D(2026, 3, 1))
    assert [y.fossil_free_pct for y in path.years] == [None] * 5
    assert path.reaches_year is None
    assert path.remaining_in_target_year == 0


def test_clean_vehicle_definitions_name_version_source_and_what_to_verify() -> None:
    definitions = {d.name: d for d in clean_vehicle_definitions()}
    light1, light2 = definitions["rent-latt-fordon v1"], definitions["rent-latt-fordon v2"]
    assert (light1.effective_from, light1.effective_to, light1.max_co2_g_per_km) == (
        D(2021, 8, 2),
        D(2025, 12, 31),
        50.0,
    )
    assert (light2.effective_from, light2.max_co2_g_per_km, light2.target_pct) == (
        D(2026, 1, 1),
        0.0,
        38.5,
    )
    assert light1.verify  # 38 % or 38.5 %
    for definition in definitions.values():
        assert definition.url.startswith("https://") and "2011:846" in definition.publisher
    assert "HVO100" in definitions["rent-tungt-fordon-buss v1"].description


def test_clean_vehicle_follow_up_judges_each_vehicle_by_the_definition_of_its_date() -> None:
    vehicles = [
        car("LLL001", "laddhybrid", start=D(2025, 11, 1), co2=35),  # v1 ≤ 50 g: clean
        car("LLL002", "laddhybrid", start=D(2026, 2, 1), co2=35),  # v2 0 g: not clean
        car("LLL003", "el", start=D(2026, 3, 1)),  # el: 0 g without a value
        car("LLL004", "bensin", start=D(2025, 12, 1)),  # no CO2 value: unknown
        car("LLL005", "el", start=D(2021, 5, 1)),  # before the law: not covered
        car("LLL006", "el", start=D(2024, 1, 1)),  # outside the period
        car("HHH001", "diesel", hvo=True, start=D(2025, 10, 1), vehicle_type="tung lastbil"),
        car("HHH002", "diesel", start=D(2025, 10, 1), vehicle_type="tung lastbil"),
        car("BBB001", "fordonsgas", start=D(2026, 4, 1), vehicle_type="buss"),
        car("MMM001", "diesel", start=D(2025, 10, 1), vehicle_type="arbetsmaskin"),
    ]
    report = {
        c.vehicle_class: c
        for c in clean_vehicle_follow_up(vehicles, D(2021, 1, 1), D(2026, 12, 31))
    }
    assert list(report) == ["lätt", "tung lastbil", "buss"]
    light = report["lätt"]
    assert (light.acquired, light.covered, light.clean, light.unknown) == (6, 5, 3, 1)
    assert light.clean_pct == pytest.approx(60.0)
    assert [d.name for d in light.definitions] == ["rent-latt-fordon v1", "rent-latt-fordon v2"]
    heavy = report["tung lastbil"]
    assert (heavy.acquired, heavy.clean, heavy.clean_pct) == (2, 1, 50.0)
    assert report["buss"].clean_pct == 100.0
    later = {
        c.vehicle_class: c
        for c in clean_vehicle_follow_up(vehicles, D(2026, 1, 1), D(2026, 12, 31))
    }
    assert (later["lätt"].acquired, later["lätt"].clean) == (2, 1)
    assert later["tung lastbil"].clean_pct is None  # nothing acquired: no share


def test_shares_by_year_in_one_pass_equal_the_fleet_counted_on_each_31_december() -> None:
    import random

    rng = random.Random(11)
    energies = ["el", "laddhybrid", "diesel", "bensin", "elhybrid", "fordonsgas", "e85"]
    vehicles = []
    for i in range(400):
        start = D(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 3650))
        end = None if rng.random() < 0.6 else start + datetime.timedelta(days=rng.randint(0, 2000))
        vehicles.append(
            car(f"R{i:05d}", rng.choice(energies), hvo=rng.random() < 0.4, start=start, end=end)
        )
    # a vehicle that leaves on 31 December and one that comes on 31 December
    vehicles += [car("EDGE01", "el", start=D(2016, 5, 1), end=D(2018, 12, 31))]
    vehicles += [car("EDGE02", "el", start=D(2018, 12, 31))]
    assert shares_by_year(vehicles, 2026) == [shares(vehicles, y) for y in range(2015, 2027)]
