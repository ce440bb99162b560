"""The result document as an xlsx workbook: the 'xlsx' format of `ratings evaluate`.

Sheets: About (the provenance: the framework version, its status and SHA-256, the engine, the
plugins, the input's SHA-256), then standards and key questions (the tables of 'csv-standards' and
'csv', column for column), prompts, overall and, where there are any, warnings. Each cell is typed
by engine/sheets/report_workbook.py. Only laid out here: every figure is the document's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ratings_engine.plugins.csv_format import key_questions_table, standards_table
from ratings_engine.reports.result import framework_ref
from ratings_engine.reports.tables import Table, table
from ratings_engine.sheets.report_workbook import workbook

PROMPT_COLUMNS = ("key_question", "prompt", "prompt_text", "yes", "of", "not_applicable", "excluded", "not_answered",
                  "percent", "percent_exact", "percent_fraction")
OVERALL_COLUMNS = ("provider", "fieldwork_start", "framework", "rating", "rating_label", "score", "max_score",
                   "band_from", "band_to")


def plugin_words(plugins: Sequence[Mapping[str, Any]]) -> str:
    """The plugins a document names, each with its distribution and version."""
    return "; ".join(f"{p['name']} ({p['distribution'] or 'registered directly'} {p['version'] or ''})".replace(" )", ")")
                     for p in plugins) or "none"


def about_rows(result: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The About sheet: what the workbook is and where it came from."""
    framework = result["framework"]
    return [
        ("Workbook", "One inspection's ratings (ratings evaluate), as the result document holds them"),
        ("Provider", result["provider"]),
        ("Fieldwork start", result["fieldwork_start"]),
        ("Framework", framework_ref(framework)),
        ("Framework title", framework["title"]),
        ("Framework status", framework["status"]),
        ("Framework SHA-256", framework["sha256"]),
        ("Engine", f"{result['engine']['name']} {result['engine']['version']}"),
        ("Plugins", plugin_words(result["plugins"])),
        ("Inspection SHA-256", (result.get("input") or {}).get("sha256") or "not known"),
        ("Percentages", "numbers shown as percentages; percent_exact is the exact figure the bands decide on, and "
                        "percent_fraction the same as an exact fraction (text)"),
    ]


def prompts_table(result: Mapping[str, Any]) -> Table:
    rows = [(p["key_question"], p["id"], p["text"], p["yes"], p["of"], p["not_applicable"], p["excluded"],
             p.get("not_answered"), p["percent"], p["percent_exact"], p["percent_exact"]) for p in result["prompts"]]
    return table("prompts", PROMPT_COLUMNS, rows)


def overall_table(result: Mapping[str, Any]) -> Table:
    overall = result["overall"]
    band = overall.get("band") or {}
    row = (result["provider"], result["fieldwork_start"], framework_ref(result["framework"]), overall["rating"],
           overall["rating_label"], overall["score"], overall["max"], band.get("from"), band.get("to"))
    return table("overall", OVERALL_COLUMNS, [row])


def render_result_xlsx(result: Mapping[str, Any]) -> bytes:
    """The workbook of RESULT (see the module docstring)."""
    tables = [standards_table(result), key_questions_table(result), prompts_table(result), overall_table(result)]
    if result["warnings"]:
        tables.append(table("warnings", ("code", "message"), [(w["code"], w["message"]) for w in result["warnings"]]))
    return workbook(tables, about_rows(result))
