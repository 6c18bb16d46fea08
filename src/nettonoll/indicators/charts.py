"""The indicator page's chart: the node's values over time against the target path (baseline
through each target) and the forecast to the last target year, on the indicator's unit."""

from django.utils.translation import gettext as _

from nettonoll.common.charts import line_chart, year_step
from nettonoll.indicators.selectors import IndicatorStatus


def indicator_chart(status: IndicatorStatus) -> dict[str, object] | None:
    """None when there is nothing to draw (no values and no targets)."""
    indicator = status.indicator
    values = {v.value.year: v.value.value for v in status.values}
    base = status.baseline  # the node's own base value (none: the path starts at the targets)
    path = {} if base.value is None else {base.year: base.value}
    path |= {t.year: float(t.value) for t in indicator.targets.all()}
    if not values and len(path) < 2:
        return None
    series: dict[str, dict[int, float]] = {_("Värde"): values, _("Målbana"): path}
    prognosis = status.forecast
    if prognosis is not None and status.latest is not None:
        last = status.latest.value
        if prognosis.target_year > last.year:
            series[_("Prognos enligt trenden")] = {
                last.year: last.value,
                prognosis.target_year: prognosis.forecast_value,
            }
    years = sorted({year for line in series.values() for year in line})
    return line_chart(
        series,
        title=_("%(name)s över tid (%(unit)s), med målbana")
        % {
            "name": indicator.name,
            "unit": indicator.unit,
        },
        chart_id="indicator-chart",
        dashed=[_("Målbana"), _("Prognos enligt trenden")],
        markers=[_("Värde"), _("Målbana")],
        x_step=year_step(years[0], years[-1]),
        unit=indicator.unit,
        height=280,
    )
