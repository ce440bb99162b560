"""Built-in output format 'html': the result document as one self-contained web page.

The page follows the published report: the ratings page (provider, score, overall rating, each
domain's standards as coloured rating tiles), then each standard with its reasons, a chart of its
key questions against the band thresholds and the key question table, then the prompt tables of
the report's inspection-data annexe, and a provenance footer.

Formatting only: every rating, reason and figure shown is in the document; nothing is computed.
The page has inline CSS and inline SVG, no scripts, and nothing that loads from anywhere (a
Content-Security-Policy forbids it too). Every text from the document is escaped. The same
document always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib.resources import files
from typing import Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl
from ratings_engine.io.safe_text import printable
from ratings_engine.plugins.html_charts import (
    RATING_COLOURS,
    counts_words,
    document_boundaries,
    normalise_boundaries,
    percent_words,
    standard_chart,
)
from ratings_engine.reports.result import framework_ref, number_words, standards_by_domain

_TILE_RULES = "".join(
    f".rating-{rid} {{ background: {fill}; color: {text}; }}\n" for rid, (fill, text) in RATING_COLOURS.items())

def _style() -> str:
    """The page's style sheet, shipped beside this module as package data (a blank line leads it).

    The rating tiles' colours come from RATING_COLOURS, the one table the charts use too.
    """
    return "\n" + files(__package__).joinpath("html_report.css").read_text(encoding="utf-8").replace("%TILES%", _TILE_RULES)

#: Nothing is fetched: no scripts, no network, styles inline only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


def _e(value: Any) -> str:
    # Markup escaped for the browser; control characters shown as escapes for anyone reading the file.
    # html is imported here: it loads its table of entities, which only an HTML page needs, and
    # every command registers this format.
    from html import escape

    return escape(printable(str(value)), quote=True)


def _rating_class(rating: str | None) -> str:
    if rating is None:
        return "rating-none"
    return f"rating-{rating}" if rating in RATING_COLOURS else "rating-other"


def _rating_span(rating: str | None, label: str, extra: str = "") -> str:
    return f'<span class="rating {_rating_class(rating)}{extra}" data-rating="{_e(rating or "none")}">{_e(label)}</span>'


def render_html(result: Mapping[str, Any], boundaries: Iterable[Any] | None = None) -> str:
    """The page for RESULT (a result document). BOUNDARIES are the band thresholds to draw on the
    charts, as percentages ('65', 65, Fraction(65)); by default those the document states (see
    html_charts.document_boundaries)."""
    if boundaries is None:
        lines, complete = document_boundaries(result)
        source = "document-complete" if complete else "document-partial"
    else:
        lines, source = normalise_boundaries(boundaries), "given"
    previous = result.get("previous")
    framework = result["framework"]
    ref = framework_ref(framework)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="referrer" content="no-referrer">',
           f"<title>Ratings: {_e(result['provider'])} ({_e(ref)})</title>", f"<style>{_style()}</style>", "</head>",
           "<body>", "<main>", "<header>", '<p class="kicker">Inspection ratings</p>',
           f'<h1>{_e(result["provider"])}</h1>',
           f'<p class="meta">Fieldwork from {_e(result["fieldwork_start"])}. Rated under {_e(framework["title"])} '
           f'(<code>{_e(ref)}</code>, {_e(framework["status"])}).</p>', "</header>"]
    if framework["status"] != "published":
        out.append(f'<div class="notice" role="alert" id="framework-status"><strong>Framework status: '
                   f'{_e(framework["status"])}, not published</strong>These ratings were reached under {_e(ref)}, which is '
                   f'{_e(framework["status"])}: some of its rules may not be the ones the inspectorate published. '
                   f'Do not present them as published ratings. The warnings below say what is not known.</div>')
    if result["warnings"]:
        out.append('<section class="warnings" id="warnings" aria-labelledby="warnings-heading">'
                   f'<h2 id="warnings-heading">Warnings ({len(result["warnings"])})</h2><ul>')
        out.extend(f'<li data-code="{_e(w["code"])}">{_e(w["message"])} <span class="id">[{_e(w["code"])}]</span></li>'
                   for w in result["warnings"])
        out.append("</ul></section>")
    out += _summary(result, previous)
    out += _standards(result, previous, lines, source)
    out += _prompt_tables(result, previous)
    out += _footer(result, previous)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _changes(standard: Mapping[str, Any]) -> list[str]:
    """What moderation and discretion changed, in words, for the tile."""
    notes = []
    moderation = standard["moderation"]
    exercised = standard["discretion"]["exercised"]
    if moderation is not None and moderation["changed"]:
        moderated = exercised["from_label"] if exercised else standard["rating_label"]
        notes.append(f"Moderated: {standard['indicative_rating_label']} \u2192 {moderated}")
    if exercised is not None:
        override = " (by override)" if exercised["override"] else ""
        notes.append(f"Professional discretion{override}: {exercised['from_label']} \u2192 {exercised['to_label']}")
    return notes


def _summary(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    overall = result["overall"]
    band = overall["band"]
    within = f' <span class="label">in the band {band["from"]}\u2013{band["to"]}</span>' if band else ""
    out = ['<section id="ratings" aria-labelledby="ratings-heading">', '<h2 id="ratings-heading">Ratings</h2>',
           '<div class="summary-head">',
           f'<div><span class="label">Provider</span> <span class="provider-name">{_e(result["provider"])}</span></div>',
           f'<div id="score"><span class="score-figure">Score {overall["score"]}/{overall["max"]}</span> '
           '<span class="label">the standards\' scores added up</span></div>',
           f'<div id="overall"><span class="label">Overall rating</span> '
           f'{_rating_span(overall["rating"], overall["rating_label"], " overall-tile")}{within}</div>', "</div>"]
    for domain, title, standards in standards_by_domain(result):
        out.append(f"<h3>{_e(domain)}. {_e(title)}</h3>")
        out.append(f'<ul class="tiles" aria-label="{_e(domain)}. {_e(title)}: standards and ratings">')
        for standard in standards:
            notes = "".join(f'<span class="tile-note">{_e(note)}</span> ' for note in _changes(standard))
            before = (previous or {}).get("standards", {}).get(standard["id"])
            if before is not None:
                notes += f'<span class="previous">Previous inspection: {_e(before["rating_label"])}</span> '
            out.append(f'<li class="tile {_rating_class(standard["rating"])}" data-standard="{_e(standard["id"])}" '
                       f'data-rating="{_e(standard["rating"] or "none")}">'
                       f'<span class="std">{_e(standard["id"])} {_e(standard["title"])}</span> {notes}'
                       f'<span class="rating-word">{_e(standard["rating_label"])}</span></li>')
        out.append("</ul>")
    out.append("</section>")
    return out


def _boundary_words(lines: tuple, source: str) -> str:
    shown = ", ".join(percent_words(b) for b in lines) or "none"
    if source == "document-partial":
        return (f"Dashed lines: the band thresholds this result names ({shown}), from its professional-discretion "
                "decisions. The result does not carry the framework's full band table, so other thresholds are not drawn.")
    if source == "given":
        return f"Dashed lines: band thresholds at {shown}."
    return f"Dashed lines: the framework's band thresholds ({shown})."


def _standards(result: Mapping[str, Any], previous: Mapping[str, Any] | None, lines: tuple, source: str) -> list[str]:
    out = ['<section id="standards" aria-labelledby="standards-heading">', '<h2 id="standards-heading">Standards</h2>']
    charts = 0
    for standard in result["standards"]:
        sid = standard["id"]
        out.append(f'<article class="standard" data-standard="{_e(sid)}" aria-label="Standard {_e(sid)} {_e(standard["title"])}">')
        out.append(f'<h3><span>{_e(sid)} {_e(standard["title"])}</span> {_rating_span(standard["rating"], standard["rating_label"])}</h3>')
        out.append('<dl class="reasons">')
        out += _reasons(standard, previous)
        out.append("</dl>")
        if standard["sample"] is not None and standard["key_questions"]:
            charts += 1
            chart_id = f"chart-{charts}"
            out.append(f'<figure aria-labelledby="{chart_id}-caption">')
            out.append(standard_chart(standard, chart_id, lines, previous))
            legend = " The black tick on a bar is the previous inspection's figure." if _has_previous(standard, previous) else ""
            driving = standard["driving_key_question"]
            drives = f" {driving}, outlined, is the lowest key question and drives the indicative rating." if driving else ""
            out.append(f'<figcaption id="{chart_id}-caption">Key questions of {_e(sid)} on the '
                       f'{_e(standard["sample"])} sample: each bar is the percentage judged sufficient, as displayed.'
                       f'{_e(drives)} {_e(_boundary_words(lines, source))}{_e(legend)}</figcaption></figure>')
            out += _key_question_table(standard, previous)
        elif standard["sample"] is not None:
            out.append('<p class="muted">No key question results for this standard.</p>')
        out.append("</article>")
    out.append("</section>")
    return out


def _has_previous(standard: Mapping[str, Any], previous: Mapping[str, Any] | None) -> bool:
    figures = (previous or {}).get("key_questions", {})
    return any(figures.get(kq["id"], {}).get("percent") is not None for kq in standard["key_questions"])


def _reasons(standard: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    rows: list[tuple[str, str]] = []
    if standard["judgement"] is not None:
        rows.append(("Lead inspector's judgement", _e(standard["judgement"]["rationale"])))
    elif standard["rating"] is not None or standard["indicative_rating"] is not None:
        rows.append(("Indicative rating", f'{_rating_span(standard["indicative_rating"], standard["indicative_rating_label"])} '
                                          f'{_e(standard["indicative_reason"])}'))
    else:
        rows.append(("Not rated", _e(standard["indicative_reason"])))
    moderation = standard["moderation"]
    if moderation is not None:
        words = _e(moderation["reason"])
        if moderation["rationale"]:
            words += f'<br><span class="muted">Recorded rationale: {_e(moderation["rationale"])}</span>'
        rows.append(("Moderation", words))
    discretion = standard["discretion"]
    exercised = discretion["exercised"]
    if discretion["applies"] or exercised is not None:
        words = _e(discretion["explanation"])
        if exercised is not None:
            flag = ' <span class="flag">Applied by override: not eligible.</span>' if exercised["override"] else ""
            words = (f'Exercised: {_e(exercised["from_label"])} \u2192 {_e(exercised["to_label"])}.{flag} '
                     f'Panel\'s reason: {_e(exercised["rationale"])}<br><span class="muted">{words}</span>')
        rows.append(("Professional discretion", words))
    rows.append(("Rating", f'{_rating_span(standard["rating"], standard["rating_label"])}'
                           + ("" if standard["score"] is None else f' score {standard["score"]}')))
    before = (previous or {}).get("standards", {}).get(standard["id"])
    if before is not None:
        rows.append(("Previous inspection", _rating_span(before["rating"], before["rating_label"])))
    return [f"<dt>{label}</dt><dd>{words}</dd>" for label, words in rows]


def _key_question_table(standard: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    with_previous = previous is not None
    head = "<th scope=\"col\">Key question</th>"
    head += '<th scope="col" class="num">Previous inspection</th>' if with_previous else ""
    head += '<th scope="col" class="num">Current inspection</th><th scope="col">Cases</th><th scope="col">Band</th>'
    out = [f'<table class="key-questions"><caption class="muted">Key questions of {_e(standard["id"])}: '
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
        row += f'<th scope="row"><span class="id">{_e(kq["id"])}</span> {_e(kq["text"])}{tag}</th>'
        if previous is not None:  # with_previous
            figures = previous.get("key_questions", {}).get(kq["id"])
            row += f'<td class="num">{_percent_cell(figures)}</td>'
        row += (f'<td class="num">{_e(number_words(kq["percent"]))}%</td><td class="cases">{_e(cases)}</td>'
                f'<td>{_e(kq["band_label"])}</td></tr>')
        out.append(row)
    out.append("</tbody></table>")
    return out


def _percent_cell(figures: Mapping[str, Any] | None) -> str:
    if figures is None or figures.get("percent") is None:
        return '<span class="muted">No comparable data available</span>'
    return f'{_e(number_words(figures["percent"]))}%'


def _prompt_tables(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    """The report's inspection-data annexe: prompt results grouped by standard and key question."""
    if not result["prompts"]:
        return []
    owner = {kq["id"]: (s, kq) for s in result["standards"] for kq in s["key_questions"]}
    groups: dict[str, dict[str, list[Mapping[str, Any]]]] = {}
    for prompt in result["prompts"]:
        standard = owner.get(prompt["key_question"], (None, None))[0]
        groups.setdefault(standard["id"] if standard else "", {}).setdefault(prompt["key_question"], []).append(prompt)
    titles = {s["id"]: s["title"] for s in result["standards"]}
    columns = 3 if previous is not None else 2
    out = ['<section id="inspection-data" aria-labelledby="inspection-data-heading">',
           '<h2 id="inspection-data-heading">Inspection data: prompts</h2>',
           "<p>The share of the case sample with a satisfactory \u2018yes\u2019 answer to each prompt, under the key question "
           "it underpins. There is no mechanistic link from prompts to the key question's result.</p>"]
    for sid, by_kq in groups.items():
        heading = f"{sid} {titles[sid]}" if sid else "Other key questions"
        out.append(f"<h3>{_e(heading)}</h3>")
        head = '<th scope="col">Prompt</th>'
        head += '<th scope="col" class="num">Previous inspection</th>' if previous is not None else ""
        head += '<th scope="col" class="num">Current inspection</th>'
        out.append(f'<table class="prompts" data-standard="{_e(sid)}"><thead><tr>{head}</tr></thead>')
        for kq_id, prompts in by_kq.items():
            kq = owner.get(kq_id, (None, None))[1]
            text = kq["text"] if kq else ""
            out.append(f'<tbody data-kq="{_e(kq_id)}"><tr><th scope="rowgroup" colspan="{columns}">'
                       f'<span class="id">{_e(kq_id)}</span> {_e(text)}</th></tr>')
            for prompt in prompts:
                row = f'<tr><th scope="row"><span class="id">{_e(prompt["id"])}</span> {_e(prompt["text"])}</th>'
                if previous is not None:
                    row += f'<td class="num">{_percent_cell(previous.get("prompts", {}).get(prompt["id"]))}</td>'
                row += f'<td class="num">{_prompt_current(prompt)}</td></tr>'
                out.append(row)
            out.append("</tbody>")
        out.append("</table>")
    out.append("</section>")
    return out


