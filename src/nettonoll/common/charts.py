"""Geometry of plain SVG charts drawn by templates (decision 0006): axes, bars and lines.

Pure functions: numbers in, a dict of coordinates out, for the chart partials
(`budgets/_line_chart.html`, `budgets/_stacked_chart.html`, `_bar_chart.html`). No JavaScript,
colours as attributes (WeasyPrint ignores CSS `fill` on SVG), so the same markup serves the web
page and the PDF. Every chart has a table beside it in the page; the SVG carries a title and is
`role="img"`. Every value axis has ticks with numbers, and, where the chart is given one, a unit.
Here in `common` so that every app's pages can draw them (budgets adds its own kinds).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

from django.utils import formats

# Okabe–Ito (black swapped for purple), distinguishable with the common colour-vision
# deficiencies, then a grey.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#8C7A00",
    "#5D3A9B",
    "#7F7F7F",
)
LEFT = 84  # room for y-axis labels such as "12 000 000"
RIGHT = 24  # half of the last x label
TOP = 12
TOP_WITH_UNIT = 30  # room for the unit above the y axis
BOTTOM = 28  # x-axis labels
GAP = 0.5  # slots left empty where the years of a bar chart jump


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0, step, 2·step … up to the first tick ≥ `top`, with step 1, 2, 2.5 or 5 × 10^k."""
    if not math.isfinite(top) or top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top - 1e-9 * top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def tick_decimals(ticks: Sequence[float]) -> int:
    """How many decimals the ticks' step needs to be read exactly: 0 for 250, 1 for 2.5 or 0.5,
    2 for 0.25."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    for decimals in range(7):
        if abs(round(step * 10**decimals) - step * 10**decimals) < 1e-6:
            return decimals
    return 6


def tick_label(value: float, decimals: int) -> str:
    """A tick's number as the reader's language writes it: 12 000, 2,5 (Swedish), 12,000 and
    2.5 (English)."""
    return formats.number_format(
        round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


def _y_axis(top: float, plot_top: float, plot_bottom: float) -> tuple[list[dict], float]:
    ticks = nice_ticks(top)
    high = ticks[-1]
    span = plot_bottom - plot_top
    decimals = tick_decimals(ticks)

    def y(value: float) -> float:
        return round(plot_bottom - (value / high) * span, 1)

    return [{"y": y(t), "value": t, "label": tick_label(t, decimals)} for t in ticks], high


def _frame(
    width: int,
    height: int,
    title: str,
    chart_id: str,
    base: float,
    y_ticks: list[dict],
    unit: str = "",
) -> dict[str, object]:
    """What every chart partial needs besides its marks: size, title, plot edges, y ticks and
    the unit of the y axis (drawn above it)."""
    return {
        "width": width,
        "height": height,
        "title": title,
        "id": chart_id,
        "left": LEFT,
        "right": width - RIGHT,
        "top": TOP_WITH_UNIT if unit else TOP,
        "base": base,
        "label_y": height - 8,
        "y_ticks": y_ticks,
        "unit": unit,
        "unit_y": TOP_WITH_UNIT - 16,
    }


def bars(
    series: Sequence[tuple[int, float]],
    width: int = 640,
    height: int = 260,
    *,
    unit: str = "",
    highlight: int | None = None,
    title: str = "",
    chart_id: str = "chart",
    muted: Collection[int] = (),
) -> dict[str, object]:
    """One bar per (year, value), on a y axis from 0 with numbered ticks and the unit. The bar of
    `highlight` (the year shown) is marked; bars of `muted` years (preliminary) are drawn lighter
    and dashed. Negative values are drawn as zero (the table beside
    the chart shows them). Where the years jump (2011, 2019) half a slot is left empty and a
    break mark drawn on the x axis. Returns the frame (see `_frame`), `x_labels` [{x, text}],
    `bars` [{x, y, width, height, year, value, label, current, muted}] and `breaks` [{x, d}]
    (d: the mark's SVG path)."""
    base = height - BOTTOM
    top = TOP_WITH_UNIT if unit else TOP
    y_ticks, high = _y_axis(max((v for _y, v in series), default=0.0), top, base)
    decimals = tick_decimals([t["value"] for t in y_ticks])
    # A jump in the years (2011, then 2019) leaves half a slot empty with a break mark on the
    # x axis, so that the bars are not read as consecutive years.
    jumps = [i for i in range(1, len(series)) if series[i][0] - series[i - 1][0] > 1]
    slot = (width - LEFT - RIGHT) / max(len(series) + GAP * len(jumps), 1)
    starts = []
    offset = 0.0
    for i in range(len(series)):
        if i in jumps:
            offset += GAP
        starts.append(LEFT + (i + offset) * slot)
    drawn = []
    for i, (year, value) in enumerate(series):
        size = max(0.0, value) / high * (base - top)
        drawn.append(
            {
                "x": round(starts[i] + slot * 0.15, 1),
                "y": round(base - size, 1),
                "width": round(slot * 0.7, 1),
                "height": round(size, 1),
                "year": year,
                "value": value,
                "label": tick_label(value, max(decimals, 0)),
                "current": year == highlight,
                "muted": year in muted,
            }
        )
    x_labels = [
        {"x": round(starts[i] + 0.5 * slot, 1), "text": year}
        for i, (year, _value) in enumerate(series)
    ]
    breaks = []
    for i in jumps:
        x = round(starts[i] - GAP * slot / 2, 1)
        # two short slanted strokes across the x axis: the usual mark of an axis break
        d = " ".join(
            f"M{x + dx - 3:.1f} {base + 5:.1f} L{x + dx + 3:.1f} {base - 5:.1f}"
            for dx in (-2.5, 2.5)
        )
        breaks.append({"x": x, "d": d})
    return {
        **_frame(width, height, title, chart_id, base, y_ticks, unit),
        "x_labels": x_labels,
        "bars": drawn,
        "breaks": breaks,
    }


def year_step(first: int, last: int, most: int = 8) -> int:
    """A step for year ticks: 1, 2, 5, 10, 20, 50 … so that at most `most` steps span the years."""
    span = max(last - first, 1)
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            if span / (multiple * magnitude) <= most:
                return multiple * magnitude
        magnitude *= 10


def line_chart(
    series: Mapping[str, Mapping[int, float]],
    width: int = 640,
    height: int = 300,
    *,
    colours: Mapping[str, str] | None = None,
    dashed: Sequence[str] = (),
    markers: Sequence[str] = (),
    title: str = "",
    chart_id: str = "chart",
    x_step: int = 5,
    unit: str = "",
) -> dict[str, object]:
    """Lines over years: `series` maps a name to {year: value}; every series shares one x axis
    (the years of all of them) and one y axis from 0. Names in `dashed` are drawn dashed, names in
    `markers` get a dot at each value (for observed data with gaps between years).
    Returns `width`, `height`, `title`, `id`, `y_ticks` [{y, value}], `x_ticks` [{x, text}],
    `lines` [{name, colour, points, dashed, dots [{x, y}]}], `legend` [{name, colour, dashed}],
    `left`, `right`, `base`, `top`."""
    years = sorted({y for values in series.values() for y in values})
    first, last = (years[0], years[-1]) if years else (0, 1)
    if last == first:
        last = first + 1
    base = height - BOTTOM
    top = TOP_WITH_UNIT if unit else TOP
    top_value = max((v for values in series.values() for v in values.values()), default=0.0)
    y_ticks, high = _y_axis(top_value, top, base)
    plot_width = width - LEFT - RIGHT

    def x(year: float) -> float:
        return round(LEFT + (year - first) / (last - first) * plot_width, 1)

    def y(value: float) -> float:
        return round(base - (max(0.0, value) / high) * (base - top), 1)

    palette = dict(colours or {})
    lines = []
    for i, (name, values) in enumerate(series.items()):
        colour = palette.setdefault(name, PALETTE[i % len(PALETTE)])
        points = [(x(year), y(values[year])) for year in sorted(values)]
        lines.append(
            {
                "name": name,
                "colour": colour,
                "points": " ".join(f"{px},{py}" for px, py in points),
                "dashed": name in dashed,
                "dots": [{"x": px, "y": py} for px, py in points] if name in markers else [],
            }
        )
    start = math.ceil(first / x_step) * x_step
    x_ticks = [{"x": x(year), "text": year} for year in range(start, last + 1, x_step)]
    return {
        **_frame(width, height, title, chart_id, base, y_ticks, unit),
        "x_ticks": x_ticks,
        "lines": lines,
        "legend": [
            {"name": line["name"], "colour": line["colour"], "dashed": line["dashed"]}
            for line in lines
        ],
    }
