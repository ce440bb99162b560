"""The impact document (schemas/impact.schema.json) as one self-contained web page.

The briefing of the text format (impact_text), laid out for a browser and for print: what was
compared; for the overall rating and each standard a transition heatmap (impact_charts) with the
same numbers in a table, and the change in each rating's share; the inspections with a rating
changed, most affected first, with causes; what a version cannot rate; the panel decisions the
draft no longer allows; and the sweep as lines with its table. Inline CSS (the result page's style
sheet, html_report.css, and impact_report.css) and inline SVG; no scripts and nothing fetched. Every
text from the document is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import Any

from ratings_engine.plugins.html_charts import RATING_COLOURS, escape, rating_span
from ratings_engine.plugins.impact_charts import sweep_chart, transition_heatmap
from ratings_engine.plugins.impact_tables import (
    BRIEF_HEADER,
    Part,
    brief_rows,
    cannot_rate,
    changes,
    counted,
    label_of,
    parts,
    plugin_words,
    rating_labels,
    share_rows,
    sweep_parts,
    transition_grid,
    unswept_values,
    value_marks,
)

#: Nothing is fetched: no scripts, no network, styles inline only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


def _style() -> str:
    """The base the pages share, the result page's style sheet (with its rating colours) and this page's own, all
    package data beside this module."""
    folder = files(__package__)
    tiles = "".join(f".rating-{rid} {{ background: {fill}; color: {ink}; }}\n" for rid, (fill, ink) in RATING_COLOURS.items())
    return ("\n" + folder.joinpath("page_base.css").read_text(encoding="utf-8")
            + folder.joinpath("html_report.css").read_text(encoding="utf-8").replace("%TILES%", tiles)
            + folder.joinpath("impact_report.css").read_text(encoding="utf-8"))


def render_impact_html(document: Mapping[str, Any]) -> str:
    """The page (see the module docstring)."""
    labels = rating_labels(document)
    draft, baseline = document["draft"], document["baseline"]
    heading = f"{draft['ref']} ({draft['status']}) against {baseline['ref']} ({baseline['status']})"
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', '<meta name="referrer" content="no-referrer">',
           f"<title>Impact: {escape(heading)}</title>", f"<style>{_style()}</style>", "</head>", "<body>", "<main>",
           "<header>", '<p class="kicker">Impact of a draft framework</p>', f"<h1>{escape(heading)}</h1>",
           f'<p class="meta">{escape(draft["title"])}</p>', "</header>"]
    out += _counts(document)
    for index, part in enumerate(parts(document)):
        out += _part(part, labels, index)
    out += _inspections(document, labels)
    out += _not_rated(document)
    out += _discretion(document, labels)
    if document["sweep"] is not None:
        out += _sweep(document, labels)
    out += _footer(document)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _counts(document: Mapping[str, Any]) -> list[str]:
    counts = document["counts"]
    items = [("Given", counts["given"], "inspection files named or found"),
             ("Compared", counts["compared"], "rated under both versions"),
             ("Changed", counts["changed"], "with at least one rating changed"),
             ("Not rated", counts["not_rated"], "by one version or both: listed below")]
    brief = [[escape(row[0]), *row[1:]] for row in brief_rows(document)]
    return (['<section id="counts" aria-label="How many inspections"><dl class="counts">']
            + [f'<div><dt>{name}</dt><dd><span class="count-figure">{number}</span> {escape(words)}</dd></div>'
               for name, number, words in items]
            + ["</dl>"]
            + _table("Inspections whose rating changed, by standard (up: rated higher under the draft)",
                     [word.capitalize() for word in BRIEF_HEADER], brief, "brief")
            + ["</section>"])


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]], cls: str) -> list[str]:
    """A table whose cells are already markup; the first cell of each row heads it."""
    head = "".join(f'<th scope="col" class="{"num" if i else "name"}">{h}</th>' for i, h in enumerate(header))
    out = [f'<table class="{cls}"><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>']
    for row in rows:
        out.append(f'<tr><th scope="row">{row[0]}</th>' + "".join(f'<td class="num">{c}</td>' for c in row[1:]) + "</tr>")
    return out + ["</tbody></table>"]


def _part(part: Part, labels: Mapping[str | None, str], index: int) -> list[str]:
    entry, grid = part.entry, transition_grid(part.entry)
    name = escape(part.name) + (f' <span class="muted">({escape(part.note)})</span>' if part.note else "")
    chart_id = f"transitions-{index}"
    out = [f'<section class="part" id="part-{index}" data-part="{escape(part.key)}" aria-labelledby="part-{index}-heading">',
           f'<h2 id="part-{index}-heading">{name}</h2>',
           f"<p>{escape(counted(entry['changed'], 'inspection'))} changed: {entry['up']} up, {entry['down']} down.</p>",
           f'<figure aria-labelledby="{chart_id}-caption">', transition_heatmap(grid, labels, chart_id, part.name),
           f'<figcaption id="{chart_id}-caption">Each cell: how many inspections had the row\'s rating under the baseline and '
           "the column's under the draft; the darker, the more. Outlined: the diagonal, where the rating is unchanged.</figcaption>",
           "</figure>"]
    header = ["Under the baseline \u2193, the draft \u2192"] + [escape(label_of(labels, c)) for c in grid.columns] + ["Total"]
    rows = [[rating_span(r, label_of(labels, r))]
            + [(f"<strong>{grid.count(r, c)}</strong>" if r == c else str(grid.count(r, c))) for c in grid.columns]
            + [str(grid.row_totals.get(r, 0))] for r in grid.rows]
    rows.append(["Total"] + [str(grid.column_totals.get(c, 0)) for c in grid.columns] + [str(sum(grid.row_totals.values()))])
    out += _table(f"Transitions of {escape(part.name)}: the same numbers (in bold, unchanged)", header, rows, "transitions")
    shares = [[rating_span(s.rating, label_of(labels, s.rating)), str(s.baseline), f"{s.baseline_percent}%", str(s.draft),
               f"{s.draft_percent}%", s.change, s.change_points] for s in share_rows(entry)]
    out += _table(f"The share of each rating of {escape(part.name)}, and its change in inspections and in percentage points",
                  ["Rating", "Baseline", "%", "Draft", "%", "Change", "Points"], shares, "shares")
    return out + ["</section>"]


def _inspections(document: Mapping[str, Any], labels: Mapping[str | None, str]) -> list[str]:
    changed = [i for i in document["inspections"] if i["changed"]]
    out = ['<section id="inspections" aria-labelledby="inspections-heading">',
           f'<h2 id="inspections-heading">Inspections with a rating changed ({len(changed)} of {document["counts"]["compared"]})</h2>',
           "<p>Most affected first: the most bands moved, then the most ratings changed.</p>"]
    for inspection in changed:
        out += [f'<article class="inspection" data-file="{escape(inspection["file"])}">',
                f"<h3>{escape(inspection['provider'])}</h3>",
                f'<p class="meta">Fieldwork from {escape(inspection["fieldwork_start"])}, <code>{escape(inspection["file"])}</code>: '
                f"{counted(inspection['changed'], 'rating')} changed, {counted(inspection['bands_moved'], 'band')} moved.</p>",
                '<table class="changes"><thead><tr><th scope="col">Rating</th><th scope="col">Baseline</th><th scope="col">Draft</th>'
                '<th scope="col">Move</th><th scope="col">Why</th></tr></thead><tbody>']
        for change in changes(inspection, document):
            causes = "".join(f"<li>{escape(cause)}</li>" for cause in change.causes)
            out.append(f'<tr><th scope="row">{escape(change.name)}</th><td>{escape(change.baseline)}</td><td>{escape(change.draft)}</td>'
                       f"<td>{escape(change.move)}</td><td>{f'<ul>{causes}</ul>' if causes else ''}</td></tr>")
        out.append("</tbody></table>")
        out += [f'<p class="note">Note: {escape(warning)}</p>' for warning in inspection["warnings"]]
        out.append("</article>")
    unchanged = [i for i in document["inspections"] if not i["changed"]]
    if unchanged:
        out.append(f"<p>Unchanged under the draft: {counted(len(unchanged), 'inspection')}.</p>")
        notes = [f"<li>{escape(i['provider'])} (<code>{escape(i['file'])}</code>): {escape(warning)}</li>"
                 for i in unchanged for warning in i["warnings"]]
        out += ["<ul class=\"notes\">", *notes, "</ul>"] if notes else []
    return out + ["</section>"]


def _not_rated(document: Mapping[str, Any]) -> list[str]:
    entries = document["not_rated"]
    out = ['<section id="not-rated" aria-labelledby="not-rated-heading">',
           f'<h2 id="not-rated-heading">Inspections not rated ({len(entries)})</h2>']
    if not entries:
        return out + ["<p>None.</p>", "</section>"]
    out.append("<ul>")
    for entry in entries:
        who = f"<code>{escape(entry['file'])}</code>"
        who = f"{escape(entry['provider'])} ({who})" if entry["provider"] is not None else who
        reasons = "".join(f"<li>{escape(reason)}</li>" for reason in entry["reasons"])
        out.append(f'<li data-under="{escape(entry["under"])}"><strong>{who}</strong>: {escape(cannot_rate(entry["under"]))}'
                   f"<ul>{reasons}</ul></li>")
    return out + ["</ul>", "</section>"]


def _discretion(document: Mapping[str, Any], labels: Mapping[str | None, str]) -> list[str]:
    decisions = document["discretion_not_allowed"]
    out = ['<section id="discretion" aria-labelledby="discretion-heading">',
           f'<h2 id="discretion-heading">Panel decisions the draft no longer allows ({len(decisions)})</h2>']
    if not decisions:
        return out + ["<p>None.</p>", "</section>"]
    titles = {standard["id"]: standard["title"] for standard in document["standards"]}
    out.append('<table class="discretion"><thead><tr><th scope="col">Inspection</th><th scope="col">Standard</th>'
               '<th scope="col">The panel\'s decision</th><th scope="col">Why the draft does not allow it</th></tr></thead><tbody>')
    for d in decisions:
        decision = f"{rating_span(d['from'], label_of(labels, d['from']))} \u2192 {rating_span(d['to'], label_of(labels, d['to']))}"
        out.append(f'<tr><th scope="row">{escape(d["provider"])} (<code>{escape(d["file"])}</code>)</th>'
                   f"<td>{escape(d['standard'])} {escape(titles.get(d['standard'], ''))}</td><td>{decision}</td>"
                   f"<td>{escape(d['reason'])}</td></tr>")
    return out + ["</tbody></table>", "</section>"]


def _sweep(document: Mapping[str, Any], labels: Mapping[str | None, str]) -> list[str]:
    sweep = document["sweep"]
    out = ['<section id="sweep" aria-labelledby="sweep-heading">', f'<h2 id="sweep-heading">Sweep of {escape(sweep["parameter"])}</h2>',
           f"<p><code>{escape(sweep['parameter'])}</code> is {escape(sweep['meaning'])} (<code>{escape(sweep['pointer'])}</code> in "
           f"the framework file). With the draft otherwise unchanged, the share of each rating at each value, of the "
           f"{escape(counted(sweep['inspections'], 'inspection'))} the draft rates.</p>"]
    out += [f"<p>{escape(words)}</p>" for words in unswept_values(sweep)]
    for index, (key, name, shares) in enumerate(sweep_parts(sweep, document)):
        chart_id = f"sweep-{index}"
        out += [f'<div class="sweep-part" data-part="{escape(key)}"><h3>{escape(name)}</h3>',
                f'<figure aria-labelledby="{chart_id}-caption">', sweep_chart(sweep, shares, labels, chart_id, name),
                f'<figcaption id="{chart_id}-caption">A line per rating, each with its own dash and marker. The dashed vertical line '
                "is the baseline's value, the solid one the draft's.</figcaption></figure>"]
        header = [escape(sweep["parameter"])] + [rating_span(s["rating"], label_of(labels, s["rating"])) for s in shares]
        rows = []
        for at, value in enumerate(sweep["values"]):
            marks = value_marks(sweep, value)
            first = f'<strong>{escape(value)}</strong> <span class="tag">{escape(marks)}</span>' if marks else escape(value)
            rows.append([first] + [f"{escape(s['percents'][at])}%" for s in shares])
        out += _table(f"The share of each rating of {escape(name)} at each value", header, rows, "sweep-table") + ["</div>"]
    return out + ["</section>"]


def _footer(document: Mapping[str, Any]) -> list[str]:
    rows = []
    for name, side in (("Baseline", document["baseline"]), ("Draft", document["draft"])):
        file = f", file <code>{escape(side['file'])}</code>" if side["file"] else ""
        rows.append((name, f"<code>{escape(side['ref'])}</code> ({escape(side['status'])}): {escape(side['title'])}{file}; "
                           f"sha256 <code>{escape(side['sha256'])}</code>"))
    rows.append(("Engine", f"{escape(document['engine']['name'])} {escape(document['engine']['version'])}"))
    rows.append(("Plugins", escape(", ".join(plugin_words(p) for p in document["plugins"]) or "none")))
    return (["<footer>", "<h2>Provenance</h2>", "<dl>"] + [f"<dt>{name}</dt><dd>{words}</dd>" for name, words in rows]
            + ["</dl>", "</footer>"])