def _prompt_current(prompt: Mapping[str, Any]) -> str:
    if prompt["percent"] is None:
        return '<span class="muted">no case answered</span>'
    counts = f' <span class="muted">({_e(counts_words(prompt))})</span>' if prompt["of"] is not None else ""
    return f'{_e(number_words(prompt["percent"]))}%{counts}'


def _footer(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    framework = result["framework"]
    engine = result["engine"]
    plugins = ", ".join(f'{p["name"]}' + (f' ({p["distribution"]} {p["version"]})' if p["distribution"] else " (registered directly)")
                        for p in result["plugins"]) or "none"
    input_sha = result["input"]["sha256"]
    rows = [("Framework", f'<code>{_e(framework["id"])}@{_e(framework["version"])}</code>, status {_e(framework["status"])}: '
                          f'{_e(framework["title"])}'),
            ("Framework SHA-256", f'<code>{_e(framework["sha256"])}</code>'),
            ("Engine", f'{_e(engine["name"])} {_e(engine["version"])}'),
            ("Plugins", _e(plugins)),
            ("Inspection SHA-256", f"<code>{_e(input_sha)}</code>" if input_sha else "not read from a file")]
    if previous is not None:
        sha = previous["input_sha256"]
        rows.append(("Previous inspection", f'{_e(previous["provider"])}, fieldwork from {_e(previous["fieldwork_start"])}, '
                                            f'rated under <code>{_e(previous["framework"])}</code>; SHA-256 '
                                            + (f"<code>{_e(sha)}</code>" if sha else "not known")))
    out = ['<footer id="provenance" aria-labelledby="provenance-heading">', '<h2 id="provenance-heading">Provenance</h2>', "<dl>"]
    out += [f"<dt>{label}</dt><dd>{words}</dd>" for label, words in rows]
    out += ["</dl>", f'<p class="muted">Result format {_e(result["result_format"])}. This page lays out the result '
                     "document; every rating and reason on it was decided by the engine.</p>", "</footer>"]
    return out


def render(result: Mapping[str, Any]) -> str:
    """The output format's renderer: the page with the band thresholds the document states."""
    return render_html(result)


@hookimpl(trylast=True)
def ratings_output_formats():
    return [OutputFormat("html", "One self-contained web page: the ratings page, charts of each standard's key "
                                 "questions, the prompt tables and the provenance.", render, (".html", ".htm"))]
