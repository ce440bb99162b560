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

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl
from ratings_engine.plugins.html_charts import (
    RATING_COLOURS,
    counts_words,
    document_boundaries,
    escape,
    normalise_boundaries,
    rating_class,
    rating_span,
)
from ratings_engine.plugins.html_standards import percent_cell, scroll_box, standards_section
from ratings_engine.reports.result import framework_ref, number_words, standards_by_domain

_TILE_RULES = "".join(
    f".rating-{rid} {{ background: {fill}; color: {text}; }}\n" for rid, (fill, text) in RATING_COLOURS.items())

def _style() -> str:
    """The page's style sheets, shipped beside this module as package data (a blank line leads them): the
    base the framework document and the impact page share (page_base.css), then the page's own.

    The rating tiles' colours come from RATING_COLOURS, the one table the charts use too.
    """
    # Imported here, not at the top: it brings in tempfile and shutil, which only a page needs, while
    # every run loads this plugin.
    from importlib.resources import files

    folder = files(__package__)
    return ("\n" + folder.joinpath("page_base.css").read_text(encoding="utf-8")
            + folder.joinpath("html_report.css").read_text(encoding="utf-8").replace("%TILES%", _TILE_RULES))

#: Nothing is fetched: no scripts, no network, styles inline only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


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
           f"<title>Ratings: {escape(result['provider'])} ({escape(ref)})</title>", f"<style>{_style()}</style>", "</head>",
           "<body>", "<main>", "<header>", '<p class="kicker">Inspection ratings</p>',
           f'<h1>{escape(result["provider"])}</h1>',
           f'<p class="meta">Fieldwork from {escape(result["fieldwork_start"])}. Rated under {escape(framework["title"])} '
           f'(<code>{escape(ref)}</code>, {escape(framework["status"])}).</p>', "</header>"]
    if framework["status"] != "published":
        out.append(f'<div class="notice" role="alert" id="framework-status"><strong>Framework status: '
                   f'{escape(framework["status"])}, not published</strong>These ratings were reached under {escape(ref)}, which is '
                   f'{escape(framework["status"])}: some of its rules may not be the ones the inspectorate published. '
                   f'Do not present them as published ratings. The warnings below say what is not known.</div>')
    if result["warnings"]:
        out.append('<section class="warnings" id="warnings" aria-labelledby="warnings-heading">'
                   f'<h2 id="warnings-heading">Warnings ({len(result["warnings"])})</h2><ul>')
        out.extend(f'<li data-code="{escape(w["code"])}">{escape(w["message"])} <span class="id">[{escape(w["code"])}]</span></li>'
                   for w in result["warnings"])
        out.append("</ul></section>")
    out += _summary(result, previous)
    out += standards_section(result, previous, lines, source)
    out += _prompt_tables(result, previous)
    out += _footer(result, previous)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _changes(standard: Mapping[str, Any], result: Mapping[str, Any]) -> list[str]:
    """What moderation and discretion changed, in words, for the tile: the reasons that moved the rating."""
    from ratings_engine.reports.reasons import reasons  # loaded when a report is rendered, not at start-up
    notes = []
    for reason in reasons(standard, result):
        if reason.kind == "moderation" and reason.moved:
            notes.append(f"Moderated: {reason.from_label} \u2192 {reason.to_label}")
        elif reason.kind == "discretion_exercised":
            override = " (by override)" if reason.override else ""
            notes.append(f"Professional discretion{override}: {reason.from_label} \u2192 {reason.to_label}")
        elif reason.kind == "not_rated_on_purpose":
            notes.append("Not rated on purpose")
        elif reason.kind == "not_counted":
            notes.append(reason.label)
        elif reason.kind == "weight":
            notes.append(f"Weight {standard['weight']}")
        elif reason.kind == "published":
            notes.append("Published rating, not computed")
    return notes


def _score(overall: Mapping[str, Any]) -> str:
    """The score figure and what it is: the standards' scores added up, weighted where the framework weights them."""
    if overall.get("weighted"):
        return (f'<div id="score"><span class="score-figure">Weighted score {overall["score"]}/{overall["max"]}</span> '
                '<span class="label">the standards\' scores, each times its weight, added up</span></div>')
    return (f'<div id="score"><span class="score-figure">Score {overall["score"]}/{overall["max"]}</span> '
            '<span class="label">the standards\' scores added up</span></div>')


