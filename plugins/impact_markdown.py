"""The impact document (schemas/impact.schema.json) as Markdown, for a briefing paper or a pull request.

The same content as the text briefing (impact_text), as headings, lists and tables: what was
compared; for the overall rating and each standard the transition table (unchanged counts, on the
diagonal, in bold) and the change in each rating's share; the inspections with a rating changed,
most affected first, with causes; what a version cannot rate; the panel decisions the draft no
longer allows; the sweep. Text from the document is escaped (markdown_words.text), so data cannot
add emphasis, links, HTML or table cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    version_words,
)
from ratings_engine.plugins.markdown_words import table, text


def render_impact_markdown(document: Mapping[str, Any]) -> str:
    """The Markdown briefing (see the module docstring)."""
    labels = rating_labels(document)
    blocks = [_heading(document)]
    blocks += [_part(part, labels) for part in parts(document)]
    blocks += [_inspections(document), _not_rated(document), _discretion(document, labels)]
    if document["sweep"] is not None:
        blocks.append(_sweep(document, labels))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _heading(document: Mapping[str, Any]) -> list[str]:
    draft, baseline, counts = document["draft"], document["baseline"], document["counts"]
    plugins = ", ".join(text(plugin_words(p)) for p in document["plugins"]) or "none"
    return [
        f"# Impact of {text(draft['ref'])} ({text(draft['status'])}) against {text(baseline['ref'])} ({text(baseline['status'])})",
        "",
        f"- Baseline: {text(version_words(baseline))}; sha256 {text(baseline['sha256'])}",
        f"- Draft: {text(version_words(draft))}; sha256 {text(draft['sha256'])}",
        f"- Engine: {text(document['engine']['name'])} {text(document['engine']['version'])}",
        f"- Plugins: {plugins}",
        "",
        f"**Inspections:** {counts['given']} given; {counts['compared']} rated under both versions, {counts['changed']} of them "
        f"with a rating changed; {counts['not_rated']} not rated under one version or both.",
        "",
        "Inspections whose rating changed, by standard (up: rated higher under the draft):",
        "",
        *table([word.capitalize() for word in BRIEF_HEADER], [[text(row[0]), *row[1:]] for row in brief_rows(document)]),
    ]


def _part(part: Part, labels: Mapping[str | None, str]) -> list[str]:
    entry = part.entry
    note = f" ({text(part.note)})" if part.note else ""
    grid = transition_grid(entry)
    header = ["Baseline (rows), draft (columns)"] + [text(label_of(labels, c)) for c in grid.columns] + ["Total"]
    rows = []
    for r in grid.rows:
        cells = [(f"**{grid.count(r, c)}**" if r == c and grid.count(r, c) else str(grid.count(r, c) or "-")) for c in grid.columns]
        rows.append([text(label_of(labels, r))] + cells + [str(grid.row_totals.get(r, 0))])
    rows.append(["Total"] + [str(grid.column_totals.get(c, 0)) for c in grid.columns] + [str(sum(grid.row_totals.values()))])
    shares = [[text(label_of(labels, s.rating)), str(s.baseline), f"{s.baseline_percent}%", str(s.draft), f"{s.draft_percent}%",
               s.change, s.change_points] for s in share_rows(entry)]
    return [f"## {text(part.name)}{note}", "",
            f"{counted(entry['changed'], 'inspection')} changed: {entry['up']} up, {entry['down']} down.", "",
            "Transitions: the rating under the baseline (rows) and under the draft (columns); in bold, unchanged; - none.", "",
            *table(header, rows), "",
            "The share of each rating, and its change (points: percentage points):", "",
            *table(["Rating", "Baseline", "%", "Draft", "%", "Change", "Points"], shares)]


def _inspections(document: Mapping[str, Any]) -> list[str]:
    changed = [i for i in document["inspections"] if i["changed"]]
    lines = ["## Inspections with a rating changed", "",
             f"{len(changed)} of {document['counts']['compared']}, most affected first."]
    for inspection in changed:
        lines += ["", f"### {text(inspection['provider'])}", "",
                  f"Fieldwork from {text(inspection['fieldwork_start'])}, {text(inspection['file'])}: "
                  f"{counted(inspection['changed'], 'rating')} changed, {counted(inspection['bands_moved'], 'band')} moved.", ""]
        for change in changes(inspection, document):
            lines.append(f"- **{text(change.name)}**: {text(change.baseline)} → {text(change.draft)} ({text(change.move)})")
            lines += [f"  - {text(cause)}" for cause in change.causes]
        lines += [f"- Note: {text(warning)}" for warning in inspection["warnings"]]
    unchanged = [i for i in document["inspections"] if not i["changed"]]
    if unchanged:
        lines += ["", f"Unchanged under the draft: {counted(len(unchanged), 'inspection')}."]
        notes = [f"- {text(i['provider'])} ({text(i['file'])}): {text(w)}" for i in unchanged for w in i["warnings"]]
        lines += ["", "Notes on them:", "", *notes] if notes else []
    return lines


def _not_rated(document: Mapping[str, Any]) -> list[str]:
    lines = ["## Inspections not rated", ""]
    if not document["not_rated"]:
        return lines + ["None."]
    for entry in document["not_rated"]:
        who = text(entry["file"]) if entry["provider"] is None else f"{text(entry['provider'])} ({text(entry['file'])})"
        lines.append(f"- **{who}**: {text(cannot_rate(entry['under']))}")
        lines += [f"  - {text(reason)}" for reason in entry["reasons"]]
    return lines


def _discretion(document: Mapping[str, Any], labels: Mapping[str | None, str]) -> list[str]:
    decisions = document["discretion_not_allowed"]
    lines = ["## Panel decisions the draft no longer allows", ""]
    if not decisions:
        return lines + ["None."]
    titles = {standard["id"]: standard["title"] for standard in document["standards"]}
    rows = [[f"{text(d['provider'])} ({text(d['file'])})", text(f"{d['standard']} {titles.get(d['standard'], '')}".rstrip()),
             f"{text(label_of(labels, d['from']))} → {text(label_of(labels, d['to']))}", text(d["reason"])] for d in decisions]
    return lines + table(["Inspection", "Standard", "The panel's decision", "Why the draft does not allow it"], rows)


def _sweep(document: Mapping[str, Any], labels: Mapping[str | None, str]) -> list[str]:
    sweep = document["sweep"]
    lines = [f"## Sweep of {text(sweep['parameter'])}", "",
             f"{text(sweep['parameter'])} is {text(sweep['meaning'])} ({text(sweep['pointer'])} in the framework file). With the "
             f"draft otherwise unchanged, the share of each rating at each value, of the "
             f"{counted(sweep['inspections'], 'inspection')} the draft rates. In bold, the baseline's and the draft's values."]
    lines += [""] + [text(words) for words in unswept_values(sweep)] if unswept_values(sweep) else []
    for _, name, shares in sweep_parts(sweep, document):
        header = [text(sweep["parameter"])] + [text(label_of(labels, share["rating"])) for share in shares]
        rows = []
        for index, value in enumerate(sweep["values"]):
            marks = value_marks(sweep, value)
            rows.append([f"**{text(value)}** ({marks})" if marks else text(value)] + [f"{s['percents'][index]}%" for s in shares])
        lines += ["", f"### {text(name)}", "", *table(header, rows)]
    return lines
