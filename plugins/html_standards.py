"""The 'html' output format's section on each standard: its reasons, its chart of key questions
against the band thresholds, and its key question table.

Formatting only, like the rest of the page (html_format): every word and figure is the result
document's, and every text from it is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.plugins.html_charts import counts_words, escape, percent_words, rating_span, standard_chart
from ratings_engine.reports.result import number_words


def _boundary_words(lines: tuple, source: str) -> str:
    shown = ", ".join(percent_words(b) for b in lines) or "none"
    if source == "document-partial":
        return (f"Dashed lines: the band thresholds this result names ({shown}), from its professional-discretion "
                "decisions. The result does not carry the framework's full band table, so other thresholds are not drawn.")
    if source == "given":
        return f"Dashed lines: band thresholds at {shown}."
    return f"Dashed lines: the framework's band thresholds ({shown})."


def standards_section(result: Mapping[str, Any], previous: Mapping[str, Any] | None, lines: tuple, source: str) -> list[str]:
    out = ['<section id="standards" aria-labelledby="standards-heading">', '<h2 id="standards-heading">Standards</h2>']
    charts = 0
    for standard in result["standards"]:
        sid = standard["id"]
        title = escape(standard["title"])
        out.append(f'<article class="standard" data-standard="{escape(sid)}" aria-label="Standard {escape(sid)} {title}">')
        out.append(f'<h3><span>{escape(sid)} {title}</span> {rating_span(standard["rating"], standard["rating_label"])}</h3>')
        out.append('<dl class="reasons">')
        out += _reasons(standard, result, previous)
        out.append("</dl>")
        if standard["sample"] is not None and standard["key_questions"]:
            charts += 1
            chart_id = f"chart-{charts}"
            out.append(f'<figure aria-labelledby="{chart_id}-caption">')
            out.append(scroll_box(f"Chart of the key questions of {sid}", "chart-box"))
            out.append(standard_chart(standard, chart_id, lines, previous) + "</div>")
            legend = " The black tick on a bar is the previous inspection's figure." if _has_previous(standard, previous) else ""
            driving = standard["driving_key_question"]
            drives = f" {driving}, outlined, is the lowest key question and drives the indicative rating." if driving else ""
            out.append(f'<figcaption id="{chart_id}-caption">Key questions of {escape(sid)} on the '
                       f'{escape(standard["sample"])} sample: each bar is the percentage judged sufficient, as displayed.'
                       f'{escape(drives)} {escape(_boundary_words(lines, source))}{escape(legend)}</figcaption></figure>')
            out += _key_question_table(standard, previous)
        elif standard["sample"] is not None and not standard.get("published", {}).get("stands_in", False):
            out.append('<p class="muted">No key question results for this standard.</p>')
        out.append("</article>")
    out.append("</section>")
    return out


def _has_previous(standard: Mapping[str, Any], previous: Mapping[str, Any] | None) -> bool:
    figures = (previous or {}).get("key_questions", {})
    return any(figures.get(kq["id"], {}).get("percent") is not None for kq in standard["key_questions"])


def _reasons(standard: Mapping[str, Any], result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    """The standard's reasons (engine/reports/reasons.py) as a definition list, then its rating and the previous one."""
    from ratings_engine.reports.reasons import reasons  # loaded when a report is rendered, not at start-up
    rows: list[tuple[str, str]] = []
    for reason in reasons(standard, result):
        words = escape(reason.text)
        if reason.rating_label is not None:
            words = f"{rating_span(reason.rating, reason.rating_label)} {words}"
        if reason.override:
            words = f'<span class="flag">Applied by override: not eligible.</span> {words}'
        rows.append((escape(reason.label), words))
    rows.append(("Rating", f'{rating_span(standard["rating"], standard["rating_label"])}'
                           + ("" if standard["score"] is None else f' score {standard["score"]}')))
    before = (previous or {}).get("standards", {}).get(standard["id"])
    if before is not None:
        rows.append(("Previous inspection", rating_span(before["rating"], before["rating_label"])))
    return [f"<dt>{label}</dt><dd>{words}</dd>" for label, words in rows]


def _key_question_table(standard: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    with_previous = previous is not None
    head = "<th scope=\"col\">Key question</th>"
    head += '<th scope="col" class="num">Previous inspection</th>' if with_previous else ""
    head += '<th scope="col" class="num">Current inspection</th><th scope="col">Cases</th><th scope="col">Band</th>'
    out = [scroll_box(f"Table of the key questions of {standard['id']}"),
           f'<table class="key-questions"><caption class="muted">Key questions of {escape(standard["id"])}: '
           f'the share of cases judged sufficient</caption><thead><tr>{head}</tr></thead><tbody>']
    for kq in standard["key_questions"]:
        driving = kq["id"] == standard["driving_key_question"]
        tag = ' <span class="tag">drives the rating</span>' if driving else ""
        cases = counts_words(kq)
        if kq["sub_sample"] and kq["excluded"]:
            cases += f"; {kq['excluded']} excluded ({kq['sub_sample']})"
        if kq["not_applicable"]:
            cases += f"; {kq['not_applicable']} not applicable"
        row = '<tr class="driving">' if driving else "<tr>"
        row += f'<th scope="row"><span class="id">{escape(kq["id"])}</span> {escape(kq["text"])}{tag}</th>'
        if previous is not None:  # with_previous
            figures = previous.get("key_questions", {}).get(kq["id"])
            row += f'<td class="num">{percent_cell(figures)}</td>'
        row += (f'<td class="num">{escape(number_words(kq["percent"]))}%</td><td class="cases">{escape(cases)}</td>'
                f'<td>{escape(kq["band_label"])}</td></tr>')
        out.append(row)
    out.append("</tbody></table></div>")
    return out


def scroll_box(name: str, extra: str = "") -> str:
    """The opening tag of a box that scrolls sideways on its own when what it holds is wider than the page
    (a table, a chart), so that the page never does. It can take the keyboard's focus, to be scrolled
    without a mouse, and is a region named NAME, so that a screen reader says what the focus is on."""
    classes = f"scroll {extra}".strip()
    return f'<div class="{classes}" tabindex="0" role="region" aria-label="{escape(name)}">'


def percent_cell(figures: Mapping[str, Any] | None) -> str:
    if figures is None or figures.get("percent") is None:
        return '<span class="muted">No comparable data available</span>'
    return f'{escape(number_words(figures["percent"]))}%'
