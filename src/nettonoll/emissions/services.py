"""Writes of the klimatbokslut: the organisation's factor set (versioned), activity-data imports
(atomic, checksummed, original and Parquet kept, aggregates in the database) and recalculation."""

import hashlib
import io
from collections.abc import Callable
from typing import Any

import polars as pl
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone

from nettonoll.accounts.models import User
from nettonoll.calc.factors import GWP_SETS, Factor, FactorError, default_factors
from nettonoll.calc.inventory import (
    aggregate,
    content_checksum,
    factor_problems,
    parse_activities,
    read_mapped,
)
from nettonoll.calc.problems import Problem, Rejected, groups_of
from nettonoll.calc.units import UnitError, conversion_factor
from nettonoll.common import jobs
from nettonoll.common.history import changed_by
from nettonoll.common.models import Job
from nettonoll.common.records import require_version, save_versioned
from nettonoll.emissions.models import (
    ActivityAggregate,
    ColumnMapping,
    EmissionFactor,
    FactorSet,
    ImportBatch,
    ImportJob,
    InventoryResult,
)
from nettonoll.emissions.reorganise import successor_codes
from nettonoll.emissions.selectors import (
    active_aggregates,
    factor_set_of,
    factor_table,
    own_mapping,
    shipped_factors_missing,
)
from nettonoll.organisations.models import Node, Organisation

AGGREGATE_COLUMNS = (
    "org_unit",
    "category",
    "year",
    "unit",
    "quantity",
    "first_line",
    "rows",
    "months",
)
Progress = Callable[[int, str], None]  # (per cent done, step code) — see IMPORT_STEPS


def _no_progress(_pct: int, _step: str) -> None:
    pass


def _factor_row(factor_set: FactorSet, factor: Factor, *, is_own: bool) -> EmissionFactor:
    return EmissionFactor(
        factor_set=factor_set,
        category=factor.category,
        valid_year=factor.valid_year,
        factor=factor.factor,
        unit=factor.unit,
        scope=factor.scope,
        scope3_category=factor.scope3_category,
        gwp_set=factor.gwp_set,
        boundary=factor.boundary,
        publisher=factor.publisher,
        title=factor.title,
        year=factor.year,
        link=factor.link,
        confidence=factor.confidence,
        note=factor.note,
        is_own=is_own,
    )


@transaction.atomic
def factor_set_ensure(*, organisation: Organisation) -> FactorSet:
    """The organisation's factor set, created from the shipped Swedish defaults when missing."""
    factor_set = factor_set_of(organisation)
    if factor_set is None:
        factor_set = FactorSet.objects.create(organisation=organisation)
        EmissionFactor.objects.bulk_create(
            _factor_row(factor_set, f, is_own=False) for f in default_factors()
        )
    return factor_set


@transaction.atomic
def factor_save(
    *,
    organisation: Organisation,
    factor: Factor,
    expected_version: int | None = None,
    by: User | None = None,
) -> EmissionFactor:
    """Add or change one of the organisation's own factors (a contracted electricity product, a
    local district-heating network); makes a new factor-set version and recalculates.
    `expected_version` is the version of the own factor the user's form showed (0: none, the
    shipped default may be replaced); anything saved since is refused with `StaleEdit`."""
    factor.tonnes_per_unit  # noqa: B018  # validates the unit; raises UnitError
    factor_set = FactorSet.objects.select_for_update().get(
        pk=factor_set_ensure(organisation=organisation).pk
    )
    row = EmissionFactor.objects.filter(
        factor_set=factor_set,
        category=factor.category,
        valid_year=factor.valid_year,
        gwp_set=factor.gwp_set,
        scope=factor.scope,
    ).first()
    if expected_version is not None and row is not None and (row.is_own or expected_version):
        require_version(row, expected_version)
    new = _factor_row(factor_set, factor, is_own=True)
    if row is not None:
        if not row.history.exists():
            row.save()  # the shipped value it replaces goes into the history first
        new.pk, new.version = row.pk, row.version + 1  # the factor set's row lock serialises
    changed_by(new, by)
    new.save()
    factor_set.version += 1
    factor_set.changed_at = timezone.now()
    changed_by(factor_set, by)
    factor_set.save()
    _recalculate_in_background(organisation)
    return new


