"""Built-in output formats: 'text', a report a person reads, and 'json', the result document."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl
from ratings_engine.io.jsonio import to_json_text
from ratings_engine.io.safe_text import printable_data
from ratings_engine.reports.result import framework_ref

#: Warnings shown at the top, before the ratings they qualify: a result built on assumed figures.
FIRST = frozenset({"assumed-figures"})


def render_json(result: Mapping[str, Any]) -> str:
    return to_json_text(result)


def render_text(result: Mapping[str, Any]) -> str:
    """The ratings page: each standard's rating with the reason for it, then the overall rating."""
    from ratings_engine.reports.overall_reasons import (  # loaded when a report is rendered, not at start-up
        area_words,
        overall_reasons,
        published_overall,
    )
    result = printable_data(result)  # data cannot start a line of its own or drive the terminal
    framework = result["framework"]
    overall = result["overall"]
    lines = [
        f"{result['provider']}, fieldwork from {result['fieldwork_start']}",
        f"Rated under {framework_ref(framework)} ({framework['status']}): {framework['title']}",
        f"framework sha256 {framework['sha256'][:16]}..., {result['engine']['name']} {result['engine']['version']}",
        "",
    ]
    first = [w for w in result["warnings"] if w["code"] in FIRST]  # said before any rating is read
    lines += [f"warning: {warning['message']}" for warning in first] + ([""] if first else [])
    domain = None
    for standard in result["standards"]:
        if standard["domain"] != domain:
            domain = standard["domain"]
            lines.append(f"{domain}. {standard['domain_title']}")
        lines.extend(_standard_lines(standard, result))
    lines.append("")
    if result.get("areas"):
        lines.append("Areas")
        for area in result["areas"]:
            title = f"  {area['id']} {area['title']}"
            score = "" if area["score"] is None else f" ({area['score']})"
            lines += [f"{title} {'.' * max(2, 44 - len(title))} {area['rating_label']}{score}", f"      {area_words(area)}"]
        lines.append("")
    band = overall["band"]
    within = f" (the band {band['from']}-{band['to']})" if band else ""
    score = "weighted score" if overall.get("weighted") else "score"
    lines.append(f"Overall: {overall['rating_label']}, {score} {overall['score']}/{overall['max']}{within}")
    lines += [f"  {reason.words}" for reason in overall_reasons(result)]
    lines += [f"  {words}." for words in published_overall(overall)]
    for warning in result["warnings"]:
        if warning["code"] not in FIRST:
            lines.append(f"warning: {warning['message']}")
    return "\n".join(lines) + "\n"


def _standard_lines(standard: Mapping[str, Any], result: Mapping[str, Any]) -> list[str]:
    """The standard's title line and rating, its reasons (engine/reports/reasons.py), then its key questions."""
    from ratings_engine.reports.reasons import reasons  # loaded when a report is rendered, not at start-up
    title = f"  {standard['id']} {standard['title']}"
    score = "" if standard["score"] is None else f" ({standard['score']})"
    if "published" in standard and standard["published"]["stands_in"]:
        score = f" ({standard['score']}, published)"
    lines = [f"{title} {'.' * max(2, 44 - len(title))} {standard['rating_label']}{score}"]
    indent = "      "
    lines += [f"{indent}{reason.words}" for reason in reasons(standard, result)]
    for kq in standard["key_questions"]:
        counts = f"{kq['yes']}/{kq['of']}" if kq["of"] is not None else "published"
        if kq.get("basis") == "assumed":  # a placeholder is never called published
            counts = "assumed" if kq["of"] is None else f"{counts} assumed"
        excluded = f"  {kq['excluded']} excluded ({kq['sub_sample']})" if kq["sub_sample"] and kq["excluded"] else ""
        lines.append(f"{indent}{kq['id']:<7}{str(kq['percent']) + '%':>6}  {counts:<9} {kq['band_label']}{excluded}")
    return lines


@hookimpl(trylast=True)
def ratings_output_formats():
    return [
        OutputFormat("text", "A report a person reads: each rating with its reason.", render_text, (".txt",)),
        OutputFormat("json", "The result document, as described by result.schema.json.", render_json, (".json",)),
    ]
