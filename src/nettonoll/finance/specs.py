"""The import/export columns of green bonds, their projects and holdings (a contract: README and
docs/methods/finance.md list them)."""

from dataclasses import dataclass
from decimal import Decimal as D
from typing import Any

from nettonoll.calc.green_finance import ISIN_SHAPE, isin_check_digit, isin_normalised
from nettonoll.common.tablespec import (
    Boolean,
    Choice,
    Code,
    Date,
    Decimal,
    Invalid,
    Reference,
    TableSpec,
    Text,
    max_length,
    quoted,
)
from nettonoll.finance.models import GreenBond, GreenBondProject, Holding, ProjectCategory
from nettonoll.registers.specs import aliases


@dataclass(frozen=True, kw_only=True)
class Isin(Code):
    """An ISIN (ISO 6166), written with or without spaces, in any case: the value is the
    normalised code, refused when its shape or check digit is wrong."""

    def parse(self, raw: str, refs: Any) -> Any:
        isin = isin_normalised(raw)
        if not ISIN_SHAPE.fullmatch(isin):
            raise Invalid("finance_isin_shape", {"value": quoted(raw)})
        digit = isin_check_digit(isin[:11])
        if digit != int(isin[11]):
            raise Invalid("finance_isin_invalid", {"value": quoted(raw), "digit": digit})
        return isin


CATEGORIES = aliases(
    ProjectCategory,
    {
        "renewable energy": "förnybar energi",
        "energy efficiency": "energieffektivisering",
        "green buildings": "gröna byggnader",
        "clean transportation": "ren transport",
        "clean transport": "ren transport",
        "climate adaptation": "klimatanpassning",
        "water": "vatten",
        "circular economy": "cirkularitet",
        "biodiversity": "biologisk mångfald",
        "other": "annat",
    },
)

GREEN_BONDS = TableSpec(
    title="Gröna obligationer",
    columns=(
        Isin(
            name="isin",
            required=True,
            max_length=20,
            example="SE0017832488",
        ),
        Decimal(
            name="amount_sek",
            required=True,
            unit="kr",
            min=D(1),
            max=D("1e15"),
            example="1000000000",
        ),
        Date(name="issued_on", required=True, example="2022-05-10"),
        Date(name="matures_on", example="2027-05-10"),
        Text(
            name="framework",
            max_length=max_length(GreenBond, "framework"),
            example="Grönt ramverk 2021",
        ),
    ),
    key=("isin",),
)

GREEN_BOND_PROJECTS = TableSpec(
    title="Projekt i gröna obligationer",
    columns=(
        Reference(name="isin", required=True, example="SE0017832488"),
        Code(
            name="project_code",
            required=True,
            max_length=max_length(GreenBondProject, "project_code"),
            example="P-12",
        ),
        Text(
            name="name",
            required=True,
            max_length=max_length(GreenBondProject, "name"),
            example="Nytt vårdhus, Miljöbyggnad Guld",
        ),
        Choice(name="category", required=True, aliases=CATEGORIES, example="gröna byggnader"),
        Decimal(
            name="allocated_sek",
            required=True,
            unit="kr",
            min=D(0),
            max=D("1e15"),
            example="250000000",
        ),
        Decimal(
            name="impact_t_co2e_per_year",
            optional_header=True,
            unit="ton CO2e/år",
            min=D(0),
            max=D("1e9"),
            example="420",
        ),
    ),
    key=("isin", "project_code"),
)

HOLDINGS = TableSpec(
    title="Innehav",
    columns=(
        Code(
            name="holding_code",
            required=True,
            max_length=max_length(Holding, "holding_code"),
            example="H-001",
        ),
        Text(
            name="instrument",
            required=True,
            max_length=max_length(Holding, "instrument"),
            example="Räntefond A",
        ),
        Decimal(
            name="value_sek", required=True, unit="kr", min=D(0), max=D("1e15"), example="50000000"
        ),
        Boolean(name="fossil_free", required=True, example="ja"),
        Text(
            name="screening_source",
            max_length=max_length(Holding, "screening_source"),
            example="Fondbolagets hållbarhetsrapport 2024",
        ),
        Date(name="held_from", required=True, example="2023-01-01"),
        Date(name="held_to"),
    ),
    key=("holding_code",),
)
