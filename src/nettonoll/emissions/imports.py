"""Import and export of reported totals (`nettonoll import historical-totals`, the web's import
page): columns `year,scope,category,t_co2e,source`, all or nothing, one row per year, scope and
category (an empty category: the scope's total where no split is known)."""

import decimal
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_noop

from nettonoll.accounts.models import User
from nettonoll.calc.categories import labels
from nettonoll.calc.problems import Problem, Rejected, register
from nettonoll.common.tablespec import (
    Choice,
    Code,
    Decimal,
    ImportResult,
    TableSpec,
    Text,
    Year,
    max_length,
)
from nettonoll.common.templatetags.categories import category_label
from nettonoll.emissions.models import EmissionFactor, ReportedTotal
from nettonoll.emissions.year_services import reported_total_save
from nettonoll.organisations.models import Organisation

register(
    {
        "reported_organisation_unknown": gettext_noop("Organisationen %(code)s finns inte."),
        "reported_category_unknown": gettext_noop(
            "okänd kategori %(category)s: ange en kategori som finns bland faktorerna, eller "
            "lämna kolumnen tom för resten av scopet"
        ),
        "reported_scope_unknown": gettext_noop("okänt scope %(scope)s (tillåtna: 1, 2, 3)"),
        "reported_total_repeated": gettext_noop(
            "samma år, scope och kategori finns redan på rad %(line)d"
        ),
    }
)

SCOPES = {
    **{str(s): str(s) for s in (1, 2, 3)},
    **{f"scope {s}": str(s) for s in (1, 2, 3)},
    **{f"scope{s}": str(s) for s in (1, 2, 3)},
}
HISTORICAL_TOTALS = TableSpec(
    title="redovisade summor",
    columns=(
        Year(name="year", required=True, min=1990, max=2100, example="2011"),
        Choice(
            name="scope",
            required=True,
            aliases=SCOPES,
            unknown="reported_scope_unknown",
            param="scope",
            example="1",
        ),
        Code(name="category", max_length=max_length(ReportedTotal, "category")),
        Decimal(
            name="t_co2e",
            required=True,
            unit="t CO2e",
            min=decimal.Decimal(0),
            max=decimal.Decimal("1e10"),
            example="123 456",
        ),
        Text(
            name="source",
            required=True,
            max_length=max_length(ReportedTotal, "source"),
            example="Klimatbokslut 2011, s. 4",
        ),
    ),
    key=("year", "scope", "category"),
    repeated="reported_total_repeated",
)


def known_categories(organisation: Organisation) -> dict[str, str]:
    """The categories a reported total may name, code → Swedish name: the shipped ones and the
    organisation's own factors' (a code nobody can compute is a typing error)."""
    codes = set(labels()) | set(
        EmissionFactor.objects.filter(factor_set__organisation=organisation).values_list(
            "category", flat=True
        )
    )
    return dict(sorted(((c, category_label(c)) for c in codes), key=lambda item: item[1]))


def historical_totals_import(
    *, organisation_code: str, data: bytes, filename: str, by: User | None = None
) -> ImportResult:
    """Add or change the organisation's reported totals from a file; rows not in the file stay."""
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        raise Rejected([Problem("reported_organisation_unknown", {"code": organisation_code})])
    parsed = HISTORICAL_TOTALS.read(data, filename)
    known = known_categories(organisation)
    parsed.problems += [
        Problem("reported_category_unknown", {"category": row["category"]}, line=row.line)
        for row in parsed.rows
        if row["category"] and row["category"] not in known
    ]
    parsed.reject()
    existing = {
        (t.year, t.scope, t.category): t
        for t in ReportedTotal.objects.filter(organisation=organisation)
    }
    created = updated = unchanged = 0
    with transaction.atomic():
        for row in parsed.rows:
            key = (row["year"], int(row["scope"]), row["category"] or "")
            t_co2e, source = float(row["t_co2e"]), row["source"]
            current = existing.get(key)
            if current is not None and (current.t_co2e, current.source) == (t_co2e, source):
                unchanged += 1
                continue
            reported_total_save(
                organisation=organisation,
                year=key[0],
                scope=key[1],
                category=key[2],
                t_co2e=t_co2e,
                source=source,
                by=by,
            )
            if current is None:
                created += 1
            else:
                updated += 1
    return ImportResult(created, updated, unchanged)


def historical_totals_rows(organisation: Organisation) -> Iterable[tuple[object, ...]]:
    """The organisation's reported totals in the import's columns (for the export)."""
    return [
        (t.year, t.scope, t.category, t.t_co2e, t.source)
        for t in ReportedTotal.objects.filter(organisation=organisation)
    ]
