"""A unit's flexibility contracts in force at the same time count together: their kW at most the
unit's power, a battery's kW × hours at most its energy less the backup reserve."""

import datetime
from decimal import Decimal as D

from nettonoll.calc.backup_power import Contract, overlapping_offer_problem

d = datetime.date
BATTERY = {
    "is_battery": True,
    "power_kw": D(1000),
    "battery_kwh": D(2400),
    "reserved_backup_kwh": D(800),
}


def test_two_overlapping_contracts_above_the_power_are_refused_naming_the_other() -> None:
    fcr = Contract(d(2024, 6, 1), None, D(600), D("0.5"), "FCR-D 600 kW")
    sthlmflex = Contract(d(2025, 11, 1), d(2026, 3, 31), D(500), D(2))
    problem = overlapping_offer_problem(sthlmflex, [fcr], **BATTERY)
    assert problem is not None
    assert problem.text() == (
        "Batteriet ger högst 1\u00a0000 kW, men den 2025-11-01 gäller samtidigt FCR-D 600 kW: "
        "tillsammans med 500 kW blir det 1\u00a0100 kW."
    )


def test_an_open_contract_is_checked_against_one_that_starts_later_within_it() -> None:
    later = Contract(d(2025, 11, 1), d(2026, 3, 31), D(500), D(2), "Sthlmflex")
    open_ = Contract(d(2024, 6, 1), None, D(600), D("0.5"))
    problem = overlapping_offer_problem(open_, [later], **BATTERY)
    assert problem is not None and problem.params["day"] == "2025-11-01"
    assert problem.params["total_kw"] == "1\u00a0100"


def test_contracts_up_to_the_power_together_are_accepted() -> None:
    fcr = Contract(d(2024, 6, 1), None, D(600), D("0.5"))
    assert (
        overlapping_offer_problem(
            Contract(d(2025, 11, 1), d(2026, 3, 31), D(400), D(2)), [fcr], **BATTERY
        )
        is None
    )


def test_contracts_that_do_not_overlap_are_not_added() -> None:
    winter = Contract(d(2024, 11, 1), d(2025, 3, 31), D(900), D(1))
    assert (
        overlapping_offer_problem(Contract(d(2025, 4, 1), None, D(900), D(1)), [winter], **BATTERY)
        is None
    )
    # the last day is in force
    assert (
        overlapping_offer_problem(Contract(d(2025, 3, 31), None, D(900), D(1)), [winter], **BATTERY)
        is not None
    )


def test_overlapping_battery_contracts_share_the_energy_left_after_the_reserve() -> None:
    other = Contract(d(2025, 1, 1), None, D(400), D(3), "FCR-N")  # 1 200 kWh
    problem = overlapping_offer_problem(
        Contract(d(2025, 2, 1), None, D(300), D(2)), [other], **BATTERY
    )  # 400 + 300 = 700 kW ≤ 1 000, but 1 200 + 600 = 1 800 kWh > 2 400 − 800
    assert problem is not None
    assert problem.text() == (
        "Batteriet har 2\u00a0400 kWh, varav 800 kWh reserveras för reservkraft: "
        "1\u00a0600 kWh kvar. Den 2025-02-01 gäller samtidigt FCR-N: tillsammans med 600 kWh "
        "(300 kW i 2 timmar) behövs 1\u00a0800 kWh."
    )


def test_a_genset_has_no_energy_limit_only_its_power() -> None:
    genset = {"is_battery": False, "power_kw": D(2000)}
    other = Contract(d(2025, 1, 1), None, D(1500), D(4), "Sthlmflex")
    assert (
        overlapping_offer_problem(Contract(d(2025, 1, 1), None, D(500), D(4)), [other], **genset)
        is None
    )
    problem = overlapping_offer_problem(
        Contract(d(2025, 1, 1), None, D(600), D(1)), [other], **genset
    )
    assert problem is not None and problem.text().startswith("Aggregatet ger högst 2\u00a0000 kW")


def test_every_moment_counts_the_contracts_in_force_then_not_all_that_touch_the_period() -> None:
    a = Contract(d(2025, 1, 1), d(2025, 12, 31), D(300), D(1), "A")
    b = Contract(d(2025, 3, 1), d(2025, 4, 30), D(300), D(1), "B")
    c = Contract(d(2025, 6, 1), d(2025, 8, 31), D(300), D(1), "C")
    # B and C never run together: at most 300 + 300 + 400 = 1 000 kW at a time
    assert (
        overlapping_offer_problem(Contract(d(2025, 1, 1), None, D(400), D(1)), [a, b, c], **BATTERY)
        is None
    )
    problem = overlapping_offer_problem(
        Contract(d(2025, 1, 1), None, D(450), D(1)), [a, b, c], **BATTERY
    )
    assert problem is not None
    assert (problem.params["day"], problem.params["others"]) == ("2025-03-01", "A, B")
