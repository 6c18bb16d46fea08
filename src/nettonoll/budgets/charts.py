"""Geometry of the budget pages' SVG charts (decision 0006): stacked bars and the MAC curve; the
axes, lines and simple bars they share with other pages are in `common/charts.py`.

Pure functions: numbers in, a dict of coordinates out, for `budgets/_stacked_chart.html` and
`budgets/_mac_chart.html`. No JavaScript, colours as attributes (WeasyPrint ignores CSS `fill` on
SVG), so the same markup serves the web page and the PDF. Every chart has a table beside it in
the page; the SVG carries a title and is `role="img"`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from nettonoll.common.charts import (
    BOTTOM,
    LEFT,
    PALETTE,
    RIGHT,
    TOP,
    _frame,
    _y_axis,
    line_chart,
    nice_ticks,
)

__all__ = ["PALETTE", "line_chart", "mac_curve", "nice_ticks", "stacked_bars"]


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
