"""Metric sources of green bonds and holdings (docs/methods/finance.md): node → {year: value},
the state on 31 December. A year with nothing to divide by has no value ("–", never 0 %)."""

from django.utils.translation import gettext_lazy as _

from nettonoll.common.metrics import Metric
from nettonoll.finance import selectors
from nettonoll.organisations.models import Node
from nettonoll.registers.metric_years import register_metric_by_year


def allocated_pct(node: Node) -> dict[int, float]:
    return {y: float(v) for y, v in selectors.allocated_pct_by_year(node).items()}


def impact_t_co2e(node: Node) -> dict[int, float]:
    return {y: float(v) for y, v in selectors.impact_by_year(node).items()}


def fossil_free_pct(node: Node) -> dict[int, float]:
    return {y: float(v) for y, v in selectors.fossil_free_pct_by_year(node).items()}


def metrics_register() -> None:
    for metric in (
        Metric(
            "green_bonds.allocated_pct",
            _("Allokerad andel av gröna obligationer"),
            "%",
            allocated_pct,
            _(
                "Gröna obligationer utestående den 31 december: belopp allokerat till projekt ÷ "
                "obligationernas belopp."
            ),
        ),
        Metric(
            "green_bonds.impact_t_co2e",
            _("Rapporterade undvikna utsläpp per år av gröna obligationers projekt"),
            "ton CO2e/år",
            impact_t_co2e,
            _(
                "Projekten i gröna obligationer utestående den 31 december: rapporterade undvikna "
                "utsläpp per år; redovisas bredvid klimatbokslutet, aldrig avdragna från det."
            ),
        ),
        Metric(
            "finance.fossil_free_pct",
            _("Fossilfri andel av finansiella innehav"),
            "%",
            fossil_free_pct,
            _("Innehav den 31 december: värdet av fossilfria innehav ÷ värdet av alla innehav."),
        ),
    ):
        register_metric_by_year(metric)
