"""The procurement register as a metric source: for a year and a node's subtree, the shares of
the procurements decided that year with sustainability requirements (by count and by value), and
the follow-up of the requirements due by 31 December (`calc.procurement`). A year without
procurements decided (or without follow-ups due) has no share: it is left out, never 0 %."""

from collections.abc import Callable
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from nettonoll.calc import procurement as calc
from nettonoll.common.metrics import Metric
from nettonoll.procurement.selectors import procurement_facts
from nettonoll.registers.metric_years import register_metric_by_year, this_year

Read = Callable[[calc.YearFigures], float | None]


def _values(read: Read) -> Callable[[Any], dict[int, float]]:
    def values(node: Any) -> dict[int, float]:
        figures = calc.figures_by_year(procurement_facts(node), this_year())
        return {f.year: value for f in figures if (value := read(f)) is not None}

    return values


DECIDED = _(
    "Upphandlingsregistret: upphandlingar med tilldelningsbeslut under året för enheten med "
    "underenheter"
)
FOLLOW_UP = _(
    "Upphandlingsregistret: krav vars uppföljning var planerad senast den 31 december, oavsett "
    "när upphandlingen beslutades, för enheten med underenheter."
)

METRICS: tuple[tuple[str, Any, Read, Any], ...] = (
    (
        "procurement.with_requirements_count_pct",
        _("Andel upphandlingar med hållbarhetskrav (antal)"),
        lambda f: f.with_requirements.count_pct,
        _(
            "andel med minst ett krav inom klimat, cirkularitet, kemikalier eller "
            "social hållbarhet, räknat i antal."
        ),
    ),
    (
        "procurement.with_requirements_value_pct",
        _("Andel upphandlingar med hållbarhetskrav (värde)"),
        lambda f: f.with_requirements.value_pct,
        _(
            "andel med minst ett krav inom klimat, cirkularitet, kemikalier eller "
            "social hållbarhet, räknat i kronor."
        ),
    ),
    (
        "procurement.circularity_count_pct",
        _("Andel upphandlingar med cirkularitetskrav (antal)"),
        lambda f: f.circularity.count_pct,
        _("andel med minst ett krav inom cirkularitet, räknat i antal."),
    ),
    (
        "procurement.circularity_value_pct",
        _("Andel upphandlingar med cirkularitetskrav (värde)"),
        lambda f: f.circularity.value_pct,
        _("andel med minst ett krav inom cirkularitet, räknat i kronor."),
    ),
    (
        "procurement.advanced_count_pct",
        _("Andel upphandlingar med krav på avancerad nivå eller spjutspetsnivå (antal)"),
        lambda f: f.advanced.count_pct,
        _(
            "andel med minst ett hållbarhetskrav på avancerad nivå eller "
            "spjutspetsnivå, räknat i antal."
        ),
    ),
    (
        "procurement.advanced_value_pct",
        _("Andel upphandlingar med krav på avancerad nivå eller spjutspetsnivå (värde)"),
        lambda f: f.advanced.value_pct,
        _(
            "andel med minst ett hållbarhetskrav på avancerad nivå eller "
            "spjutspetsnivå, räknat i kronor."
        ),
    ),
)


def register() -> None:
    for key, label, read, source in METRICS:
        register_metric_by_year(
            Metric(key, label, "%", _values(read), format_lazy("{}: {}", DECIDED, source))
        )
    register_metric_by_year(
        Metric(
            "procurement.followed_up_pct",
            _("Andel upphandlingskrav som följts upp"),
            "%",
            _values(lambda f: f.followed_up.pct),
            FOLLOW_UP,
        )
    )
    register_metric_by_year(
        Metric(
            "procurement.fulfilled_pct",
            _("Andel uppföljda upphandlingskrav som uppfyllts"),
            "%",
            _values(lambda f: f.fulfilled.pct),
            _(
                "Upphandlingsregistret: av kraven som följts upp senast den 31 december (av dem "
                "vars uppföljning var planerad senast då), andelen med resultatet uppfyllt."
            ),
        )
    )
