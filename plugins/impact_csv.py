"""The impact document (schemas/impact.schema.json) as one CSV table for a spreadsheet (RFC 4180, CRLF).

One row per inspection compared and standard, in the document's order (most affected first), then
that inspection's row for the overall rating (standard ``overall``): file, provider,
fieldwork_start, baseline_framework and draft_framework (each ID@VERSION), standard, standard_title,
baseline_rating and baseline_rating_label, draft_rating and draft_rating_label, bands_moved
(positive up, negative down; empty where either version does not rate it), rating_changed (yes/no),
causes (joined with "; ") and note (a standard only one version has; on the
overall row, what the draft set aside or could not do). Then one row per inspection a version
could not rate at all: its file and provider, every rating empty, and the note saying which
version cannot rate it and why. Every inspection given is there: none is dropped. Cells are
written as every CSV output writes them (engine/reports/tables.py: text never read as a formula),
and the same table is the 'xlsx' format's sheet 'inspections'.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.plugins.impact_tables import cannot_rate, label_of, rating_labels
from ratings_engine.reports.tables import Table, csv_text, table

COLUMNS = ("file", "provider", "fieldwork_start", "baseline_framework", "draft_framework", "standard", "standard_title",
           "baseline_rating", "baseline_rating_label", "draft_rating", "draft_rating_label", "bands_moved", "rating_changed",
           "causes", "note")


def render_impact_csv(document: Mapping[str, Any]) -> str:
    """The table (see the module docstring), as CSV."""
    return csv_text(inspections_table(document))


def inspections_table(document: Mapping[str, Any]) -> Table:
    """The table of the module docstring: a row per inspection and standard, then overall, then each not rated."""
    labels = rating_labels(document)
    standards = {standard["id"]: standard for standard in document["standards"]}

    def ratings(baseline: str | None, draft: str | None) -> list[Any]:
        return [baseline, None if baseline is None else label_of(labels, baseline),
                draft, None if draft is None else label_of(labels, draft)]

    versions = [document["baseline"]["ref"], document["draft"]["ref"]]
    rows: list[list[Any]] = []
    for inspection in document["inspections"]:
        who = [inspection["file"], inspection["provider"], inspection["fieldwork_start"], *versions]
        for entry in inspection["standards"]:
            standard = standards.get(entry["id"], {})
            under = standard.get("under", ["baseline", "draft"])
            note = None if len(under) == 2 else f"a standard only of the {under[0]}"
            rows.append(who + [entry["id"], standard.get("title")] + ratings(entry["baseline"], entry["draft"])
                        + [entry["bands"], entry["baseline"] != entry["draft"], "; ".join(entry["causes"]) or None, note])
        overall = inspection["overall"]
        rows.append(who + ["overall", "Overall"] + ratings(overall["baseline"], overall["draft"])
                    + [overall["bands"], overall["baseline"] != overall["draft"], "; ".join(overall["causes"]) or None,
                       "; ".join(inspection["warnings"]) or None])
    for entry in document["not_rated"]:
        note = f"{cannot_rate(entry['under'])}: " + "; ".join(entry["reasons"])
        rows.append([entry["file"], entry["provider"], None, *versions] + [None] * (len(COLUMNS) - 6) + [note])
    return table("inspections", COLUMNS, rows)
