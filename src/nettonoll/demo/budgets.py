"""Demo carbon budget and climate action plan for Region Stockholm: the derivation follows its
budget goal (net zero by 2035); the measures, their effects and costs are fictitious."""

from datetime import date
from decimal import Decimal
from itertools import pairwise

from nettonoll.accounts.models import User
from nettonoll.budgets.models import CarbonBudget
from nettonoll.budgets.services import carbon_budget_save
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans.models import Activity, Goal
from nettonoll.plans.services import activity_create, goal_distribute

# (node, goal code, title, t CO2e a year, start year, cost in SEK) — all fictitious
MEASURES = [
    ("TF-FORD", "K3", "Elbussar ersätter biogasbussar i innerstaden", 9_000, 2026, 450_000_000),
    (
        "TF-FORD",
        "K3",
        "Diesel ersätts med HVO100 i all upphandlad trafik",
        25_000,
        2025,
        60_000_000,
    ),
    ("HSF", "K2", "Lustgasdestruktion på akutsjukhusens förlossningar", 4_000, 2025, 15_000_000),
    ("HSF", "K2", "Desfluran fasas ut i anestesin", 300, 2025, 0),
    ("HSF-CIRK", "K2", "Mindre nötkött i patientmåltiderna", 1_200, 2026, 2_000_000),
    ("RLK", "K2", "Tåg före flyg: ny resepolicy", 500, 2025, 500_000),
    (
        "RLK-UPH",
        "K2",
        "Klimatkrav i upphandling av bygg och medicinteknik",
        6_000,
        2027,
        25_000_000,
    ),
]


def _reach(goal: Goal, node: Node, by: User | None) -> None:
    """Distribute the goal down the chain from the root to the node (as managers would)."""
    chain = [*node.get_ancestors(), node]
    for parent, child in pairwise(chain):
        goal_distribute(goal=goal, from_node=parent, to_nodes=[child], by=by)


def demo_budgets_load() -> None:
    organisation = Organisation.objects.get(code="RST")
    by = User.objects.filter(username="strateg.stockholm").first()
    if not CarbonBudget.objects.filter(organisation=organisation).exists():
        carbon_budget_save(
            organisation=organisation,
            values={
                "derivation": "target-path",
                "convention": "discrete-next",
                "start_year": 2022,
                "county_code": "01",
                "net_zero_year": 2035,
                "decision_reference": "RS 2023-0000 (påhittat)",
                "reduction_base_year": 2011,  # reported totals (demo/emissions.py)
                "reduction_pct": 50,
                "reduction_year": 2030,
            },
            by=by,
        )
    for node_code, goal_code, title, effect, start, cost in MEASURES:
        node = Node.objects.get(organisation=organisation, code=node_code)
        if Activity.objects.filter(node=node, title=title).exists():
            continue
        goal = Goal.objects.get(plan__organisation=organisation, code=goal_code)
        _reach(goal, node, by)
        activity_create(
            node=node,
            goals=[goal],
            by=by,
            title=title,
            description="Påhittad åtgärd i demon; effekt och kostnad är exempel.",
            start_on=date(start, 1, 1),
            status="pagar" if start <= 2025 else "ej_paborjad",
            expected_effect_quantity=Decimal(effect),
            expected_effect_unit="t CO2e/år",
            cost_sek=Decimal(cost),
        )
