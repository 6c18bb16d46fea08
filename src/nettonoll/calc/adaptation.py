"""Climate risk of a building for a hazard, framework-free: the product's rule for which risks
are high (see docs/methods/adaptation.md).

risk = likelihood × consequence, each on a scale 1–4 (so 1–16). A risk is **high** at 9 or more
(e.g. likely × serious, 3 × 3), or at 6 or more when the building's use is vulnerable (care,
elderly: people who cannot easily move or protect themselves, e.g. from heat). This is Nettonoll's
rule, in the manner of a 4 × 4 risk matrix; it is not taken from a published standard [verify]."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

SCALE = (1, 2, 3, 4)
HIGH_AT = 9
HIGH_AT_VULNERABLE = 6
RULE = "nettonoll-klimatrisk-1"


def risk_score(likelihood: int, consequence: int) -> int:
    """likelihood × consequence (1–16); a value outside 1–4 is an error."""
    if likelihood not in SCALE or consequence not in SCALE:
        raise ValueError("likelihood and consequence are 1–4")
    return likelihood * consequence


def is_high(likelihood: int, consequence: int, vulnerable: bool) -> bool:
    """Whether the risk is high under the rule (see the module text)."""
    threshold = HIGH_AT_VULNERABLE if vulnerable else HIGH_AT
    return risk_score(likelihood, consequence) >= threshold


@dataclass(frozen=True)
class HazardRisk:
    building_id: int
    hazard: str
    likelihood: int
    consequence: int
    vulnerable: bool
    measures: int  # how many measures (activities) address it


@dataclass(frozen=True)
class HighRiskBuilding:
    """A building with at least one high risk: its high hazards (highest score first) and those
    of them that have no measure."""

    building_id: int
    high: tuple[tuple[str, int], ...]
    without_measure: tuple[str, ...]
    top_score: int


def high_risk_buildings(risks: Iterable[HazardRisk]) -> list[HighRiskBuilding]:
    """The buildings with a high risk, the highest score first, then the most hazards without a
    measure."""
    by_building: dict[int, list[HazardRisk]] = {}
    for r in risks:
        if is_high(r.likelihood, r.consequence, r.vulnerable):
            by_building.setdefault(r.building_id, []).append(r)
    found = []
    for building_id, high in by_building.items():
        high.sort(key=lambda r: (-risk_score(r.likelihood, r.consequence), r.hazard))
        found.append(
            HighRiskBuilding(
                building_id=building_id,
                high=tuple((r.hazard, risk_score(r.likelihood, r.consequence)) for r in high),
                without_measure=tuple(r.hazard for r in high if r.measures == 0),
                top_score=risk_score(high[0].likelihood, high[0].consequence),
            )
        )
    found.sort(key=lambda b: (-b.top_score, -len(b.without_measure), b.building_id))
    return found


# New-build follow-up: the Miljöbyggnad levels in rank order (the values the files use)
MILJOBYGGNAD = ("miljöbyggnad brons", "miljöbyggnad silver", "miljöbyggnad guld")


def level_met(required: str, achieved: str) -> bool | None:
    """Whether an achieved Miljöbyggnad level meets the required one (Guld meets Silver);
    None when either is not a Miljöbyggnad level (NollCO2, other: the follow-up result says)."""
    if required not in MILJOBYGGNAD or achieved not in MILJOBYGGNAD:
        return None
    return MILJOBYGGNAD.index(achieved) >= MILJOBYGGNAD.index(required)


def follow_up_overdue(
    planned_completion: datetime.date,
    completed_on: datetime.date | None,
    result: str,
    today: datetime.date,
) -> bool:
    """A project's follow-up is due at completion (the day it was completed, or the planned day
    while it is not): overdue when that day has passed and there is no result."""
    due = completed_on or planned_completion
    return not result and due < today
