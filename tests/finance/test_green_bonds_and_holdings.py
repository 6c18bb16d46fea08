"""Green bonds (ISIN with its check digit) at the organisation's root, the projects their money
is allocated to (never above the bond's amount), and holdings screened for fossil fuels; the
shares on 31 December computed by hand (issue 12)."""

import datetime
from decimal import Decimal

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.finance import metrics
from nettonoll.finance.models import GreenBond, GreenBondProject, Holding
from nettonoll.organisations.models import Node
from nettonoll.registers.tables import table_rows
from tests.finance.conftest import load

pytestmark = pytest.mark.django_db

BONDS = """isin;amount_sek;issued_on;matures_on;framework
US0378331005;1 000 000 000;2022-05-10;2027-05-10;Grönt ramverk 2021
se 0000 1086 56;500 000 000;2024-06-01;;Grönt ramverk 2021
"""
PROJECTS = """isin;project_code;name;category;allocated_sek;impact_t_co2e_per_year
US0378331005;P-1;Vårdhus;gröna byggnader;600 000 000;400
US0378331005;P-2;Solceller;förnybar energi;150 000 000;120,5
SE0000108656;P-3;Elbussar;ren transport;100 000 000;
"""
HOLDINGS = """holding_code;instrument;value_sek;fossil_free;screening_source;held_from;held_to
H-1;Räntefond A;300;ja;Fondbolagets rapport 2024;2023-01-01;
H-2;Aktiefond B;100;nej;Fondbolagets rapport 2024;2023-01-01;2024-06-30
H-3;Grön obligation C;100;ja;;2024-01-01;
"""


def test_bonds_belong_to_the_root_with_normalised_isins(root: Node) -> None:
    assert load("green-bonds", root, BONDS).created == 2  # type: ignore[attr-defined]
    bond = GreenBond.objects.get(organisation=root.organisation, isin="SE0000108656")
    assert bond.node == root
    assert (bond.valid_from, bond.valid_to) == (datetime.date(2024, 6, 1), None)
    assert table_rows("green-bonds", root.organisation)[0] == [
        "SE0000108656",
        "500000000",
        "2024-06-01",
        "",
        "Grönt ramverk 2021",
    ]


def test_a_wrong_check_digit_is_refused_with_line_and_column(root: Node) -> None:
    bad = BONDS + "US0378331006;10;2024-01-01;2023-01-01;\nABC;10;2024-01-01;;\n"
    with pytest.raises(Rejected) as refused:
        load("green-bonds", root, bad)
    found = {(p.code, p.line, p.column) for p in refused.value.problems}
    assert found == {
        ("finance_isin_invalid", 4, "isin"),
        ("finance_matures_before_issue", 4, "matures_on"),
        ("finance_isin_shape", 5, "isin"),
    }
    assert next(p for p in refused.value.problems if p.line == 4).params["digit"] == 5
    assert GreenBond.objects.filter(organisation=root.organisation).count() == 0


def test_allocated_share_and_impact_on_31_december(root: Node) -> None:
    load("green-bonds", root, BONDS)
    assert load("green-bond-projects", root, PROJECTS).created == 3  # type: ignore[attr-defined]
    shares = metrics.allocated_pct(root)
    # 2022–2023: only the first bond, 750 M of 1 000 M; 2024: 850 M of 1 500 M
    assert shares[2022] == 75.0
    assert shares[2024] == pytest.approx(850 / 1500 * 100)
    assert 2021 not in shares
    assert metrics.impact_t_co2e(root)[2024] == pytest.approx(520.5)
    # a unit below the root has no bonds: no value, not 0 %
    assert metrics.allocated_pct(Node.objects.get(organisation=root.organisation, code="E1")) == {}


def test_an_allocation_above_the_bonds_amount_is_refused(root: Node) -> None:
    load("green-bonds", root, BONDS)
    load("green-bond-projects", root, PROJECTS)
    more = "isin;project_code;name;category;allocated_sek\nUS0378331005;P-9;Tåg;ren transport;260 000 000\n"
    with pytest.raises(Rejected) as refused:
        load("green-bond-projects", root, more)  # 750 M stored + 260 M > 1 000 M
    assert [(p.code, p.line, p.column) for p in refused.value.problems] == [
        ("finance_allocated_above_amount", 2, "allocated_sek")
    ]
    # a project's allocation changed in the file replaces the stored one
    lower = PROJECTS.replace("600 000 000", "500 000 000")
    load("green-bond-projects", root, lower + "US0378331005;P-9;Tåg;ren transport;250 000 000;\n")
    assert GreenBondProject.objects.filter(bond__organisation=root.organisation).count() == 4
    # and the bond's amount cannot be lowered below what is allocated
    with pytest.raises(Rejected) as lowered:
        load("green-bonds", root, BONDS.replace("1 000 000 000", "800 000 000"))
    assert [(p.code, p.line, p.column) for p in lowered.value.problems] == [
        ("finance_amount_below_allocated", 2, "amount_sek")
    ]


def test_fossil_free_share_by_value_on_31_december(root: Node) -> None:
    assert load("holdings", root, HOLDINGS).created == 3  # type: ignore[attr-defined]
    assert all(h.node == root for h in Holding.objects.filter(organisation=root.organisation))
    shares = metrics.fossil_free_pct(root)
    # 2023: 300 of 400; 2024: H-2 sold in June: 400 of 400
    assert shares[2023] == 75.0
    assert shares[2024] == 100.0
    assert 2022 not in shares


def test_an_empty_register_has_no_values(root: Node) -> None:
    assert metrics.fossil_free_pct(root) == {}
    assert metrics.allocated_pct(root) == {}
    Holding.objects.create(
        organisation=root.organisation,
        node=root,
        holding_code="Z",
        instrument="Noll",
        value_sek=Decimal(0),
        valid_from=datetime.date(2024, 1, 1),
    )
    assert metrics.fossil_free_pct(root) == {}  # nothing to divide by


def test_bonds_whose_projects_report_no_impact_have_no_impact_value(root: Node) -> None:
    load("green-bonds", root, BONDS)
    only_unreported = "isin;project_code;name;category;allocated_sek;impact_t_co2e_per_year\n"
    only_unreported += "SE0000108656;P-3;Elbussar;ren transport;100 000 000;\n"
    load("green-bond-projects", root, only_unreported)
    impact = metrics.impact_t_co2e(root)
    # 2022–2023 the first bond has no projects, 2024 the second's project reports nothing:
    # no value ("–"), not 0 t
    assert impact == {}
    assert metrics.allocated_pct(root)[2024] == pytest.approx(100 / 1500 * 100)
