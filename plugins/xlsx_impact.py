"""The impact document as an xlsx workbook: the 'xlsx' format of `ratings impact`.

Sheets: About (both versions with their status and SHA-256, the engine, the plugins, the counts),
summary (per standard and overall: how many inspections changed, went up, went down), shares (each
rating's count and share under both versions, and the change), transitions (baseline rating to
draft rating, with how many inspections), inspections (the 'csv' format's table), not rated,
discretion not allowed where any, and the sweep where there is one. Tables are long rather than
wide, so that a spreadsheet can filter and pivot them. Only laid out here: every figure is the
document's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.plugins.impact_csv import inspections_table
from ratings_engine.plugins.impact_tables import cannot_rate, label_of, rating_labels
from ratings_engine.plugins.xlsx_result import plugin_words
from ratings_engine.reports.tables import Table, table
from ratings_engine.sheets.report_workbook import workbook

OVERALL = ("overall", "Overall")


def _parts(document: Mapping[str, Any]) -> list[tuple[str, str, Mapping[str, Any]]]:
    """(standard, title, its entry): the overall rating first, then each standard in the document's order."""
    return [(*OVERALL, document["overall"])] + [(s["id"], s["title"], s) for s in document["standards"]]


def about_rows(document: Mapping[str, Any]) -> list[tuple[str, str]]:
    rows = [("Workbook", "What a draft framework version would change across many inspections (ratings impact)")]
    for role in ("baseline", "draft"):
        version = document[role]
        rows += [(role.capitalize(), f"{version['ref']} ({version['status']})"),
                 (f"{role.capitalize()} SHA-256", version["sha256"])]
        if version.get("file"):
            rows.append((f"{role.capitalize()} file", version["file"]))
    counts = document["counts"]
    rows += [("Engine", f"{document['engine']['name']} {document['engine']['version']}"),
             ("Plugins", plugin_words(document["plugins"])),
             ("Inspections", f"{counts['given']} given, {counts['compared']} rated under both versions, "
                             f"{counts['changed']} with a rating changed, {counts['not_rated']} not rated")]
    return rows


def summary_table(document: Mapping[str, Any]) -> Table:
    rows = [(key, title, "" if len(entry.get("under", ("baseline", "draft"))) == 2 else f"only in the {entry['under'][0]}",
             entry["changed"], entry["up"], entry["down"]) for key, title, entry in _parts(document)]
    return table("summary", ("standard", "standard_title", "note", "changed", "up", "down"), rows)


def shares_table(document: Mapping[str, Any]) -> Table:
    labels = rating_labels(document)
    rows = [(key, share["rating"], label_of(labels, share["rating"]), share["baseline"], share["baseline_percent"],
             share["draft"], share["draft_percent"], share["change"], share["change_points"])
            for key, _title, entry in _parts(document) for share in entry["shares"]]
    return table("shares", ("standard", "rating", "rating_label", "baseline_count", "baseline_percent", "draft_count",
                            "draft_percent", "change", "change_points"), rows)


def transitions_table(document: Mapping[str, Any]) -> Table:
    labels = rating_labels(document)
    rows = [(key, t["baseline"], label_of(labels, t["baseline"]), t["draft"], label_of(labels, t["draft"]), t["count"])
            for key, _title, entry in _parts(document) for t in entry["transitions"]]
    return table("transitions", ("standard", "baseline_rating", "baseline_rating_label", "draft_rating",
                                 "draft_rating_label", "count"), rows)


def not_rated_table(document: Mapping[str, Any]) -> Table:
    rows = [(e["file"], e["provider"], cannot_rate(e["under"]), "; ".join(e["reasons"])) for e in document["not_rated"]]
    return table("not rated", ("file", "provider", "note", "reasons"), rows)


def discretion_table(document: Mapping[str, Any]) -> Table:
    rows = [(e["file"], e["provider"], e["standard"], e["from"], e["to"], e["reason"]) for e in document["discretion_not_allowed"]]
    return table("discretion not allowed", ("file", "provider", "standard", "panel_from_rating", "panel_to_rating", "reason"), rows)


def sweep_table(sweep: Mapping[str, Any], labels: Mapping[str | None, str]) -> Table:
    """The sweep, long: a row per value, standard (or overall) and rating, with the count and share."""
    marks = {sweep["baseline_value"]: "baseline", sweep["draft_value"]: "draft"}
    if sweep["baseline_value"] == sweep["draft_value"]:
        marks[sweep["baseline_value"]] = "baseline and draft"
    parts = [("overall", sweep["overall"])] + [(s["id"], s) for s in sweep["standards"]]
    rows = [(sweep["parameter"], value, marks.get(value, ""), key, share["rating"], label_of(labels, share["rating"]),
             share["counts"][i], share["percents"][i])
            for i, value in enumerate(sweep["values"]) for key, entry in parts for share in entry["shares"]]
    return table("sweep", ("parameter", "value", "version_value", "standard", "rating", "rating_label", "count", "percent"),
                 rows)


def render_impact_xlsx(document: Mapping[str, Any]) -> bytes:
    """The workbook of DOCUMENT (see the module docstring)."""
    tables = [summary_table(document), shares_table(document), transitions_table(document), inspections_table(document),
              not_rated_table(document)]
    if document["discretion_not_allowed"]:
        tables.append(discretion_table(document))
    if document.get("sweep"):
        tables.append(sweep_table(document["sweep"], rating_labels(document)))
    return workbook(tables, about_rows(document))
