"""`{% load numbers %}{{ factor|exact_number }}`: a number with the decimals it has and no more
(64,9 – not 64,900 – g CO2e/kWh), grouped and in the user's language. For emission factors and
other entered values whose precision is their own."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()

MAX_DECIMALS = 6


@register.filter
def exact_number(value: float | int | Decimal | None) -> str:
    if value is None or value == "":
        return ""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    places = min(max(0, -exponent), MAX_DECIMALS) if isinstance(exponent, int) else 0
    return str(floatformat(value, f"{places}g"))
