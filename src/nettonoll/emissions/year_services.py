"""Writes of the klimatbokslut's years: closing a year ("fastställt") and the totals reported
for years before activity data (each audited, a stale form refused)."""

from django.utils import timezone

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.common.records import require_version, save_versioned
from nettonoll.emissions.models import ReportedTotal, YearClosing
from nettonoll.organisations.models import Organisation


def year_close(
    *,
    organisation: Organisation,
    year: int,
    closed: bool = True,
    expected_version: int | None = None,
    by: User | None = None,
) -> YearClosing:
    """Close a klimatbokslut year ("fastställt": complete whatever its months), or reopen it
    (`closed=False`); who and when are kept, every change in history. `expected_version`: the
    version the user's page showed (0: not closed before); another change since is refused."""
    row = YearClosing.objects.filter(organisation=organisation, year=year).first()
    if expected_version is not None:
        require_version(row, expected_version)
    row = row or YearClosing(organisation=organisation, year=year)
    row.closed = closed
    row.changed_at = timezone.now()
    row.changed_by = by
    save_versioned(row, expected_version=expected_version, by=by)
    return row


def reported_total_save(
    *,
    organisation: Organisation,
    year: int,
    scope: int,
    category: str,
    t_co2e: float,
    source: str,
    expected_version: int | None = None,
    by: User | None = None,
) -> ReportedTotal:
    """Add or change (by year, scope and category) a total reported for a year, with the
    document it comes from; history kept, a stale form refused (`StaleEdit`)."""
    row = ReportedTotal.objects.filter(
        organisation=organisation, year=year, scope=scope, category=category
    ).first()
    if expected_version is not None:
        require_version(row, expected_version)
    row = row or ReportedTotal(organisation=organisation, year=year, scope=scope, category=category)
    row.t_co2e, row.source, row.changed_at = t_co2e, source, timezone.now()
    save_versioned(row, expected_version=expected_version, by=by)
    return row


def reported_total_delete(*, total: ReportedTotal, by: User | None = None) -> None:
    changed_by(total, by)
    total.delete()
