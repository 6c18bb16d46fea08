"""The product's climate-risk rule by hand: likelihood × consequence, high at 9, or at 6 for a
vulnerable use; the list of buildings at high risk with the hazards that have no measure."""

import datetime

import pytest

from nettonoll.calc import adaptation
from nettonoll.calc.adaptation import HazardRisk


def test_risk_is_likelihood_times_consequence() -> None:
    assert adaptation.risk_score(3, 4) == 12
    with pytest.raises(ValueError):
        adaptation.risk_score(0, 4)
    with pytest.raises(ValueError):
        adaptation.risk_score(2, 5)


def test_high_at_nine_or_at_six_for_a_vulnerable_use() -> None:
    assert adaptation.is_high(3, 3, vulnerable=False)
    assert not adaptation.is_high(2, 4, vulnerable=False)  # 8
    assert adaptation.is_high(2, 3, vulnerable=True)  # 6
    assert not adaptation.is_high(1, 4, vulnerable=True)  # 4


def test_high_risk_buildings_name_hazards_without_a_measure() -> None:
    risks = [
        HazardRisk(1, "skyfall", 3, 3, False, 1),
        HazardRisk(1, "värmebölja", 4, 3, False, 0),
        HazardRisk(2, "värmebölja", 2, 3, True, 0),
        HazardRisk(3, "översvämning", 2, 2, False, 0),  # 4: not high
    ]
    found = adaptation.high_risk_buildings(risks)
    assert [b.building_id for b in found] == [1, 2]
    assert found[0].high == (("värmebölja", 12), ("skyfall", 9))
    assert found[0].without_measure == ("värmebölja",)
    assert found[1].without_measure == ("värmebölja",)


def test_miljobyggnad_levels_rank() -> None:
    assert adaptation.level_met("miljöbyggnad silver", "miljöbyggnad guld") is True
    assert adaptation.level_met("miljöbyggnad guld", "miljöbyggnad silver") is False
    assert adaptation.level_met("nollco2", "miljöbyggnad silver") is None


def test_a_follow_up_is_overdue_once_its_completion_has_passed_without_a_result() -> None:
    d = datetime.date
    today = d(2026, 11, 26)
    assert adaptation.follow_up_overdue(d(2026, 6, 1), None, "", today)  # not reported done
    assert adaptation.follow_up_overdue(d(2027, 6, 1), d(2026, 3, 1), "", today)  # done early
    assert not adaptation.follow_up_overdue(d(2026, 6, 1), d(2026, 9, 1), "delvis", today)
    assert not adaptation.follow_up_overdue(d(2027, 1, 1), None, "", today)
