"""The klimatbokslut as a metric source: totals, scopes and category groups in t CO2e per year
for a node's subtree, read from the results of the latest recalculation."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from nettonoll.common.metrics import Metric, metric_family_register, metric_register
from nettonoll.emissions.selectors import emission_totals_by_year

UNIT = "t CO2e"
SOURCE = _("Klimatbokslutet för enheten med underenheter; följer varje omräkning.")

# the first part of the category codes of the shipped factor set, with their Swedish names
GROUPS = {
    "travel": _("Klimatbokslut: tjänsteresor"),
    "fuel": _("Klimatbokslut: drivmedel och bränslen"),
    "electricity": _("Klimatbokslut: el"),
    "district_heating": _("Klimatbokslut: fjärrvärme och fjärrkyla"),
    "food": _("Klimatbokslut: livsmedel"),
    "medical_gas": _("Klimatbokslut: medicinska gaser"),
    "spend": _("Klimatbokslut: inköp (utgiftsbaserat)"),
}
CATEGORY_FAMILY = "klimatbokslut.kategori:"


def _totals(prefix: str = "", scope: int | None = None) -> Any:
    return lambda node: emission_totals_by_year(node, prefix, scope=scope)


def register() -> None:
    total = Metric("klimatbokslut.total", _("Klimatbokslut: totalt"), UNIT, _totals(), SOURCE)
    metric_register(total)
    for scope, label in (
        (1, _("Klimatbokslut: scope 1 (direkta utsläpp)")),
        (2, _("Klimatbokslut: scope 2 (köpt energi)")),
        (3, _("Klimatbokslut: scope 3 (övriga indirekta)")),
    ):
        metric_register(
            Metric(f"klimatbokslut.scope{scope}", label, UNIT, _totals(scope=scope), SOURCE)
        )
    for group, label in GROUPS.items():
        metric_register(Metric(f"klimatbokslut.{group}", label, UNIT, _totals(f"{group}."), SOURCE))
    metric_family_register(
        CATEGORY_FAMILY,
        lambda prefix: Metric(
            CATEGORY_FAMILY + prefix,
            _("Klimatbokslut: kategorier som börjar med %(prefix)s") % {"prefix": prefix},
            UNIT,
            _totals(prefix),
            SOURCE,
        ),
    )
