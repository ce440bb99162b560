"""Inline SVG charts for the 'html' output format: one horizontal bar per key question of a standard.

Like every renderer, these only lay out the result document: the bar lengths, labels, bands and
the driving key question all come from it. The band thresholds (the vertical lines) are the one
thing the document does not fully carry: see document_boundaries().
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from ratings_engine.io.safe_text import printable
from ratings_engine.model.proportions import to_fraction
from ratings_engine.reports.result import number_words


def escape(value: Any) -> str:
    """VALUE as text for HTML or SVG markup: markup and quotes escaped, control characters shown as
    escapes for anyone reading the file."""
    # html is imported here: it loads its table of entities, which only an HTML page needs, and
    # every command registers the 'html' format.
    from html import escape as markup_escape

    return markup_escape(printable(str(value)), quote=True)


#: Colours of the four ratings of the inspectorate's scale, by rating id: (fill, text on it).
#: A rating id not listed here (a plugin's own scale) is drawn in the neutral colour, always with its word.
RATING_COLOURS: dict[str, tuple[str, str]] = {
    "inadequate": ("#b3261e", "#ffffff"),
    "requires_improvement": ("#f2b01e", "#1a1a1a"),
    "good": ("#2e7d32", "#ffffff"),
    "outstanding": ("#1d4f91", "#ffffff"),
}

NEUTRAL_COLOUR = ("#8a8a8a", "#ffffff")


def rating_class(rating: str | None) -> str:
    """The CSS class that colours RATING: its own for the inspectorate's four, neutral for any other."""
    if rating is None:
        return "rating-none"
    return f"rating-{rating}" if rating in RATING_COLOURS else "rating-other"


def rating_span(rating: str | None, label: str, extra: str = "") -> str:
    """RATING's LABEL in its colour, for the page's text (EXTRA: more CSS classes, each led by a space)."""
    return f'<span class="rating {rating_class(rating)}{extra}" data-rating="{escape(rating or "none")}">{escape(label)}</span>'


# Geometry, in SVG user units (the SVG scales to the page width).
_WIDTH = 960
_PLOT_X = 112          # where 0% is
_PLOT_W = 600          # 0% to 100%
_VALUE_X = _PLOT_X + _PLOT_W + 14
_TOP = 30              # room for the threshold labels
_ROW = 44
_BAR = 22
_AXIS = 26             # room for the 0% / 100% axis labels


def percent_words(value: Any) -> str:
    """A percentage as shown: '65%', '43.33%' (at most two decimal places, no trailing zeros)."""
    number = to_fraction(value)
    if number.denominator == 1:
        return f"{number.numerator}%"
    return f"{float(number):.2f}".rstrip("0").rstrip(".") + "%"


def document_boundaries(result: Mapping[str, Any]) -> tuple[tuple[Fraction, ...], bool]:
    """The band boundaries the result document states, and whether they are the whole band table.

    A future result document may carry the framework's banding ('banding': {'bands': [{'at_least':
    ...}]}, as in the framework file): then every band's lower bound but the lowest is a boundary,
    and the table is complete. Today's document (result_format 1) has no band table; the only
    boundaries it states are those named in professional-discretion decisions
    ('discretion.within_points_of'), so the set is usually incomplete and the page says so.
    """
    banding = result.get("banding")
    if isinstance(banding, Mapping) and banding.get("bands"):
        lows = sorted({to_fraction(band["at_least"]) for band in banding["bands"]})
        return tuple(low for low in lows if low > 0), True
    named = {to_fraction(b) for s in result["standards"] for b in s["discretion"]["within_points_of"]}
    return tuple(sorted(named)), False


def normalise_boundaries(boundaries: Iterable[Any]) -> tuple[Fraction, ...]:
    """Boundaries given by a caller, exact and in order; 0% and anything off the 0-100 scale are dropped."""
    return tuple(sorted({b for b in map(to_fraction, boundaries) if 0 < b <= 100}))


def _x(percent: Any) -> str:
    value = _PLOT_X + _PLOT_W * float(to_fraction(percent)) / 100
    return _n(value)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def counts_words(item: Mapping[str, Any]) -> str:
    """'63 of 100', or 'published percentage' where only the percentage is known; 'assumed' where the
    inspection marks the figure as a placeholder."""
    assumed = item.get("basis") == "assumed"
    if item.get("yes") is not None and item.get("of") is not None:
        return f"{item['yes']} of {item['of']}" + (", assumed" if assumed else "")
    return "assumed percentage" if assumed else "published percentage"


def bar_label(kq: Mapping[str, Any]) -> str:
    """The label beside a key question's bar: '63% (63 of 100)'."""
    return f"{number_words(kq['percent'])}% ({counts_words(kq)})"


