"""Inline SVG charts of the impact page (impact_html): a transition heatmap, and the sweep as lines.

Like every renderer these only lay out the document: each cell's count and each point's percentage
are the document's. Nothing relies on colour alone: every cell has its count written in it and the
diagonal (unchanged) is outlined; every line has its own dash and marker shape and a legend with
its rating's word; the baseline's and the draft's values are labelled lines. The colours of the
ratings are html_charts' own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ratings_engine.plugins.html_charts import NEUTRAL_COLOUR, RATING_COLOURS, escape
from ratings_engine.plugins.impact_tables import Grid, counted, label_of, value_marks

#: A rating of null (not rated) is drawn in light grey, as the page's 'Not rated' tiles are.
NOT_RATED_COLOUR = "#dcdcdc"
_WIDTH = 960


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def rating_colour(rating: str | None) -> str:
    if rating is None:
        return NOT_RATED_COLOUR
    return RATING_COLOURS.get(rating, NEUTRAL_COLOUR)[0]


def line_colour(rating: str | None) -> str:
    """A line's colour: its rating's, and for 'not rated' a grey dark enough to see on white."""
    return "#6e6e6e" if rating is None else rating_colour(rating)


def _shade(share: float) -> str:
    """White to deep blue as SHARE goes from 0 to 1."""
    low, high = (255, 255, 255), (23, 55, 94)
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high, strict=True))


def _lines_of(label: str) -> list[str]:
    """A column label on at most two lines, split at the space nearest its middle."""
    words = label.split()
    if len(words) < 2 or len(label) <= 12:
        return [label]
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda pair: max(map(len, pair))))


def _swatch(x: float, y: float, rating: str | None) -> str:
    dashed = ' stroke-dasharray="2 2"' if rating is None else ""
    return (f'<rect class="swatch" x="{_n(x)}" y="{_n(y)}" width="12" height="12" fill="{rating_colour(rating)}" '
            f'stroke="#333333"{dashed}/>')


def transition_heatmap(grid: Grid, labels: Mapping[str | None, str], chart_id: str, name: str) -> str:
    """GRID as a heatmap: baseline ratings down the left, draft ratings along the top; each cell shaded by
    its count (the largest darkest), the count written in it, the diagonal outlined."""
    left, top, cell_w, cell_h = 210, 78, 110, 46
    height = top + cell_h * len(grid.rows) + 12
    width = max(left + cell_w * len(grid.columns) + 20, 480)
    title = f"Transitions of {name}: inspections by their rating under the baseline (rows) and under the draft (columns)"
    described = "; ".join(f"{label_of(labels, r)} to {label_of(labels, c)}: {grid.count(r, c)}"
                          for r in grid.rows for c in grid.columns if grid.count(r, c))
    parts = [f'<svg class="chart heatmap" id="{chart_id}" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet">',
             f"<title>{escape(title)}</title>", f"<desc>{escape(described or 'No inspections.')}</desc>",
             f'<text class="axis-title" x="{left}" y="16">Under the draft \u2192</text>',
             f'<text class="axis-title" x="8" y="{top - 10}">Under the baseline \u2193</text>']
    for col, rating in enumerate(grid.columns):
        x = left + col * cell_w + cell_w / 2
        lines = _lines_of(label_of(labels, rating))
        parts.append(f'<g class="column-label" data-rating="{escape(rating or "none")}">{_swatch(x - 6, 24, rating)}'
                     f'<text x="{_n(x)}" y="{54 if len(lines) == 1 else 50}" text-anchor="middle">'
                     + " ".join(f'<tspan x="{_n(x)}" dy="{0 if i == 0 else 14}">{escape(line)}</tspan>' for i, line in enumerate(lines))
                     + "</text></g>")
    largest = grid.largest or 1
    for row, baseline in enumerate(grid.rows):
        y = top + row * cell_h
        parts.append(f'<g class="row-label" data-rating="{escape(baseline or "none")}">{_swatch(8, y + cell_h / 2 - 6, baseline)}'
                     f'<text x="26" y="{_n(y + cell_h / 2 + 5)}">{escape(label_of(labels, baseline))}</text></g>')
        for col, draft in enumerate(grid.columns):
            parts.append(_cell(grid.count(baseline, draft), largest, left + col * cell_w, y, cell_w, cell_h,
                               (baseline, draft), labels))
    parts.append("</svg>")
    return "".join(parts)


def _cell(count: int, largest: int, x: float, y: float, w: float, h: float, pair: tuple[str | None, str | None],
          labels: Mapping[str | None, str]) -> str:
    baseline, draft = pair
    # The square root keeps a few inspections visible beside many; any at all is a shade darker than none.
    share = 0.0 if not count else 0.12 + 0.88 * (count / largest) ** 0.5
    diagonal = baseline == draft
    stroke = ' stroke="#111111" stroke-width="3"' if diagonal else ' stroke="#b0b0b0" stroke-width="1"'
    ink = " on-dark" if share > 0.55 else ""  # white figures on the darkest cells
    words = f"{label_of(labels, baseline)} under the baseline, {label_of(labels, draft)} under the draft: {counted(count, 'inspection')}"
    words += " (unchanged)" if diagonal else ""
    inset = 1.5 if diagonal else 0
    return (f'<g class="cell{" diagonal" if diagonal else ""}" data-baseline="{escape(baseline or "none")}" '
            f'data-draft="{escape(draft or "none")}" data-count="{count}"><title>{escape(words)}</title>'
            f'<rect x="{_n(x + inset)}" y="{_n(y + inset)}" width="{_n(w - 2 * inset)}" height="{_n(h - 2 * inset)}" '
            f'fill="{_shade(share)}"{stroke}/>'
            f'<text x="{_n(x + w / 2)}" y="{_n(y + h / 2 + 6)}" text-anchor="middle" '
            f'class="count{ink}{" zero" if not count else ""}">{count}</text></g>')


#: Each line's dash pattern and marker shape, in the order of the ratings: no line is told by colour alone.
_DASHES = ("", "9 4", "3 3", "12 4 3 4", "6 3 1 3", "2 6")
_SHAPES = ("circle", "square", "triangle", "diamond", "cross", "circle")


def _marker(shape: str, x: float, y: float, colour: str, scale: float = 1.0) -> str:
    """A marker of SHAPE centred on (X, Y), SCALE times its usual size."""
    common = f'fill="{colour}" stroke="#111111" stroke-width="1"'
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(5 * scale)}" {common}/>'
    points = {"square": ((-4.5, -4.5), (4.5, -4.5), (4.5, 4.5), (-4.5, 4.5)), "triangle": ((0, -6), (5.5, 4), (-5.5, 4)),
              "diamond": ((0, -6), (6, 0), (0, 6), (-6, 0)),
              "cross": ((-2, -6), (2, -6), (2, -2), (6, -2), (6, 2), (2, 2), (2, 6), (-2, 6), (-2, 2), (-6, 2), (-6, -2), (-2, -2))}
    return f'<polygon points="{" ".join(f"{_n(x + dx * scale)},{_n(y + dy * scale)}" for dx, dy in points[shape])}" {common}/>'


def _scale(index: int, lines: int) -> float:
    """Lines drawn earlier are wider, with larger markers, so that a line drawn over another at the same
    shares leaves it showing beneath."""
    return 1 + 0.2 * (lines - 1 - index)


def _number(text: str | None) -> float | None:
    try:
        return None if text is None else float(text)
    except ValueError:
        return None


def sweep_chart(sweep: Mapping[str, Any], shares: Sequence[Mapping[str, Any]], labels: Mapping[str | None, str],
                chart_id: str, name: str) -> str:
    """The share of each rating (a line each) across the values swept, with the baseline's and the draft's
    values as labelled vertical lines, a 0-100% axis and a tick at every value."""
    left, right, top, bottom, height = 70, _WIDTH - 30, 56, 300, 380
    values = [_number(v) for v in sweep["values"]]
    marks = {side: _number(sweep[f"{side}_value"]) for side in ("baseline", "draft")}
    known = [v for v in [*values, *marks.values()] if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    low, high = (low - 1, high + 1) if low == high else (low, high)

    def x(value: float) -> float:
        return left + (right - left) * (value - low) / (high - low)

    def y(percent: float) -> float:
        return bottom - (bottom - top) * percent / 100

    title = f"{name}: the share of each rating at each value of {sweep['parameter']}"
    described = "; ".join(f"{label_of(labels, s['rating'])}: " + ", ".join(f"{v} {p}%" for v, p in zip(sweep["values"], s["percents"],
                                                                                                      strict=True)) for s in shares)
    parts = [f'<svg class="chart sweep" id="{chart_id}" role="img" aria-label="{escape(title)}" viewBox="0 0 {_WIDTH} {height}" '
             f'width="{_WIDTH}" height="{height}" preserveAspectRatio="xMinYMin meet">',
             f"<title>{escape(title)}</title>", f"<desc>{escape(described)}.</desc>"]
    for tick in range(0, 101, 20):
        parts.append(f'<g class="y-tick"><line x1="{left}" x2="{right}" y1="{_n(y(tick))}" y2="{_n(y(tick))}" stroke="#e0e0e0"/>'
                     f'<text class="axis-label" x="{left - 8}" y="{_n(y(tick) + 4)}" text-anchor="end">{tick}%</text></g>')
    step = max(1, -(-len(values) // 12))  # at most a dozen labels; every value keeps its tick
    for index, (value, words) in enumerate(zip(values, sweep["values"], strict=True)):
        if value is None:
            continue
        label = (f'<text class="axis-label" x="{_n(x(value))}" y="{bottom + 18}" text-anchor="middle">{escape(words)}</text>'
                 if index % step == 0 else "")
        parts.append(f'<g class="x-tick"><line x1="{_n(x(value))}" x2="{_n(x(value))}" y1="{bottom}" y2="{bottom + 6}" '
                     f'stroke="#444444"/>{label}</g>')
    parts.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#444444"/>')
    parts.append(f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="#444444"/>')
    parts.append(f'<text class="axis-title" x="{_n((left + right) / 2)}" y="{bottom + 40}" text-anchor="middle">'
                 f'{escape(sweep["parameter"])}</text>')
    parts += _value_marks(sweep, marks, x, top, bottom)
    for index, share in enumerate(shares):
        parts.append(_line(share, sweep["values"], values, _look(index, len(shares)), labels, x, y))
    parts += _legend(shares, labels, height - 12)
    parts.append("</svg>")
    return "".join(parts)


def _value_marks(sweep: Mapping[str, Any], marks: Mapping[str, float | None], x: Any, top: float, bottom: float) -> list[str]:
    """The baseline's value (dashed) and the draft's (solid) as vertical lines, each labelled above the plot."""
    drawn = []
    for row, side in enumerate(("baseline", "draft")):
        value = marks[side]
        if value is None or (side == "draft" and marks["baseline"] == value):
            continue
        both = value_marks(sweep, sweep["baseline_value"]) if side == "baseline" else "draft"
        words = f"{both} {sweep[f'{side}_value']}"
        dash = ' stroke-dasharray="6 4"' if side == "baseline" else ""
        drawn.append(f'<g class="value-mark" data-side="{escape(both)}"><title>{escape(words)}</title>'
                     f'<line x1="{_n(x(value))}" x2="{_n(x(value))}" y1="{top - 6 - 16 * (1 - row)}" y2="{bottom}" '
                     f'stroke="#111111" stroke-width="2"{dash}/>'
                     f'<text class="mark-label" x="{_n(x(value) + 4)}" y="{top - 10 - 16 * (1 - row)}">{escape(words)}</text></g>')
    return drawn


def _look(index: int, lines: int) -> tuple[str, str, float]:
    """The dash attribute, marker shape and scale of the INDEX-th of LINES lines."""
    dash = _DASHES[index % len(_DASHES)]
    return (f' stroke-dasharray="{dash}"' if dash else ""), _SHAPES[index % len(_SHAPES)], _scale(index, lines)


def _line(share: Mapping[str, Any], words: Sequence[str], values: Sequence[float | None], look: tuple[str, str, float],
          labels: Mapping[str | None, str], x: Any, y: Any) -> str:
    dash, shape, scale = look
    colour, stroke = rating_colour(share["rating"]), line_colour(share["rating"])
    label = label_of(labels, share["rating"])
    points = [(x(v), y(float(p)), w, p, c) for v, w, p, c in zip(values, words, share["percents"], share["counts"], strict=True)
              if v is not None]
    path = " ".join(f"{_n(px)},{_n(py)}" for px, py, *_ in points)
    out = [f'<g class="line" data-rating="{escape(share["rating"] or "none")}"><title>{escape(label)}</title>',
           f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="{_n(2.5 + 8 * (scale - 1))}"{dash}/>']
    for px, py, value, percent, count in points:
        words_at = f"{label} at {value}: {percent}% ({counted(count, 'inspection')})"
        out.append(f'<g class="point"><title>{escape(words_at)}</title>{_marker(shape, px, py, colour, scale)}</g>')
    return "".join(out) + "</g>"


def _legend(shares: Sequence[Mapping[str, Any]], labels: Mapping[str | None, str], baseline_y: float) -> list[str]:
    """Each line's sample (its colour, dash and marker) and its rating's word, in a row under the chart."""
    items, x0 = [], 70.0
    for index, share in enumerate(shares):
        dash, shape, _ = _look(index, len(shares))
        label = label_of(labels, share["rating"])
        items.append(f'<g class="legend-item" data-rating="{escape(share["rating"] or "none")}">'
                     f'<line x1="{_n(x0)}" x2="{_n(x0 + 36)}" y1="{_n(baseline_y - 4)}" y2="{_n(baseline_y - 4)}" '
                     f'stroke="{line_colour(share["rating"])}" stroke-width="3"{dash}/>'
                     f'{_marker(shape, x0 + 18, baseline_y - 4, rating_colour(share["rating"]))}'
                     f'<text x="{_n(x0 + 42)}" y="{_n(baseline_y)}">{escape(label)}</text></g>')
        x0 += 42 + 7.4 * len(label) + 28
    return items
