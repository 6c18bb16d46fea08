"""The klimatbokslut as a metric source: totals, scopes and category groups in t CO2e per year
for a node's subtree, read from the results of the latest recalculation."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from nettonoll.common.metrics import Metric, metric_family_register, metric_register
from nettonoll.emissions.selectors import emission_totals_by_year
from nettonoll.emissions.years import year_totals

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


def _preliminary(prefix: str = "", scope: int | None = None) -> Any:
    return lambda node: year_totals(node, prefix, scope=scope).preliminary


def _metric(key: str, label: Any, prefix: str = "", scope: int | None = None) -> Metric:
    return Metric(key, label, UNIT, _totals(prefix, scope), SOURCE, _preliminary(prefix, scope))


def register() -> None:
    metric_register(_metric("klimatbokslut.total", _("Klimatbokslut: totalt")))
    for scope, label in (
        (1, _("Klimatbokslut: scope 1 (direkta utsläpp)")),
        (2, _("Klimatbokslut: scope 2 (köpt energi)")),
        (3, _("Klimatbokslut: scope 3 (övriga indirekta)")),
    ):
        metric_register(_metric(f"klimatbokslut.scope{scope}", label, scope=scope))
    for group, label in GROUPS.items():
        metric_register(_metric(f"klimatbokslut.{group}", label, f"{group}."))
    metric_family_register(
        CATEGORY_FAMILY,
        lambda prefix: _metric(
            CATEGORY_FAMILY + prefix,
            _("Klimatbokslut: kategorier som börjar med %(prefix)s") % {"prefix": prefix},
            prefix,
        ),
    )
