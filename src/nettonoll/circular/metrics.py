"""Metric sources of reuse and co-loading (docs/methods/circular.md): node → {year: value} for
the node's subtree. A year without transfers (or without deliveries) has no value: it reads as
"–", never as 0. Avoided emissions are a figure beside the klimatbokslut, never part of it."""

from django.utils.translation import gettext_lazy as _

from nettonoll.circular import selectors
from nettonoll.common.metrics import Metric
from nettonoll.organisations.models import Node
from nettonoll.registers.metric_years import register_metric_by_year


def reuse_items(node: Node) -> dict[int, float]:
    return {y: float(a.items) for y, a in selectors.reuse_by_year(node).items()}


def reuse_avoided_t_co2e(node: Node) -> dict[int, float]:
    return {y: float(a.avoided_t_co2e) for y, a in selectors.reuse_by_year(node).items()}


def reuse_avoided_cost_sek(node: Node) -> dict[int, float]:
    return {y: float(a.avoided_cost_sek) for y, a in selectors.reuse_by_year(node).items()}


def coloading_share_pct(node: Node) -> dict[int, float]:
    found = {}
    for year, totals in selectors.deliveries_by_year(node).items():
        share = totals.share_pct
        if share is not None:
            found[year] = float(share)
    return found


REUSE_SOURCE = _(
    "Återbruksregistret: föremål som lämnats vidare under året från enheten med underenheter. "
    "Undvikna utsläpp med återbruksfaktorernas aktuella version; redovisas bredvid "
    "klimatbokslutet, aldrig avdragna från det."
)


def metrics_register() -> None:
    for metric in (
        Metric(
            "reuse.items",
            _("Återbrukade föremål"),
            "st",
            reuse_items,
            REUSE_SOURCE,
        ),
        Metric(
            "reuse.avoided_t_co2e",
            _("Undvikna utsläpp genom återbruk (bredvid klimatbokslutet)"),
            "ton CO2e",
            reuse_avoided_t_co2e,
            REUSE_SOURCE,
        ),
        Metric(
            "reuse.avoided_cost_sek",
            _("Undviken inköpskostnad genom återbruk"),
            "kr",
            reuse_avoided_cost_sek,
            REUSE_SOURCE,
        ),
        Metric(
            "coloading.share_pct",
            _("Andel samlastade leveranser"),
            "%",
            coloading_share_pct,
            _(
                "Leveranser per plats och månad: samlastade leveranser ÷ alla leveranser under "
                "årets månader, platser hos enheten med underenheter."
            ),
        ),
    ):
        register_metric_by_year(metric)