RECALCULATE = "emissions.recalculate"  # job kinds; their handlers are in tasks.py


@transaction.atomic
def factor_set_add_shipped(*, organisation: Organisation, by: User | None = None) -> int:
    """Add the shipped factors the organisation's set lacks (vintages published since it was
    made): one new factor-set version, each factor in its history, and a recalculation. Nothing
    the set has is changed, so own factors stay and earlier years keep their vintage. Returns
    the number of factors added."""
    factor_set = FactorSet.objects.select_for_update().get(
        pk=factor_set_ensure(organisation=organisation).pk
    )
    missing = shipped_factors_missing(factor_set)
    for factor in missing:
        row = _factor_row(factor_set, factor, is_own=False)
        changed_by(row, by)
        row.save()
    if missing:
        factor_set.version += 1
        factor_set.changed_at = timezone.now()
        changed_by(factor_set, by)
        factor_set.save()
        _recalculate_in_background(organisation)
    return len(missing)


@transaction.atomic
def gwp_set_choose(
    *, organisation: Organisation, gwp_set: str, by: User | None = None
) -> FactorSet:
    """The organisation's GWP set (AR5 by default, as the national inventory); a change makes a
    new factor-set version, kept in its history, and recalculates every result with it."""
    if gwp_set not in GWP_SETS:
        raise Rejected(
            [Problem("gwp_set_unknown", {"gwp_set": gwp_set, "known": ", ".join(GWP_SETS)})]
        )
    factor_set = FactorSet.objects.select_for_update().get(
        pk=factor_set_ensure(organisation=organisation).pk
    )
    if factor_set.gwp_set == gwp_set:
        return factor_set
    factor_set.gwp_set = gwp_set
    factor_set.version += 1
    factor_set.changed_at = timezone.now()
    changed_by(factor_set, by)
    factor_set.save()
    _recalculate_in_background(organisation)
    return factor_set


def _recalculate_in_background(organisation: Organisation) -> None:
    """Queue the recalculation: the job is queued when the caller's transaction commits, so the
    worker sees it only with the new factors (in tests and development it runs then, at once)."""
    jobs.job_queue(kind=RECALCULATE, title=organisation.code, subject=organisation)


