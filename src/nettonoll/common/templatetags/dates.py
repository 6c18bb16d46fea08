"""`{% load dates %}{{ date|trend_date:last_data_year }}`: a date read off a trend line, as
precisely as the data allow. Within `NEAR_YEARS` of the last year with data the day is shown
(2031-05-17); further out only the year (2951, not 2951-08-07), since the day of a point on a
straight line decades past the data means nothing."""

import datetime

from django import template

register = template.Library()

NEAR_YEARS = 10


@register.filter
def trend_date(value: datetime.date | None, last_data_year: object = None) -> str:
    if value is None:
        return ""
    try:
        reference = int(str(last_data_year))
    except ValueError:
        reference = datetime.date.today().year
    if value.year - reference > NEAR_YEARS:
        return str(value.year)
    return value.isoformat()
