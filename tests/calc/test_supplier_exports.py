"""Energy suppliers' exports read through a column template (issue 12): months as Swedish Excel
writes them, MWh to kWh, a fixed carrier when the file has none."""

import pytest

from nettonoll.calc.supplier_exports import SupplierTemplate, contract_row, kwh_text, month_text


@pytest.mark.parametrize(
    ("raw", "month"),
    [
        ("2024-01", "2024-01"),
        ("2024-1", "2024-01"),
        ("2024-01-31", "2024-01"),
        ("2024-01-01 00:00:00", "2024-01"),
        ("202401", "2024-01"),
        ("jan-24", "2024-01"),
        ("Jan 2024", "2024-01"),
        ("januari 2024", "2024-01"),
        ("maj-23", "2023-05"),
        ("okt-19", "2019-10"),
        ("01.2024", "2024-01"),
        ("2024-13", None),
        ("jul", None),
        ("xyz-24", None),
    ],
)
def test_a_suppliers_month(raw: str, month: str | None) -> None:
    assert month_text(raw) == month


def test_mwh_become_kwh_and_a_text_passes_on_unchanged() -> None:
    assert kwh_text("4,5", "MWh") == "4500"
    assert kwh_text("1 234,5", "kWh") == "1234.5"
    assert kwh_text("ingen", "MWh") == "ingen"


def test_a_row_through_a_template_with_a_fixed_carrier() -> None:
    template = SupplierTemplate(
        name="fv",
        building_column="Anläggning",
        month_column="Period",
        kwh_column="Förbrukning MWh",
        carrier="fjärrvärme",
        unit="MWh",
    )
    row = {"anläggning": "B-1", "period": "jan-24", "förbrukning mwh": "4,0"}
    assert contract_row(row, template) == ["B-1", "2024-01", "fjärrvärme", "4000", ""]