def standard_chart(standard: Mapping[str, Any], chart_id: str, boundaries: tuple[Fraction, ...],
                   previous: Mapping[str, Any] | None) -> str:
    """An inline SVG: a bar per key question at its displayed percent, the band boundaries as dashed
    vertical lines labelled with their percentages, the driving key question outlined and marked,
    and the previous inspection's percentage as a black tick where the document has one."""
    kqs = standard["key_questions"]
    height = _TOP + _ROW * len(kqs) + _AXIS
    bottom = _TOP + _ROW * len(kqs)
    name = f"{standard['id']} {standard['title']}"
    label = f"Key question results for standard {name}, with the band thresholds"
    rows = [_key_question_row(row, kq, kq["id"] == standard["driving_key_question"], _previous_percent(previous, kq["id"]))
            for row, kq in enumerate(kqs)]
    parts = [f'<svg class="chart" id="{chart_id}" role="img" aria-label="{escape(label)}" '
             f'viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}" '
             f'preserveAspectRatio="xMinYMin meet">',
             f"<title>{escape(label)}</title>",
             f"<desc>{escape('; '.join(words for words, _, _ in rows))}.</desc>"]
    # Layers, bottom to top: each key question's track (0-100%), bar and labels; the thresholds;
    # the previous inspection's markers (on top, so that one at a threshold still shows).
    parts.extend(group for _, group, _ in rows)
    parts.extend(_threshold(boundary, bottom) for boundary in boundaries)
    parts.extend(marker for _, _, marker in rows if marker)
    parts.append(f'<line class="axis" x1="{_PLOT_X}" x2="{_PLOT_X}" y1="{_TOP - 4}" y2="{bottom}" stroke="#444444"/>')
    for tick in (0, 100):
        parts.append(f'<text class="axis-label" x="{_x(tick)}" y="{bottom + 18}" text-anchor="middle">{tick}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def _key_question_row(row: int, kq: Mapping[str, Any], is_driving: bool, prior: Any) -> tuple[str, str, str]:
    """One key question's row of the chart: its words for a screen reader, its bar with its labels, and
    the marker of its previous inspection's percentage ('' when the document has none).

    The marker is returned apart because it is drawn above the thresholds, not with its bar.
    """
    y = _TOP + row * _ROW + (_ROW - _BAR) / 2
    fill, _ = RATING_COLOURS.get(kq["band_rating"], NEUTRAL_COLOUR)
    words = f"{kq['id']}: {bar_label(kq)}, band {kq['band_label']}"
    if prior is not None:
        words += f"; previous inspection {number_words(prior)}%"
    if is_driving:
        words += "; the lowest key question, which drives the indicative rating"
    bold = ' font-weight="bold"' if is_driving else ""
    group = f'<g class="kq{" driving" if is_driving else ""}" data-kq="{escape(kq["id"])}">'
    group += f"<title>{escape(kq['id'] + ' ' + kq['text'] + ': ' + words.split(': ', 1)[1])}</title>"
    label_y = _n(y + _BAR / 2 + 5 - (7 if is_driving else 0))
    group += (f'<text class="kq-id" x="{_PLOT_X - 10}" y="{label_y}" text-anchor="end"'
              f'{bold}>{escape(kq["id"])}</text>')
    if is_driving:
        group += (f'<text class="driving-note" x="{_PLOT_X - 10}" y="{_n(y + _BAR / 2 + 12)}" text-anchor="end">'
                  f"drives rating</text>")
    group += (f'<rect class="track" x="{_PLOT_X}" y="{_n(y)}" width="{_PLOT_W}" height="{_BAR}" fill="#eeeeee"/>')
    stroke = ' stroke="#111111" stroke-width="3"' if is_driving else ' stroke="#555555" stroke-width="0.5"'
    width = float(_x(kq["percent"])) - _PLOT_X
    group += (f'<rect class="bar" x="{_PLOT_X}" y="{_n(y)}" width="{_n(width)}" height="{_BAR}" '
              f'fill="{fill}"{stroke}/>')
    value_y = _n(y + _BAR / 2 + (-1 if prior is not None else 5))
    group += (f'<text class="value" x="{_VALUE_X}" y="{value_y}"'
              f'{bold}>{escape(bar_label(kq))}</text>')
    if prior is None:
        return words, group + "</g>", ""
    group += (f'<text class="previous-value" x="{_VALUE_X}" y="{_n(y + _BAR / 2 + 13)}">'
              f"previously {escape(number_words(prior))}%</text>")
    return words, group + "</g>", _previous_marker(kq["id"], prior, y)


def _previous_marker(kq_id: str, prior: Any, y: float) -> str:
    """The previous inspection's percentage as a black tick across the bar at Y, haloed in white to
    stand out from the bar and a threshold under it."""
    px = _x(prior)
    return (f'<g class="previous" data-kq="{escape(kq_id)}">'
            f'<title>{escape(kq_id)}: previous inspection {escape(number_words(prior))}%</title>'
            f'<line x1="{px}" x2="{px}" y1="{_n(y - 5)}" y2="{_n(y + _BAR + 5)}" '
            f'stroke="#ffffff" stroke-width="7"/>'
            f'<line x1="{px}" x2="{px}" y1="{_n(y - 5)}" y2="{_n(y + _BAR + 5)}" '
            f'stroke="#111111" stroke-width="3"/></g>')


def _threshold(boundary: Fraction, bottom: int) -> str:
    """A band boundary as a dashed line down the chart, haloed in white so that it shows over a bar,
    and labelled with its percentage above the plot."""
    x = _x(boundary)
    words = percent_words(boundary)
    return (f'<g class="threshold" data-percent="{escape(words)}"><title>band threshold {escape(words)}</title>'
            f'<line x1="{x}" x2="{x}" y1="{_TOP - 8}" y2="{bottom}" stroke="#ffffff" stroke-width="4"/>'
            f'<line x1="{x}" x2="{x}" y1="{_TOP - 8}" y2="{bottom}" stroke="#222222" stroke-width="1.5" '
            f'stroke-dasharray="5 3"/>'
            f'<text x="{x}" y="{_TOP - 12}" text-anchor="middle" class="threshold-label">{escape(words)}</text></g>')


def _previous_percent(previous: Mapping[str, Any] | None, kq_id: str) -> Any:
    if not previous:
        return None
    figures = previous.get("key_questions", {}).get(kq_id)
    return None if figures is None else figures.get("percent")
