"""Geometry of plain SVG charts drawn by templates (decision 0006): stacked bars and lines.

Pure functions: numbers in, a dict of coordinates out, for `budgets/_stacked_chart.html` and
`budgets/_line_chart.html`. No JavaScript, colours as attributes (WeasyPrint ignores CSS `fill` on
SVG), so the same markup serves the web page and the PDF. Every chart has a table beside it in
the page; the SVG carries a title and is `role="img"`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

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
BOTTOM = 28  # x-axis labels


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


def _y_axis(top: float, plot_top: float, plot_bottom: float) -> tuple[list[dict], float]:
    ticks = nice_ticks(top)
    high = ticks[-1]
    span = plot_bottom - plot_top

    def y(value: float) -> float:
        return round(plot_bottom - (value / high) * span, 1)

    return [{"y": y(t), "value": t} for t in ticks], high


def _frame(
    width: int, height: int, title: str, chart_id: str, base: float, y_ticks: list[dict]
) -> dict[str, object]:
    """What every chart partial needs besides its marks: size, title, plot edges, y ticks."""
    return {
        "width": width,
        "height": height,
        "title": title,
        "id": chart_id,
        "left": LEFT,
        "right": width - RIGHT,
        "top": TOP,
        "base": base,
        "label_y": height - 8,
        "y_ticks": y_ticks,
    }


def stacked_bars(
    data: Mapping[int, Mapping[str, float]],
    width: int = 640,
    height: int = 300,
    *,
    order: Sequence[str] | None = None,
    colours: Mapping[str, str] | None = None,
    title: str = "",
    chart_id: str = "chart",
) -> dict[str, object]:
    """One bar per key of `data` (a year), stacked by the parts in `order` (default: the parts in
    the order they first appear). Negative parts are drawn as zero (the table shows them).
    Returns `width`, `height`, `title`, `id`, `y_ticks` [{y, value}], `x_labels` [{x, text}],
    `bars` [{label, total, segments [{part, x, y, width, height, colour, value}]}], `legend`
    [{part, colour}], `left`, `right`, `base` (the x axis's y)."""
    keys = sorted(data)
    parts = list(order) if order is not None else []
    if order is None:
        for key in keys:
            parts.extend(p for p in data[key] if p not in parts)
    palette = dict(colours or {})
    for i, part in enumerate(p for p in parts if p not in palette):
        palette[part] = PALETTE[(i + len(colours or {})) % len(PALETTE)]
    totals = {k: math.fsum(max(0.0, data[k].get(p, 0.0)) for p in parts) for k in keys}
    base = height - BOTTOM
    y_ticks, high = _y_axis(max(totals.values(), default=0.0), TOP, base)
    scale = (base - TOP) / high
    slot = (width - LEFT - RIGHT) / max(len(keys), 1)
    bars = []
    for i, key in enumerate(keys):
        x = LEFT + i * slot + slot * 0.15
        bottom = float(base)
        segments = []
        for part in parts:
            value = data[key].get(part, 0.0)
            size = max(0.0, value) * scale
            if size > 0:
                segments.append(
                    {
                        "part": part,
                        "x": round(x, 1),
                        "y": round(bottom - size, 1),
                        "width": round(slot * 0.7, 1),
                        "height": round(size, 1),
                        "colour": palette[part],
                        "value": value,
                    }
                )
            bottom -= size
        bars.append({"label": key, "total": totals[key], "segments": segments})
    x_labels = [{"x": round(LEFT + (i + 0.5) * slot, 1), "text": key} for i, key in enumerate(keys)]
    return {
        **_frame(width, height, title, chart_id, base, y_ticks),
        "x_labels": x_labels,
        "bars": bars,
        "legend": [{"part": p, "colour": palette[p]} for p in parts],
    }


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
    top_value = max((v for values in series.values() for v in values.values()), default=0.0)
    y_ticks, high = _y_axis(top_value, TOP, base)
    plot_width = width - LEFT - RIGHT

    def x(year: float) -> float:
        return round(LEFT + (year - first) / (last - first) * plot_width, 1)

    def y(value: float) -> float:
        return round(base - (max(0.0, value) / high) * (base - TOP), 1)

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
        **_frame(width, height, title, chart_id, base, y_ticks),
        "x_ticks": x_ticks,
        "lines": lines,
        "legend": [
            {"name": line["name"], "colour": line["colour"], "dashed": line["dashed"]}
            for line in lines
        ],
    }


def mac_curve(
    steps: Sequence[tuple[str, float, float]],
    width: int = 640,
    height: int = 260,
    *,
    title: str = "",
    chart_id: str = "mac",
) -> dict[str, object]:
    """A marginal abatement cost curve: `steps` are (name, effect t CO2e a year, cost per tonne
    SEK), cheapest first; each is a bar as wide as its effect and as high as its cost per tonne,
    the bars side by side so the x axis is the cumulative effect. Returns `width`, `height`,
    `title`, `id`, `y_ticks`, `x_ticks` [{x, value}], `bars` [{x, y, width, height, colour, name,
    effect, cost}], `left`, `right`, `base`, `top`, `label_y`."""
    base = height - BOTTOM
    total = math.fsum(max(0.0, effect) for _n, effect, _c in steps) or 1.0
    top_cost = max((cost for _n, _e, cost in steps), default=0.0)
    y_ticks, high = _y_axis(top_cost, TOP, base)
    plot_width = width - LEFT - RIGHT
    bars, cumulative = [], 0.0
    for i, (name, effect, cost) in enumerate(steps):
        x0 = LEFT + cumulative / total * plot_width
        w = max(0.0, effect) / total * plot_width
        h = max(0.0, cost) / high * (base - TOP)
        bars.append(
            {
                "x": round(x0, 1),
                "y": round(base - h, 1),
                "width": round(max(w, 0.5), 1),
                "height": round(h, 1),
                "colour": PALETTE[i % len(PALETTE)],
                "name": name,
                "effect": effect,
                "cost": cost,
            }
        )
        cumulative += max(0.0, effect)
    x_ticks = [
        {"x": round(LEFT + t / total * plot_width, 1), "value": t}
        for t in nice_ticks(total)
        if t <= total * (1 + 1e-9)
    ]
    return {
        **_frame(width, height, title, chart_id, base, y_ticks),
        "x_ticks": x_ticks,
        "bars": bars,
    }
