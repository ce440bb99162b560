"""The analyses' documents as plain text for the terminal: an explanation, a comparison with the
previous inspection, a re-rating under two versions, a replay and a stability report.

Each renderer only lays out what its document says (the documents are described in schemas/);
the built-in 'text' formats for those documents (text_formats) import this module when they render.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.analysis.compare import NOT_COMPARABLE, UNKNOWN
from ratings_engine.io.safe_text import printable_data
from ratings_engine.model.framework import unpublished
from ratings_engine.reports.result import framework_ref


def render_explanation(explanation: dict[str, Any]) -> str:
    """The explanation as paragraphs a person reads."""
    explanation = printable_data(explanation)  # text from the files cannot start a line or drive the terminal
    framework = explanation["framework"]
    status = unpublished(framework["status"])
    lines = [f"{explanation['provider']}, fieldwork from {explanation['fieldwork_start']}, rated under {framework['ref']}{status}.", ""]
    first = [w for w in explanation["warnings"] if w["code"] == "assumed-figures"]  # before any rating built on them
    lines += [f"Note: {warning['message']}" for warning in first] + ([""] if first else [])
    for standard in explanation["standards"]:
        lines.append(" ".join(standard["sentences"]))
        lines.append("")
    lines.append(explanation["overall"]["sentence"])
    for warning in explanation["warnings"]:
        if warning not in first:
            lines.append(f"Note: {warning['message']}")
    return "\n".join(lines) + "\n"


def render_rerate_text(comparison: dict[str, Any]) -> str:
    """The two versions side by side, per standard, with the causes of each difference."""
    comparison = printable_data(comparison)  # text from the files cannot start a line or drive the terminal
    a, b = comparison["versions"]
    overall = comparison["overall"]
    width = max(24, len(a) + 2, len(b) + 2, len(_overall(overall[a])) + 2, len(_overall(overall[b])) + 2)
    lines = [f"{comparison['provider']}, fieldwork from {comparison['fieldwork_start']}: rated under {a} and {b}", ""]
    lines.append(f"{'standard':<36}{a:<{width}}{b:<{width}}")
    for standard in comparison["standards"]:
        ra, rb = standard["ratings"][a], standard["ratings"][b]
        cells = [(r["rating_label"] if r else "(not rated)") for r in (ra, rb)]
        verdict = "same" if standard["same"] else "DIFFERENT"
        lines.append(f"{standard['id'] + ' ' + standard['title']:<36}{cells[0]:<{width}}{cells[1]:<{width}}{verdict}")
        for cause in standard["causes"]:
            lines.append(f"    - {cause}")
    oa, ob = comparison["overall"][a], comparison["overall"][b]
    lines.append(f"{'Overall':<36}{_overall(oa):<{width}}{_overall(ob):<{width}}")
    for result in comparison["results"]:
        ref = framework_ref(result["framework"])
        for warning in result["warnings"]:
            lines.append(f"note ({ref}): {warning['message']}")
    return "\n".join(lines) + "\n"


def _overall(overall: dict[str, Any]) -> str:
    return f"{overall['rating_label']} ({overall['score']}/{overall['max']})"


def _framework(side: Mapping[str, Any]) -> str:
    # A version that is not published says so wherever it is named.
    return side["framework"] + unpublished(side["framework_status"])


def _level_text(level: float) -> str:
    return format(level, "g")


def _signed(points: int | float | None) -> str:
    if points is None:
        return "-"
    return "0" if points == 0 else f"{points:+g}"


def _percent(figures: Mapping | None) -> str:
    return "-" if figures is None else f"{figures['percent']:g}%"


def _rating(side: Mapping | None, score_of: str = "") -> str:
    if side is None:
        return "(none)"
    published = ", published" if "published" in side else ""  # a report's rating, not computed from figures
    if side["score"] is None:
        return side["rating_label"] + (" (published)" if published else "")
    return f"{side['rating_label']} ({side['score']}{score_of}{published})"


def render_compare_text(comparison: Mapping[str, Any]) -> str:
    """The comparison as a plain-text table a person reads."""
    comparison = printable_data(comparison)  # text from the files cannot start a line or drive the terminal
    previous, current = comparison["previous"], comparison["current"]
    overall = comparison["overall"]
    lines = [
        f"Previous: {previous['provider']}, fieldwork from {previous['fieldwork_start']}, {_framework(previous)}",
        f"Current:  {current['provider']}, fieldwork from {current['fieldwork_start']}, {_framework(current)}",
        "",
        f"Overall: {_rating(overall['previous'], '/' + str(overall['previous']['max']))} -> "
        f"{_rating(overall['current'], '/' + str(overall['current']['max']))}, "
        f"score change {_signed(overall['score_change'])}",
    ]
    for standard in comparison["standards"]:
        lines.append("")
        name = f"{standard['id']} {standard['title']} "
        lines.append(f"{name:.<40} {_rating(standard['previous'])} -> {_rating(standard['current'])}")
        key_questions = [kq for kq in comparison["key_questions"] if kq["standard"] == standard["id"]]
        if key_questions:
            lines.append(f"    {'key question':<14}{'previous':>9}{'current':>9}{'change':>8}  significance")
        for kq in key_questions:
            lines.append(f"    {kq['id']:<14}{_percent(kq['previous']):>9}{_percent(kq['current']):>9}"
                         f"{_signed(kq['change_points']):>8}  {kq['significance']}")
    level = comparison["significance_level"]
    lines += [
        "",
        "Change: percentage points, current minus previous, from the exact proportions. Significance: "
        + (f"{comparison['test']}, on the counts of cases; significant where p < {_level_text(level)}."
           if level is not None else "not judged: the current framework sets no comparison rule."),
    ]
    # One line per reason, naming every key question it applies to: a reason starts with the question's id.
    grouped: dict[tuple[str, str], list[str]] = {}
    for kq in comparison["key_questions"]:
        if kq["significance"] in (UNKNOWN, NOT_COMPARABLE):
            word = "significance unknown" if kq["significance"] == UNKNOWN else NOT_COMPARABLE
            grouped.setdefault((word, kq["reason"].removeprefix(kq["id"] + " ")), []).append(kq["id"])
    for (word, reason), ids in grouped.items():
        plural = len(ids) > 1
        worded = reason.replace("has only", "have only" if plural else "has only").replace("is not", "are not" if plural else "is not")
        lines.append(f"{word}: {', '.join(ids)} {worded}")
    return "\n".join(lines) + "\n"


def render_replay_text(report: dict[str, Any]) -> str:
    report = printable_data(report)  # text from the files cannot start a line or drive the terminal
    head = f"{report['provider']}, fieldwork from {report['fieldwork_start']}, under {report['framework']}: "
    if report["reproduced"]:
        return head + f"reproduced ({report['overall']}; same framework file, inspection, engine and ratings)\n"
    lines = [head + "NOT reproduced"]
    lines += [f"- {f['kind']}: {f['message']}" for f in report["findings"]]
    return "\n".join(lines) + "\n"


def render_stability_text(report: dict[str, Any]) -> str:
    """The stability report (see stability.stability) as text: each standard's share of resamples per
    rating, and how often the rating it was given came up again."""
    report = printable_data(report)  # text from the files cannot start a line or drive the terminal
    framework = report["framework"]
    status = unpublished(framework["status"])
    lines = [f"{report['provider']} under {framework['ref']}{status}: {report['resamples']} resamples (seed {report['seed']}) "
             f"of the case samples {', '.join(report['resampled']) or '(none)'}"]
    if report["fixed"]:
        lines.append(f"not resampled, because they give only totals (resampling needs case-level data): {', '.join(report['fixed'])}; "
                     "standards judged on them keep their rating")
    lines.append("")
    # A standard is named by its id and title; the overall rating by its title alone ('Overall').
    named = [(f"{s['id']} {s['title']}", s) for s in report["standards"]] + [(report["overall"]["title"], report["overall"])]
    for name, item in named:
        shares = ", ".join(f"{s['rating_label']} {s['share']:.1%}" for s in item["shares"])
        note = " (rated with professional discretion, which resamples do not repeat)" if item["discretion_applied"] else ""
        lines.append(f"{name:<40} rated {item['rating_label']}: same in {item['same_as_rated']:.1%}{note}")
        lines.append(f"{'':<40} {shares}")
    return "\n".join(lines) + "\n"
