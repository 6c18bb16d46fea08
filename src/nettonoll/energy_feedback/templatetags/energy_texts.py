"""`{% load energy_texts %}{{ value|kwh }}`, `{{ change|kwh_change }}`, `{{ pct|pct_change }}`,
`{{ month|month_name }}`: the energy feedback's figures in Swedish ("12 345 kWh", "−5,0 %")."""

import datetime

from django import template

from nettonoll.energy_feedback import texts
from nettonoll.energy_feedback.selectors import month_name as month_words

register = template.Library()


@register.filter
def kwh(value: float | None) -> str:
    return texts.kwh_text(value)


@register.filter
def kwh_change(value: float | None) -> str:
    return texts.kwh_text(value, signed=True)


@register.filter
def pct(value: float | None) -> str:
    return texts.pct_text(value)


@register.filter
def pct_change(value: float | None) -> str:
    return texts.pct_text(value, signed=True)


@register.filter
def month_name(value: datetime.date) -> str:
    return month_words(value)
