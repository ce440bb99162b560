"""The impact document (schemas/impact.schema.json) as a plain-text briefing for the policy officer
who decides whether to publish a draft framework version.

In order: what was compared and how many inspections; for the overall rating and each standard, the
transition table (baseline rows by draft columns) and the net change in each rating's share; the
inspections with a rating changed, most affected first, each change with its causes; the
inspections a version cannot rate, and why; the panel decisions the draft no longer allows; and
the sweep, where there is one. Plain and aligned, within 100 columns. It only lays out the
document (impact_tables arranges it); the built-in format (impact_formats) imports it when it renders.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from ratings_engine.io.safe_text import printable_data
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

WIDTH = 100
INDENT = "  "


def render_impact_text(document: Mapping[str, Any]) -> str:
    """The briefing (see the module docstring)."""
    document = printable_data(document)  # text from the files cannot start a line or drive the terminal
    labels = rating_labels(document)
    lines = _heading(document)
    for part in parts(document):
        lines += ["", *_part_lines(part, labels)]
    lines += ["", *_inspection_lines(document)]
    lines += ["", *_not_rated_lines(document)]
    lines += ["", *_discretion_lines(document, labels)]
    if document["sweep"] is not None:
        lines += ["", *_sweep_lines(document, labels)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def wrapped(text: str, indent: str, first: str = "") -> list[str]:
    """TEXT wrapped within WIDTH, led by FIRST ('- ') on its first line and INDENT on every line."""
    return textwrap.wrap(text, WIDTH, initial_indent=indent + first, subsequent_indent=indent + " " * len(first),
                         break_long_words=False, break_on_hyphens=False) or [indent + first]


def _split_header(header: str) -> list[str]:
    """A header of several words on two lines, as evenly as its words allow."""
    words = header.split()
    if len(words) < 2:
        return [header]
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda pair: max(map(len, pair))))


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = INDENT) -> list[str]:
    """A table: the first column left-aligned, the others right-aligned, two spaces apart; headers of
    several words go on two lines where the table would otherwise be wider than WIDTH."""
    heads = [[h] for h in header]

    def widths() -> list[int]:
        return [max([len(line) for line in heads[i]] + [len(row[i]) for row in rows]) for i in range(len(header))]

    if len(indent) + sum(widths()) + 2 * (len(header) - 1) > WIDTH:
        heads = [heads[0]] + [_split_header(h) for h in header[1:]]
    sizes = widths()
    depth = max(map(len, heads))
    heads = [[""] * (depth - len(h)) + h for h in heads]

    def line(cells: Sequence[str]) -> str:
        return indent + "  ".join([cells[0].ljust(sizes[0])] + [c.rjust(w) for c, w in zip(cells[1:], sizes[1:], strict=True)])

    return [line([h[level] for h in heads]) for level in range(depth)] + [line(row) for row in rows]


def _heading(document: Mapping[str, Any]) -> list[str]:
    counts = document["counts"]
    plugins = ", ".join(plugin_words(p) for p in document["plugins"]) or "none"
    lines = [f"Impact of {document['draft']['ref']} ({document['draft']['status']}) against {document['baseline']['ref']}"
             f" ({document['baseline']['status']})", ""]
    for name, side in (("Baseline", document["baseline"]), ("Draft", document["draft"])):
        lines += wrapped(version_words(side), "", f"{name + ':':<10}")
        lines.append(f"{'':<10}sha256 {side['sha256']}")
    lines += [f"{'Engine:':<10}{document['engine']['name']} {document['engine']['version']}"]
    lines += wrapped(plugins, "", f"{'Plugins:':<10}")
    summary = (f"Inspections: {counts['given']} given; {counts['compared']} rated under both versions, "
               f"{counts['changed']} of them with a rating changed; {counts['not_rated']} not rated under one version or both.")
    lines += [""] + wrapped(summary, "")
    return lines + ["", "Inspections whose rating changed, by standard (up: rated higher under the draft):"] + aligned(
        BRIEF_HEADER, brief_rows(document))


def _part_lines(part: Part, labels: Mapping[str | None, str]) -> list[str]:
    entry = part.entry
    note = f" ({part.note})" if part.note else ""
    lines = [f"{part.name}{note}: {counted(entry['changed'], 'inspection')} changed, {entry['up']} up, {entry['down']} down"]
    grid = transition_grid(entry)
    header = ["baseline \\ draft"] + [label_of(labels, c) for c in grid.columns] + ["Total"]
    rows = [[label_of(labels, r)] + [str(grid.count(r, c) or "-") for c in grid.columns] + [str(grid.row_totals.get(r, 0))]
            for r in grid.rows]
    rows.append(["Total"] + [str(grid.column_totals.get(c, 0)) for c in grid.columns] + [str(sum(grid.row_totals.values()))])
    lines += [f"{INDENT}Transitions: rated under the baseline (rows) and under the draft (columns); - none."]
    lines += aligned(header, rows)
    shares = [[label_of(labels, s.rating), str(s.baseline), f"{s.baseline_percent}%", str(s.draft), f"{s.draft_percent}%",
               s.change, s.change_points] for s in share_rows(entry)]
    lines += ["", f"{INDENT}Share of each rating, and its change (points: percentage points):"]
    return lines + aligned(["rating", "baseline", "%", "draft", "%", "change", "points"], shares)


def _inspection_lines(document: Mapping[str, Any]) -> list[str]:
    changed = [i for i in document["inspections"] if i["changed"]]
    lines = [f"Inspections with a rating changed, most affected first: {len(changed)} of {document['counts']['compared']}"]
    for inspection in changed:
        moved = f"{counted(inspection['changed'], 'rating')} changed, {counted(inspection['bands_moved'], 'band')} moved"
        who = f"{inspection['provider']}, fieldwork from {inspection['fieldwork_start']} ({inspection['file']})"
        lines += [""] + wrapped(f"{who}: {moved}", "")
        for change in changes(inspection, document):
            lines += wrapped(f"{change.name}: {change.baseline} -> {change.draft} ({change.move})", INDENT)
            for cause in change.causes:
                lines += wrapped(cause, INDENT * 3, "- ")
        for warning in inspection["warnings"]:
            lines += wrapped(warning, INDENT, "note: ")
    unchanged = [i for i in document["inspections"] if not i["changed"]]
    if unchanged:
        lines += ["", f"Unchanged under the draft: {counted(len(unchanged), 'inspection')}."]
    for inspection in unchanged:
        for warning in inspection["warnings"]:
            lines += wrapped(f"{inspection['provider']} ({inspection['file']}): {warning}", INDENT, "note: ")
    return lines


def _not_rated_lines(document: Mapping[str, Any]) -> list[str]:
    lines = [f"Inspections not rated: {len(document['not_rated'])}"]
    for entry in document["not_rated"]:
        who = f"{entry['provider']} ({entry['file']})" if entry["provider"] is not None else entry["file"]
        lines += wrapped(f"{who}: {cannot_rate(entry['under'])}", INDENT)
        for reason in entry["reasons"]:
            lines += wrapped(reason, INDENT * 2, "- ")
    return lines


def _discretion_lines(document: Mapping[str, Any], labels: Mapping[str | None, str]) -> list[str]:
    titles = {standard["id"]: standard["title"] for standard in document["standards"]}
    decisions = document["discretion_not_allowed"]
    lines = [f"Panel decisions the draft no longer allows: {len(decisions)}"]
    for entry in decisions:
        standard = f"{entry['standard']} {titles.get(entry['standard'], '')}".rstrip()
        lines += wrapped(f"{entry['provider']} ({entry['file']}), {standard}: the panel moved {label_of(labels, entry['from'])} "
                         f"to {label_of(labels, entry['to'])}", INDENT)
        lines += wrapped(entry["reason"], INDENT * 2, "- ")
    return lines


def _sweep_lines(document: Mapping[str, Any], labels: Mapping[str | None, str]) -> list[str]:
    sweep = document["sweep"]
    lines = [f"Sweep of {sweep['parameter']}"]
    lines += wrapped(f"{sweep['parameter']} is {sweep['meaning']} ({sweep['pointer']} in the framework file). With the draft "
                     f"otherwise unchanged, the share of each rating at each value, of the "
                     f"{counted(sweep['inspections'], 'inspection')} the draft rates.", "")
    lines += wrapped(" ".join(unswept_values(sweep)), "") if unswept_values(sweep) else []
    for _, name, shares in sweep_parts(sweep, document):
        header = [sweep["parameter"]] + [label_of(labels, share["rating"]) for share in shares]
        rows = []
        for index, value in enumerate(sweep["values"]):
            marks = value_marks(sweep, value)
            rows.append([f"{value} ({marks})" if marks else value] + [f"{share['percents'][index]}%" for share in shares])
        lines += ["", name] + aligned(header, rows)
    return lines
