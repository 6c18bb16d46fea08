"""`{% load energy_texts %}{{ value|kwh }}`, `{{ change|kwh_change }}`, `{{ pct|pct_change }}`,
`{{ month|month_name }}`: the energy feedback's figures in Swedish ("12 345 kWh", "−5,0 %")."""

import datetime

from django import template
from django.utils import formats, translation

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


@register.filter
def whole(value: float | None) -> str:
    """A whole number, grouped ("12 345"; "–" for none)."""
    return "–" if value is None else texts.number_text(value)


@register.filter
def whole_change(value: float | None) -> str:
    return "–" if value is None else texts.number_text(value, signed=True)


@register.filter
def add_change(this_year: float | None, last_year: float | None) -> str:
    """This year minus last year, signed ("−1 234")."""
    if this_year is None or last_year is None:
        return "–"
    return texts.number_text(this_year - last_year, signed=True)


@register.filter
def month_short(value: datetime.date) -> str:
    """ "jan 2026" (Swedish writes month names in lower case; the short "Maj" is capitalised)"""
    text = formats.date_format(value, "M Y")
    return text.lower() if (translation.get_language() or "sv").startswith("sv") else text
