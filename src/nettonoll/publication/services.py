"""Publishing and unpublishing: the one audited action behind the web page and
`nettonoll publish|unpublish`. Each row's history records who published or unpublished what."""

from django.db import transaction

from nettonoll.accounts.models import User
from nettonoll.common.history import changed_by
from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Organisation
from nettonoll.plans.models import Plan
from nettonoll.publication.models import Publication, PublishedWhat
from nettonoll.publication.selectors import years_available


def _rows(organisation: Organisation, what: str, plan: Plan | None, indicator: Indicator | None):
    return Publication.objects.filter(
        organisation=organisation, what=what, plan=plan, indicator=indicator
    )


@transaction.atomic
def publish(
    organisation: Organisation,
    what: str,
    *,
    year: int | None = None,
    plan: Plan | None = None,
    indicator: Indicator | None = None,
    by: User | None = None,
) -> bool:
    """Publish `what` for `year` (None: every year). False: it was already published."""
    what = PublishedWhat(what)
    rows = _rows(organisation, what, plan, indicator)
    if rows.filter(year__isnull=True).exists() or (
        year is not None and rows.filter(year=year).exists()
    ):
        return False
    if year is None:  # every year: single years are now part of it
        for row in rows:
            changed_by(row, by)
            row.delete()
    row = Publication(
        organisation=organisation,
        what=what,
        year=year,
        plan=plan,
        indicator=indicator,
        published_by=by,
    )
    changed_by(row, by)
    row.save()
    return True


@transaction.atomic
def unpublish(
    organisation: Organisation,
    what: str,
    *,
    year: int | None = None,
    plan: Plan | None = None,
    indicator: Indicator | None = None,
    by: User | None = None,
) -> int:
    """Unpublish `what` for `year` (None: every year); the number of rows removed. What is not
    published stays unpublished and is no error. A year taken out of 'every year' leaves every
    other year the organisation has published."""
    what = PublishedWhat(what)
    rows = _rows(organisation, what, plan, indicator)
    removed = 0
    doomed = list(rows if year is None else rows.filter(year=year))
    every_year = None if year is None else rows.filter(year__isnull=True).first()
    if every_year is not None:
        doomed.append(every_year)
        for other in sorted(years_available(organisation, what) - {year}):
            if not rows.filter(year=other).exists():
                row = Publication(
                    organisation=organisation,
                    what=what,
                    year=other,
                    plan=plan,
                    indicator=indicator,
                    published_by=every_year.published_by,
                    published_at=every_year.published_at,
                )
                changed_by(row, by)
                row.save()
    for row in doomed:
        changed_by(row, by)
        row.delete()
        removed += 1
    return removed
