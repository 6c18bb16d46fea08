"""The procurements' and their requirements' table specs (a contract: scripts outside the
repository use these columns).

A diarienummer often has a space (`RS 2024-0123`), which the framework's `Code` column refuses:
the code is a `Text` column of at most 50 characters whose white space is normalised (trimmed,
runs of spaces, tabs and no-break spaces written as one space), in the procurements file and
where the requirements file names it."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal as D
from typing import Any

from nettonoll.common.tablespec import (
    Choice,
    Date,
    Decimal,
    NodeReference,
    Reference,
    TableSpec,
    Text,
    max_length,
)
from nettonoll.procurement.models import (
    Area,
    Level,
    Placement,
    Procurement,
    Requirement,
    Result,
    case_number,
)
from nettonoll.registers.specs import aliases


@dataclass(frozen=True, kw_only=True)
class CaseNumber(Text):
    """A diarienummer: any characters, white space normalised."""

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        return case_number(raw)


@dataclass(frozen=True, kw_only=True)
class CaseNumberReference(Reference):
    """A procurement by its diarienummer, however the spaces in it are written."""

    def parse(self, raw: str, refs: Mapping[str, Any] | None) -> Any:
        return super().parse(case_number(raw), refs)


AREAS = aliases(
    Area,
    {
        "climate": "klimat",
        "miljö och klimat": "klimat",
        "circularity": "cirkularitet",
        "circular": "cirkularitet",
        "cirkulär": "cirkularitet",
        "cirkulärt": "cirkularitet",
        "chemicals": "kemikalier",
        "kemikalie": "kemikalier",
        "social sustainability": "social",
        "socialt": "social",
        "social hänsyn": "social",
        "other": "annat",
        "övrigt": "annat",
    },
)
LEVELS = aliases(
    Level,
    {
        "basic": "bas",
        "base": "bas",
        "basnivå": "bas",
        "advanced": "avancerad",
        "spearhead": "spjutspets",
        "cutting edge": "spjutspets",
    },
)
PLACEMENTS = aliases(
    Placement,
    {
        "qualification": "kvalificering",
        "kvalificeringskrav": "kvalificering",
        "technical specification": "teknisk specifikation",
        "teknisk spec": "teknisk specifikation",
        "teknisk_spec": "teknisk specifikation",
        "award": "tilldelning",
        "award criterion": "tilldelning",
        "contract condition": "kontraktsvillkor",
        "contract conditions": "kontraktsvillkor",
        "contract performance clause": "kontraktsvillkor",
    },
)
RESULTS = aliases(
    Result,
    {
        "fulfilled": "uppfyllt",
        "met": "uppfyllt",
        "partly": "delvis",
        "partially": "delvis",
        "partly fulfilled": "delvis",
        "not fulfilled": "ej uppfyllt",
        "not met": "ej uppfyllt",
        "ej_uppfyllt": "ej uppfyllt",
        "inte uppfyllt": "ej uppfyllt",
    },
)

PROCUREMENTS = TableSpec(
    title="Upphandlingar",
    columns=(
        CaseNumber(
            name="procurement_code",
            required=True,
            max_length=max_length(Procurement, "procurement_code"),
            example="RS 2024-0123",
        ),
        Text(
            name="title",
            required=True,
            max_length=max_length(Procurement, "title"),
            example="Kontorsmöbler",
        ),
        NodeReference(name="node_code", required=True, example="1010"),
        Decimal(
            name="value_sek", required=True, unit="kr", min=D(0), max=D("1e13"), example="2500000"
        ),
        Date(name="decided_on", required=True, example="2024-03-15"),
        Date(name="contract_from", required=True, example="2024-05-01"),
        Date(name="contract_to", example="2028-04-30"),
    ),
    key=("procurement_code",),
)

REQUIREMENTS = TableSpec(
    title="Upphandlingskrav",
    columns=(
        CaseNumberReference(name="procurement_code", required=True, example="RS 2024-0123"),
        Text(
            name="requirement_code",
            required=True,
            max_length=max_length(Requirement, "requirement_code"),
            example="K1",
        ),
        Text(
            name="criterion_id",
            max_length=max_length(Requirement, "criterion_id"),
            example="10140:1",
        ),
        Choice(
            name="area",
            required=True,
            aliases=AREAS,
            allowed="klimat, cirkularitet, kemikalier, social, annat",
            example="cirkularitet",
        ),
        Choice(
            name="level",
            aliases=LEVELS,
            default="",
            allowed="bas, avancerad, spjutspets",
            example="avancerad",
        ),
        Choice(
            name="placement",
            aliases=PLACEMENTS,
            default="",
            allowed="kvalificering, teknisk specifikation, tilldelning, kontraktsvillkor",
            example="teknisk specifikation",
        ),
        Date(name="follow_up_planned_on", example="2025-05-01"),
        Date(name="followed_up_on", example=""),
        Choice(
            name="result",
            aliases=RESULTS,
            default="",
            allowed="uppfyllt, delvis, ej uppfyllt",
            example="",
        ),
        # beyond the contract's columns, and optional in a file
        Text(
            name="description",
            optional_header=True,
            max_length=max_length(Requirement, "description"),
        ),
        Text(name="note", optional_header=True, max_length=2000),
    ),
    key=("procurement_code", "requirement_code"),
)
