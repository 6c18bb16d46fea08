"""Energy readings from an energy supplier's export through one of the organisation's column
templates (`calc.supplier_exports`): the file is turned into the readings' contract columns and
imported all or nothing as the readings' own import does; a refusal names the lines and the
supplier's columns of the original file."""

from typing import Any

from nettonoll.accounts.models import User
from nettonoll.calc import supplier_exports as calc
from nettonoll.calc.problems import Problem, Rejected
from nettonoll.common.records import require_version, save_versioned
from nettonoll.common.tablespec import ImportResult
from nettonoll.common.tabular import read_table, write_csv
from nettonoll.estate.models import SupplierTemplate
from nettonoll.organisations.models import Organisation
from nettonoll.registers.tables import table_import

FIELDS = (
    "title",
    "building_column",
    "month_column",
    "kwh_column",
    "unit",
    "carrier_column",
    "carrier",
    "share_column",
)


def template_of(row: SupplierTemplate) -> calc.SupplierTemplate:
    return calc.SupplierTemplate(
        name=row.name,
        building_column=row.building_column,
        month_column=row.month_column,
        kwh_column=row.kwh_column,
        carrier_column=row.carrier_column,
        carrier=row.carrier,
        share_column=row.share_column,
        unit=row.unit,
    )


def supplier_templates_of(organisation: Organisation) -> list[SupplierTemplate]:
    return list(SupplierTemplate.objects.filter(organisation=organisation))


def supplier_template_save(
    *, organisation: Organisation, values: dict[str, Any], by: User | None = None
) -> SupplierTemplate:
    """Create or change (by its code) a template; `values["version"]`: the version the user saw
    (0: a new one); another save since is refused (`StaleEdit`)."""
    existing = SupplierTemplate.objects.filter(
        organisation=organisation, name=values["name"]
    ).first()
    expected = values.get("version")
    if expected is not None:
        require_version(existing, expected)
    row = existing or SupplierTemplate(organisation=organisation, name=values["name"])
    for name in FIELDS:
        setattr(row, name, values.get(name) or "")
    row.unit = row.unit or "kWh"
    save_versioned(row, expected_version=expected, by=by)
    return row


def supplier_import(
    *,
    organisation_code: str,
    template_name: str,
    data: bytes,
    filename: str,
    by: User | None = None,
) -> ImportResult:
    """Import a supplier's export through the organisation's template `template_name`."""
    row = SupplierTemplate.objects.filter(
        organisation__code=organisation_code, name=template_name
    ).first()
    if row is None:
        raise Rejected([Problem("supplier_template_unknown", {"name": template_name})])
    template = template_of(row)
    source = template.source_of()
    shown = template.headers()  # the supplier's headers as written, for the messages
    try:
        table = read_table(data, filename, required=list(dict.fromkeys(source.values())))
    except Rejected as rejected:
        raise Rejected([_as_written(p, shown) for p in rejected.problems]) from rejected
    lines: list[int] = []
    rows: list[list[str]] = []
    for found in table.rows:
        if not any(found.values.get(header, "") for header in source.values()):
            continue
        rows.append(calc.contract_row(found.values, template))
        lines.append(found.line)
    if not rows:
        raise Rejected([Problem("file_empty")])
    try:
        return table_import(
            "energy-readings",
            organisation_code=organisation_code,
            data=write_csv(calc.CONTRACT, rows),
            filename=f"{filename}.csv",
            by=by,
        )
    except Rejected as rejected:
        raise Rejected(
            [
                Problem(
                    p.code,
                    p.params,
                    lines[p.line - 2] if 2 <= p.line < len(lines) + 2 else p.line,
                    shown.get(p.column, p.column),
                )
                for p in rejected.problems
            ]
        ) from rejected


def _as_written(problem: Problem, shown: dict[str, str]) -> Problem:
    """A problem of the supplier's file with the template's headers as written, not lower case."""
    if problem.code != "columns_missing_required":
        return problem
    by_lower = {v.lower(): v for v in shown.values()}
    missing = [by_lower.get(c.strip(), c.strip()) for c in problem.params["missing"].split(",")]
    params = {
        "missing": ", ".join(missing),
        "required": ", ".join(dict.fromkeys(shown.values())),
    }
    return Problem(problem.code, params, problem.line, problem.column)
