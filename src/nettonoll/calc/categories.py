"""Words for category codes (`spend.average` → "Inköp – genomsnitt per krona") and for the GHG
Protocol's scope-3 categories, in Swedish and English.

The labels of the shipped categories are in `data/categories.csv` (code, label_sv, label_en). An
organisation's own category (`district_heating.egen`) is named by its family and its own part
("Fjärrvärme: egen"). `calc` has no gettext: the Swedish texts are marked with `gettext_noop`,
and the web translates them (emissions/templatetags/emission_words.py)."""

import csv
import io
from functools import cache
from importlib import resources

from nettonoll.calc.problems import gettext_noop

FAMILIES = {  # the first part of a code
    "electricity": (gettext_noop("El"), "Electricity"),
    "district_heating": (gettext_noop("Fjärrvärme"), "District heating"),
    "fuel": (gettext_noop("Drivmedel"), "Fuel"),
    "heating_oil": (gettext_noop("Eldningsolja"), "Heating oil"),
    "travel": (gettext_noop("Tjänsteresor"), "Business travel"),
    "food": (gettext_noop("Livsmedel"), "Food"),
    "medical_gas": (gettext_noop("Medicinska gaser"), "Medical gases"),
    "inhaler": (gettext_noop("Inhalatorer"), "Inhalers"),
    "spend": (gettext_noop("Inköp"), "Purchases"),
    "waste": (gettext_noop("Avfall"), "Waste"),
}

SCOPE3_CATEGORIES = {  # GHG Protocol Corporate Value Chain (Scope 3) Standard, categories 1–15
    1: gettext_noop("Inköpta varor och tjänster"),
    2: gettext_noop("Kapitalvaror"),
    3: gettext_noop("Bränsle- och energirelaterade aktiviteter"),
    4: gettext_noop("Transporter och distribution uppströms"),
    5: gettext_noop("Avfall från verksamheten"),
    6: gettext_noop("Tjänsteresor"),
    7: gettext_noop("Anställdas pendling"),
    8: gettext_noop("Leasade tillgångar uppströms"),
    9: gettext_noop("Transporter och distribution nedströms"),
    10: gettext_noop("Bearbetning av sålda produkter"),
    11: gettext_noop("Användning av sålda produkter"),
    12: gettext_noop("Slutbehandling av sålda produkter"),
    13: gettext_noop("Leasade tillgångar nedströms"),
    14: gettext_noop("Franchiseverksamhet"),
    15: gettext_noop("Investeringar"),
}
SCOPE3_UNCATEGORISED = gettext_noop("Utan scope 3-kategori")


@cache
def labels() -> dict[str, tuple[str, str]]:
    """code → (Swedish, English) for every shipped category."""
    text = resources.files("nettonoll.calc").joinpath("data", "categories.csv").read_text("utf-8")
    return {
        row["code"]: (row["label_sv"], row["label_en"]) for row in csv.DictReader(io.StringIO(text))
    }


def category_label(code: str, language: str = "sv") -> str:
    """The category's name in Swedish (or English with `language="en"`); a code not shipped is
    named by its family and its own part, a code of no known family by itself."""
    english = language.startswith("en")
    known = labels().get(code)
    if known is not None:
        return known[1 if english else 0]
    family, _dot, own = code.partition(".")
    if family in FAMILIES and own:
        return f"{FAMILIES[family][1 if english else 0]}: {own.replace('_', ' ').replace('.', ' ')}"
    return code
