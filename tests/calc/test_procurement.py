"""Procurement shares by count and by value, and the follow-up of requirements, against hand
counts (docs/methods/procurement.md)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nettonoll.calc.procurement import (
    ProcurementFacts,
    RequirementFacts,
    figures_by_year,
    overdue,
    year_figures,
)

D = datetime.date


def req(
    area: str, level: str = "", planned: D | None = None, done: D | None = None, result: str = ""
) -> RequirementFacts:
    return RequirementFacts(area, level, planned, done, result)


# Five procurements decided in 2024 (1 000 000 kr in all) and one in 2023:
#   A  400 000 kr: klimat avancerad, cirkularitet bas
#   B  300 000 kr: annat spjutspets (does not count as sustainability)
#   C  200 000 kr: social bas
#   D  100 000 kr: no requirements
#   E        0 kr: kemikalier spjutspets
#   F (2023) 500 000 kr: cirkularitet, follow-up planned 2024-06-01, done 2024-05-20 uppfyllt
WORLD = [
    ProcurementFacts(
        D(2024, 2, 1),
        400_000,
        (
            req("klimat", "avancerad", D(2024, 9, 1), D(2024, 9, 15), "uppfyllt"),
            req("cirkularitet", "bas", D(2024, 12, 31), D(2025, 1, 10), "delvis"),
        ),
        key="A",
    ),
    ProcurementFacts(D(2024, 3, 1), 300_000, (req("annat", "spjutspets", D(2025, 3, 1)),), "B"),
    ProcurementFacts(
        D(2024, 5, 1),
        200_000,
        (req("social", "bas", D(2024, 10, 1), D(2024, 11, 1), "ej uppfyllt"),),
        "C",
    ),
    ProcurementFacts(D(2024, 12, 31), 100_000, (), "D"),
    ProcurementFacts(D(2024, 7, 1), 0, (req("kemikalier", "spjutspets"),), "E"),
    ProcurementFacts(
        D(2023, 11, 1),
        500_000,
        (req("cirkularitet", "avancerad", D(2024, 6, 1), D(2024, 5, 20), "uppfyllt"),),
        "F",
    ),
]


def test_shares_of_the_procurements_decided_in_the_year_by_count_and_by_value() -> None:
    f = year_figures(WORLD, 2024)
    assert f.decided == 5
    # with a sustainability requirement: A, C, E (B has only annat, D none) → 3 av 5
    assert (f.with_requirements.part, f.with_requirements.whole) == (3, 5)
    assert f.with_requirements.count_pct == pytest.approx(60.0)
    # by value: A 400 000 + C 200 000 + E 0 of 1 000 000
    assert f.with_requirements.value_pct == pytest.approx(60.0)
    # circularity: A only (F was decided in 2023) → 1 av 5, 400 000 of 1 000 000
    assert f.circularity.count_pct == pytest.approx(20.0)
    assert f.circularity.value_pct == pytest.approx(40.0)
    # advanced or spearhead sustainability requirement: A (klimat avancerad), E (kemikalier
    # spjutspets); B's spjutspets is annat → 2 av 5, 400 000 of 1 000 000
    assert (f.advanced.part, f.advanced.whole) == (2, 5)
    assert f.advanced.count_pct == pytest.approx(40.0)
    assert f.advanced.value_pct == pytest.approx(40.0)


def test_follow_up_counts_requirements_due_whenever_their_procurement_was_decided() -> None:
    f = year_figures(WORLD, 2024)
    # due by 31 Dec 2024: A klimat (Sep), A cirkularitet (31 Dec), C social (Oct), F (June;
    # F decided in 2023) → 4; B's is planned 2025, E's has no plan
    assert f.followed_up.whole == 4
    # followed up by 31 Dec 2024: A klimat, C social, F (A cirkularitet only in January 2025)
    assert f.followed_up.part == 3
    assert f.followed_up.pct == pytest.approx(75.0)
    # of those, uppfyllt: A klimat and F → 2 av 3
    assert (f.fulfilled.part, f.fulfilled.whole) == (2, 3)
    assert f.fulfilled.pct == pytest.approx(200 / 3)


def test_the_next_year_counts_the_late_follow_up_and_the_newly_due_one() -> None:
    f = year_figures(WORLD, 2025)
    assert f.decided == 0
    assert f.with_requirements.count_pct is None  # no procurements: no share, not 0 %
    assert f.with_requirements.value_pct is None
    # due by 31 Dec 2025: the four above and B's (March 2025) → 5; followed up: 4
    assert (f.followed_up.part, f.followed_up.whole) == (4, 5)
    assert (f.fulfilled.part, f.fulfilled.whole) == (2, 4)


def test_a_year_with_only_annat_requirements_has_no_sustainability_share() -> None:
    only_other = [ProcurementFacts(D(2022, 1, 1), 1000, (req("annat", "avancerad"),))]
    f = year_figures(only_other, 2022)
    assert f.with_requirements.count_pct == 0.0
    assert f.with_requirements.value_pct == 0.0
    assert f.advanced.count_pct == 0.0
    assert f.followed_up.pct is None  # nothing due: no share


def test_an_empty_year_and_no_value_give_no_share() -> None:
    assert year_figures([], 2024).with_requirements.count_pct is None
    nothing_worth = [ProcurementFacts(D(2024, 1, 1), 0, (req("klimat"),))]
    f = year_figures(nothing_worth, 2024)
    assert f.with_requirements.count_pct == 100.0
    assert f.with_requirements.value_pct is None


def test_shares_never_exceed_100_pct() -> None:
    for year in range(2022, 2027):
        f = year_figures(WORLD, year)
        for share in (f.with_requirements, f.circularity, f.advanced):
            for value in (share.count_pct, share.value_pct):
                assert value is None or 0 <= value <= 100
        for ratio in (f.followed_up, f.fulfilled):
            assert ratio.pct is None or 0 <= ratio.pct <= 100


def test_years_run_from_the_first_decision_or_plan_to_the_last_year_asked() -> None:
    years = [f.year for f in figures_by_year(WORLD, 2026)]
    assert years == [2023, 2024, 2025, 2026]
    assert figures_by_year([]) == []


def test_overdue_follow_ups_are_planned_before_today_and_not_done() -> None:
    found = overdue(WORLD, D(2025, 6, 1))
    # B's (planned 2025-03-01, not done); A cirkularitet was done late but is done
    assert [(p.key, r.area) for p, r in found] == [("B", "annat")]
    assert overdue(WORLD, D(2025, 3, 1)) == []  # planned today is not overdue yet


AREA = st.sampled_from(["klimat", "cirkularitet", "kemikalier", "social", "annat"])
LEVEL = st.sampled_from(["", "bas", "avancerad", "spjutspets"])
DAY = st.dates(min_value=D(2021, 1, 1), max_value=D(2026, 12, 31))
REQUIREMENT = st.builds(
    RequirementFacts,
    area=AREA,
    level=LEVEL,
    follow_up_planned_on=st.none() | DAY,
    followed_up_on=st.none() | DAY,
    result=st.sampled_from(["", "uppfyllt", "delvis", "ej uppfyllt"]),
)
PROCUREMENT = st.builds(
    ProcurementFacts,
    decided_on=DAY,
    value_sek=st.integers(min_value=0, max_value=10**9),
    requirements=st.lists(REQUIREMENT, max_size=4).map(tuple),
)


@given(st.lists(PROCUREMENT, max_size=12), st.integers(min_value=2021, max_value=2026))
def test_shares_are_within_0_and_100_and_parts_nest(
    procurements: list[ProcurementFacts], year: int
) -> None:
    f = year_figures(procurements, year)
    for share in (f.with_requirements, f.circularity, f.advanced):
        assert 0 <= share.part <= share.whole == f.decided
        assert 0 <= share.part_sek <= share.whole_sek
        for value in (share.count_pct, share.value_pct):
            assert value is None or 0 <= value <= 100
    # circularity and advanced are kinds of sustainability requirements
    assert f.circularity.part <= f.with_requirements.part
    assert f.advanced.part <= f.with_requirements.part
    assert 0 <= f.fulfilled.part <= f.fulfilled.whole == f.followed_up.part <= f.followed_up.whole
    assert (f.with_requirements.count_pct is None) == (f.decided == 0)


@given(st.lists(PROCUREMENT, max_size=8), st.integers(min_value=2021, max_value=2026))
def test_a_procurement_with_only_annat_never_raises_the_sustainability_share(
    procurements: list[ProcurementFacts], year: int
) -> None:
    before = year_figures(procurements, year).with_requirements.count_pct
    other = ProcurementFacts(D(year, 6, 1), 1000, (req("annat", "spjutspets"),))
    after = year_figures([*procurements, other], year).with_requirements.count_pct
    assert after is not None
    assert before is None or after <= before