def _summary(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    from ratings_engine.reports.overall_reasons import (  # loaded when a report is rendered, not at start-up
        area_words,
        overall_reasons,
        published_overall,
    )
    overall = result["overall"]
    band = overall["band"]
    within = f' <span class="label">in the band {band["from"]}\u2013{band["to"]}</span>' if band else ""
    out = ['<section id="ratings" aria-labelledby="ratings-heading">', '<h2 id="ratings-heading">Ratings</h2>',
           '<div class="summary-head">',
           f'<div><span class="label">Provider</span> <span class="provider-name">{escape(result["provider"])}</span></div>',
           _score(overall),
           f'<div id="overall"><span class="label">Overall rating</span> '
           f'{rating_span(overall["rating"], overall["rating_label"], " overall-tile")}{within}</div>', "</div>"]
    found = overall_reasons(result)
    if found:
        out.append('<dl class="reasons overall-reasons">')
        out += [f"<dt>{escape(reason.label)}</dt><dd>{escape(reason.text)}</dd>" for reason in found]
        out.append("</dl>")
    if result.get("areas"):
        out += ["<h3>Areas</h3>", '<dl class="reasons areas">']
        out += [f'<dt>{escape(a["id"])} {escape(a["title"])}</dt><dd>{rating_span(a["rating"], a["rating_label"])} '
                f"{escape(area_words(a))}</dd>" for a in result["areas"]]
        out.append("</dl>")
    out += [f'<p class="published-overall">{escape(words)}.</p>' for words in published_overall(overall)]
    for domain, title, standards in standards_by_domain(result):
        # The list is named by its heading: an aria-label on a plain list is not read by every screen reader.
        heading = "domain-" + re.sub(r"[^A-Za-z0-9-]", "-", str(domain))
        out.append(f'<h3 id="{heading}">{escape(domain)}. {escape(title)}</h3>')
        out.append(f'<ul class="tiles" aria-labelledby="{heading}">')
        for standard in standards:
            notes = "".join(f'<span class="tile-note">{escape(note)}</span> ' for note in _changes(standard, result))
            before = (previous or {}).get("standards", {}).get(standard["id"])
            if before is not None:
                notes += f'<span class="previous">Previous inspection: {escape(before["rating_label"])}</span> '
            out.append(f'<li class="tile {rating_class(standard["rating"])}" data-standard="{escape(standard["id"])}" '
                       f'data-rating="{escape(standard["rating"] or "none")}">'
                       f'<span class="std">{escape(standard["id"])} {escape(standard["title"])}</span> {notes}'
                       f'<span class="rating-word">{escape(standard["rating_label"])}</span></li>')
        out.append("</ul>")
    out.append("</section>")
    return out


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
        out.append(f"<h3>{escape(heading)}</h3>")
        head = '<th scope="col">Prompt</th>'
        head += '<th scope="col" class="num">Previous inspection</th>' if previous is not None else ""
        head += '<th scope="col" class="num">Current inspection</th>'
        out.append(scroll_box(f"Prompts of {heading}"))
        out.append(f'<table class="prompts" data-standard="{escape(sid)}"><thead><tr>{head}</tr></thead>')
        for kq_id, prompts in by_kq.items():
            kq = owner.get(kq_id, (None, None))[1]
            text = kq["text"] if kq else ""
            out.append(f'<tbody data-kq="{escape(kq_id)}"><tr><th scope="rowgroup" colspan="{columns}">'
                       f'<span class="id">{escape(kq_id)}</span> {escape(text)}</th></tr>')
            for prompt in prompts:
                row = f'<tr><th scope="row"><span class="id">{escape(prompt["id"])}</span> {escape(prompt["text"])}</th>'
                if previous is not None:
                    row += f'<td class="num">{percent_cell(previous.get("prompts", {}).get(prompt["id"]))}</td>'
                row += f'<td class="num">{_prompt_current(prompt)}</td></tr>'
                out.append(row)
            out.append("</tbody>")
        out.append("</table></div>")
    out.append("</section>")
    return out


def _prompt_current(prompt: Mapping[str, Any]) -> str:
    if prompt["percent"] is None:
        return '<span class="muted">no case answered</span>'
    known = prompt["of"] is not None or prompt.get("basis") == "assumed"  # a placeholder says so
    counts = f' <span class="muted">({escape(counts_words(prompt))})</span>' if known else ""
    return f'{escape(number_words(prompt["percent"]))}%{counts}'


def _footer(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    framework = result["framework"]
    engine = result["engine"]
    plugins = ", ".join(f'{p["name"]}' + (f' ({p["distribution"]} {p["version"]})' if p["distribution"] else " (registered directly)")
                        for p in result["plugins"]) or "none"
    input_sha = result["input"]["sha256"]
    rows = [("Framework", f'<code>{escape(framework["id"])}@{escape(framework["version"])}</code>, status {escape(framework["status"])}: '
                          f'{escape(framework["title"])}'),
            ("Framework SHA-256", f'<code>{escape(framework["sha256"])}</code>'),
            ("Engine", f'{escape(engine["name"])} {escape(engine["version"])}'),
            ("Plugins", escape(plugins)),
            ("Inspection SHA-256", f"<code>{escape(input_sha)}</code>" if input_sha else "not read from a file")]
    if previous is not None:
        sha = previous["input_sha256"]
        rows.append(("Previous inspection", f'{escape(previous["provider"])}, fieldwork from {escape(previous["fieldwork_start"])}, '
                                            f'rated under <code>{escape(previous["framework"])}</code>; SHA-256 '
                                            + (f"<code>{escape(sha)}</code>" if sha else "not known")))
    out = ['<footer id="provenance" aria-labelledby="provenance-heading">', '<h2 id="provenance-heading">Provenance</h2>', "<dl>"]
    out += [f"<dt>{label}</dt><dd>{words}</dd>" for label, words in rows]
    out += ["</dl>", f'<p class="muted">Result format {escape(result["result_format"])}. This page lays out the result '
                     "document; every rating and reason on it was decided by the engine.</p>", "</footer>"]
    return out


def render(result: Mapping[str, Any]) -> str:
    """The output format's renderer: the page with the band thresholds the document states."""
    return render_html(result)


@hookimpl(trylast=True)
def ratings_output_formats():
    return [OutputFormat("html", "One self-contained web page: the ratings page, charts of each standard's key "
                                 "questions, the prompt tables and the provenance.", render, (".html", ".htm"))]
