"""`{% load categories %}{{ code|category_label }}`, `{{ n|scope3_label }}`: words for category
codes and GHG Protocol scope-3 categories in the user's language (nettonoll.calc.categories)."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nettonoll.calc.categories import (
    FAMILIES,
    SCOPE3_CATEGORIES,
    SCOPE3_UNCATEGORISED,
    labels,
)
from nettonoll.calc.categories import (
    category_label as calc_category_label,
)

register = template.Library()


def category_label(code: str) -> str:
    """The category's name in the active language."""
    language = get_language() or "sv"
    if code not in labels():
        family, _dot, own = code.partition(".")
        if family in FAMILIES and own and not language.startswith("en"):
            return f"{_(FAMILIES[family][0])}: {own.replace('_', ' ').replace('.', ' ')}"
    return calc_category_label(code, language)


def scope3_label(number: int | None) -> str:
    """ "6. Tjänsteresor": the GHG Protocol scope-3 category, numbered as the standard does."""
    if number is None or number not in SCOPE3_CATEGORIES:
        return _(SCOPE3_UNCATEGORISED)
    return f"{number}. {_(SCOPE3_CATEGORIES[number])}"


register.filter("category_label", category_label)
register.filter("scope3_label", scope3_label)
