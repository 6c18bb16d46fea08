"""Green bonds, their projects and holdings as declarations (`registers.declare`)."""

from django.utils.translation import gettext_lazy as _

from nettonoll.finance import specs
from nettonoll.finance.imports import allocation_checks, bond_checks, holding_checks
from nettonoll.finance.models import GreenBond, GreenBondProject, Holding
from nettonoll.registers.children import ChildTable
from nettonoll.registers.declarations import Register, date_cell, number_cell, yes_no_cell


def bond_row(b: GreenBond) -> list[object]:
    return [
        b.isin,
        number_cell(b.amount_sek),
        date_cell(b.valid_from),
        date_cell(b.valid_to),
        b.framework,
    ]


def project_row(p: GreenBondProject) -> list[object]:
    return [
        p.bond.isin,
        p.project_code,
        p.name,
        p.category,
        number_cell(p.allocated_sek),
        number_cell(p.impact_t_co2e),
    ]


def holding_row(h: Holding) -> list[object]:
    return [
        h.holding_code,
        h.instrument,
        number_cell(h.value_sek),
        yes_no_cell(h.fossil_free),
        h.screening_source,
        date_cell(h.valid_from),
        date_cell(h.valid_to),
    ]


def _isin_checked(text: str) -> str:
    from django.core.exceptions import ValidationError

    from nettonoll.calc.green_finance import isin_normalised, isin_valid

    isin = isin_normalised(text)
    if not isin_valid(isin):
        raise ValidationError(
            _("ISIN-koden stämmer inte (landskod, nio tecken och en kontrollsiffra).")
        )
    return isin


GREEN_BONDS = Register(
    key="green-bonds",
    slug="grona-obligationer",
    model=GreenBond,
    label=_("grön obligation"),
    label_plural=_("Gröna obligationer"),
    code_field="isin",
    spec=specs.GREEN_BONDS,
    row=bond_row,
    list_fields=("isin", "amount_sek", "valid_from", "valid_to", "framework"),
    filters=(),
    form_fields=("isin", "node", "amount_sek", "valid_from", "valid_to", "framework"),
    code_checked=_isin_checked,
    new_label=_("Ny grön obligation"),
    checks=bond_checks,
    repeated="finance_isin_repeated",
    field_of={"issued_on": "valid_from", "matures_on": "valid_to"},
    word=_("gröna obligationer"),
    overview="finance:overview",
    at_root=True,
)

GREEN_BOND_PROJECTS = ChildTable(
    key="green-bond-projects",
    slug="grona-obligationer-projekt",
    model=GreenBondProject,
    label_plural=_("Projekt i gröna obligationer"),
    word=_("projekt"),
    parent="green-bonds",
    parent_column="isin",
    parent_field="bond",
    spec=specs.GREEN_BOND_PROJECTS,
    row=project_row,
    field_of={"impact_t_co2e_per_year": "impact_t_co2e"},
    file_checks=allocation_checks,
)

HOLDINGS = Register(
    key="holdings",
    slug="innehav",
    model=Holding,
    label=_("innehav"),
    label_plural=_("Innehav"),
    code_field="holding_code",
    spec=specs.HOLDINGS,
    row=holding_row,
    list_fields=("holding_code", "instrument", "value_sek", "fossil_free", "valid_from"),
    filters=("fossil_free",),
    form_fields=(
        "holding_code",
        "node",
        "instrument",
        "value_sek",
        "fossil_free",
        "screening_source",
        "valid_from",
        "valid_to",
    ),
    new_label=_("Nytt innehav"),
    checks=holding_checks,
    repeated="finance_holding_code_repeated",
    field_of={"held_from": "valid_from", "held_to": "valid_to"},
    word=_("innehav"),
    overview="finance:overview",
    at_root=True,
)
