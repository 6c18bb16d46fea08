"""A battery offers a flexibility market only what remains after its backup reserve; a genset
at most its rated power."""

from decimal import Decimal as D

from nettonoll.calc.backup_power import flex_offer_problem, number_text


def test_a_battery_offer_beyond_the_energy_left_after_the_reserve_is_refused_with_figures() -> None:
    problem = flex_offer_problem(
        is_battery=True,
        power_kw=D(500),
        contracted_kw=D(250),
        duration_h=D(1),
        battery_kwh=D(400),
        reserved_backup_kwh=D(300),
    )
    assert problem is not None
    assert problem.text() == (
        "Batteriet har 400 kWh, varav 300 kWh reserveras för reservkraft: 100 kWh kvar räcker "
        "för högst 100 kW i 1 timme, inte 250 kW."
    )


def test_a_battery_offer_that_fits_in_the_energy_left_is_accepted() -> None:
    assert (
        flex_offer_problem(
            is_battery=True,
            power_kw=D(500),
            contracted_kw=D(100),
            duration_h=D(1),
            battery_kwh=D(400),
            reserved_backup_kwh=D(300),
        )
        is None
    )


def test_a_longer_contract_divides_the_energy_left_by_its_hours() -> None:
    problem = flex_offer_problem(
        is_battery=True,
        power_kw=D(500),
        contracted_kw=D(60),
        duration_h=D(2),
        battery_kwh=D(400),
        reserved_backup_kwh=D(300),
    )
    assert problem is not None
    assert "högst 50 kW i 2 timmar, inte 60 kW" in problem.text()
    assert (
        flex_offer_problem(
            is_battery=True,
            power_kw=D(500),
            contracted_kw=D(50),
            duration_h=D(2),
            battery_kwh=D(400),
            reserved_backup_kwh=D(300),
        )
        is None
    )


def test_a_battery_cannot_offer_more_than_its_power_even_with_energy_to_spare() -> None:
    problem = flex_offer_problem(
        is_battery=True,
        power_kw=D(200),
        contracted_kw=D(250),
        battery_kwh=D(4000),
        reserved_backup_kwh=D(0),
    )
    assert problem is not None
    assert problem.text() == "Batteriet ger högst 200 kW, så 250 kW kan inte erbjudas."


def test_a_battery_whose_energy_is_unknown_cannot_be_offered() -> None:
    problem = flex_offer_problem(is_battery=True, power_kw=D(200), contracted_kw=D(1))
    assert problem is not None
    assert problem.code == "battery_unknown"


def test_a_reserve_larger_than_the_battery_leaves_nothing_to_offer() -> None:
    problem = flex_offer_problem(
        is_battery=True,
        power_kw=D(200),
        contracted_kw=D(1),
        battery_kwh=D(100),
        reserved_backup_kwh=D(150),
    )
    assert problem is not None
    assert "0 kWh kvar räcker för högst 0 kW" in problem.text()


def test_a_genset_offers_at_most_its_rated_power() -> None:
    assert flex_offer_problem(is_battery=False, power_kw=D(800), contracted_kw=D(800)) is None
    problem = flex_offer_problem(is_battery=False, power_kw=D(800), contracted_kw=D(900))
    assert problem is not None
    assert problem.text() == "Aggregatet ger högst 800 kW, så 900 kW kan inte erbjudas."


def test_figures_are_written_the_swedish_way() -> None:
    assert number_text(D("12500")) == "12\u00a0500"
    assert number_text(D("1.50")) == "1,5"
    assert number_text(D("400.0")) == "400"