def inventory_recalculate(*, organisation: Organisation) -> int:
    """Results for every active aggregate with the factor set in force. Only the few distinct
    (category, year, unit) combinations meet the factor table in Python; the database multiplies
    every aggregate in one INSERT … SELECT, so the cost does not depend on the number of imported
    rows (bar: ≤ 100 ms, benchmarks/klimatbokslut.py). Returns the number of results."""
    factor_set = factor_set_ensure(organisation=organisation)
    table, ids = factor_table(factor_set)
    factors = []
    for category, year, unit in (
        active_aggregates(organisation).values_list("category", "year", "unit").distinct()
    ):
        try:
            parts = table.parts(category, year)
            to_denominator = conversion_factor(unit, parts[0].denominator)
        except (FactorError, UnitError):
            continue  # a factor removed after import: the figure is left out, not guessed
        for factor in parts:  # one result per part: combustion (scope 1), well to tank (3)
            factor_id = ids[(factor.category, factor.valid_year, factor.gwp_set, factor.scope)]
            factors.append(
                (
                    category,
                    year,
                    unit,
                    factor.scope,
                    factor.scope3_category or 0,  # 0: none (a NULL would untype the VALUES)
                    to_denominator * factor.tonnes_per_unit,
                    factor_id,
                )
            )
    with transaction.atomic():
        InventoryResult.objects.filter(organisation=organisation).delete()
        if not factors:
            return 0
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(factors))
        sql = f"""
            WITH m(category, year, unit, scope, scope3_category, t_per_unit, factor_id)
                AS (VALUES {values})
            INSERT INTO {InventoryResult._meta.db_table}
                (organisation_id, aggregate_id, node_id, year, category, scope, scope3_category,
                 gwp_set, emissions_t_co2e, factor_id, factor_set_version, computed_at)
            SELECT %s, a.id, a.node_id, a.year, a.category, m.scope,
                   NULLIF(m.scope3_category, 0), %s,
                   a.quantity * m.t_per_unit, m.factor_id, %s, %s
            FROM {ActivityAggregate._meta.db_table} a
            JOIN {ImportBatch._meta.db_table} b ON b.id = a.batch_id
            JOIN m ON m.category = a.category AND m.year = a.year AND m.unit = a.unit
            WHERE b.organisation_id = %s AND b.replaced_at IS NULL
        """  # noqa: S608  # table names from the models; every value is a parameter
        params: list[Any] = [value for row in factors for value in row]
        params += [
            organisation.pk,
            factor_set.gwp_set,
            factor_set.version,
            timezone.now(),
            organisation.pk,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    return InventoryResult.objects.filter(organisation=organisation).count()


def activity_data_import(
    *,
    organisation: Organisation,
    data: bytes,
    filename: str,
    replace: bool = False,
    mapping: str = "",
    accounts: bytes | None = None,
    by: User | None = None,
    progress: Progress = _no_progress,
) -> ImportBatch:
    """Import activity data: every line checked (units, categories, factors, org units), all or
    nothing. The same file again is refused unless `replace`, which replaces the earlier batch.
    `accounts`: the ledger's account → purchase-group table (CSV bytes); `progress` is told how
    far the import has come."""
    progress(5, "reading")
    template = own_mapping(organisation, mapping) if mapping else None
    frame, decimal_comma = read_mapped(data, template or mapping, accounts)
    progress(25, "checking")
    rows, problems = parse_activities(frame, decimal_comma=decimal_comma)
    # the same rows with another header case, column order or line endings are the same import
    checksum = content_checksum(rows)
    earlier = ImportBatch.objects.filter(
        organisation=organisation,
        checksum_sha256__in=[checksum, hashlib.sha256(data).hexdigest()],
        replaced_at__isnull=True,
    ).first()
    if earlier is not None and not replace and not problems:
        raise Rejected(
            [
                Problem(
                    "file_already_imported",
                    {
                        "filename": earlier.filename,
                        # Swedish local time: an import at 00:30 was not made "yesterday"
                        "date": timezone.localtime(earlier.imported_at).strftime("%Y-%m-%d %H:%M"),
                    },
                )
            ]
        )
    progress(55, "matching")
    del frame  # the parsed rows are what is kept; let the text table go
    codes = dict(Node.objects.filter(organisation=organisation).values_list("code", "pk"))
    unknown = rows.filter(~rows["org_unit"].is_in(list(codes)))
    if unknown.height:
        unknown = unknown.select("line", pl.col("org_unit").cast(pl.Utf8))
        problems += groups_of(unknown, "org_unit_unknown", "org_unit", {"org_unit": "org_unit"})
        rows = rows.filter(rows["org_unit"].is_in(list(codes)))
    notes, split = successor_codes(organisation, rows, codes)
    if split.height:
        problems += groups_of(
            split, "org_unit_split", "org_unit", {"org_unit": "org_unit", "parts": "parts"}
        )
    table, _ids = factor_table(factor_set_ensure(organisation=organisation))
    problems += factor_problems(rows, table)
    if problems:
        raise Rejected(problems)
    aggregates = aggregate(rows)
    progress(70, "saving")
    with transaction.atomic():
        if earlier is not None:
            earlier.replaced_at = timezone.now()
            changed_by(earlier, by)
            earlier.save()
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        parquet = io.BytesIO()
        rows.write_parquet(parquet, compression="zstd")
        batch = ImportBatch(
            organisation=organisation,
            filename=filename,
            checksum_sha256=checksum,
            rows=rows.height,
            mapping=mapping,
            imported_by=by,
            notes="\n".join(notes),
        )
        batch.original.save(
            f"{organisation.code}-{stamp}-{checksum[:12]}-{filename}", ContentFile(data), save=False
        )
        batch.raw_rows.save(
            f"{organisation.code}-{stamp}-{checksum[:12]}.parquet",
            ContentFile(parquet.getvalue()),
            save=False,
        )
        changed_by(batch, by)
        batch.save()
        ActivityAggregate.objects.bulk_create(
            (
                ActivityAggregate(
                    batch=batch,
                    node_id=codes[org_unit],
                    category=category,
                    year=year,
                    unit=unit,
                    quantity=quantity,
                    rows=count,
                    first_line=first_line,
                    months=months,
                )
                for org_unit, category, year, unit, quantity, first_line, count, months in (
                    aggregates.select(*AGGREGATE_COLUMNS).iter_rows()
                )
            ),
            batch_size=2000,
        )
        progress(90, "recalculating")
        inventory_recalculate(organisation=organisation)
    progress(100, "done")
    return batch


def activity_import_queue(
    *,
    organisation: Organisation,
    upload: UploadedFile,
    accounts: UploadedFile | None = None,
    replace: bool = False,
    mapping: str = "",
    by: User | None = None,
) -> ImportJob:
    """Keep a large upload and queue its import for the task worker (on commit)."""
    job = jobs.job_queue(
        kind=ImportJob.KIND,
        title=upload.name or "fil",
        subject=organisation,
        params={"mapping": mapping, "replace": replace},
        upload=upload,
        attachment=accounts,
        file_prefix=f"{organisation.code}-",
        by=by,
    )
    return ImportJob.objects.get(pk=job.pk)


def activity_import_job_run(job: Job, progress: Progress) -> ImportBatch:
    """Run a queued import (the worker's side, through `tasks.py`): the job's upload through
    `activity_data_import`; a refused file's problems are kept on the job with their lines."""
    organisation = jobs.job_subject(job, Organisation)
    params = job.params
    progress(1, "reading")
    try:
        with job.upload.open("rb") as upload:
            data = upload.read()
        accounts = None
        if job.attachment:
            with job.attachment.open("rb") as table:
                accounts = table.read()
        return activity_data_import(
            organisation=organisation,
            data=data,
            filename=job.title,
            replace=bool(params.get("replace", False)),
            mapping=str(params.get("mapping", "")),
            accounts=accounts,
            by=job.created_by,
            progress=progress,
        )
    except Rejected as rejected:
        raise jobs.JobRefused([group.as_dict() for group in rejected.groups]) from rejected


def column_mapping_save(
    *, organisation: Organisation, values: dict[str, Any], by: User | None = None
) -> ColumnMapping:
    """Create or change (by its code) one of the organisation's own column-mapping templates;
    `values` are those of `forms.ColumnMappingForm`, already validated. `values["version"]` is
    the version the user saw (0: a new template); another save since is refused (`StaleEdit`)."""
    existing = ColumnMapping.objects.filter(organisation=organisation, name=values["name"]).first()
    expected_version = values.get("version")
    if expected_version is not None:
        require_version(existing, expected_version)
    row = existing or ColumnMapping(organisation=organisation, name=values["name"])
    row.title = values["title"]
    row.columns = {
        canonical: values[f"{canonical}_column"]
        for canonical in ("org_unit", "period", "quantity", "unit", "source_ref")
        if values.get(f"{canonical}_column")
    }
    row.constants = {
        k: values[f"{k}_constant"] for k in ("unit", "category") if values.get(f"{k}_constant")
    }
    row.category_column = values.get("category_column", "")
    row.categories = values.get("categories", {})
    row.account_column = values.get("account_column", "")
    row.account_table = values.get("account_table", "")
    row.changed_at = timezone.now()
    save_versioned(row, expected_version=expected_version, by=by)
    return row


def column_mapping_delete(*, mapping: ColumnMapping, by: User | None = None) -> None:
    changed_by(mapping, by)
    mapping.delete()
