"""Built-in output format 'markdown': the result as Markdown to paste into an inspection report.

The document has, in this order:

1. a title, what was inspected and under which framework, and a notice of anything the reader must
   know first: a framework version that is not 'published' (reconstructed, provisional, draft) and
   every warning in the result;
2. the ratings page, as in the report: the provider, "Score N/M", the overall rating, then a table
   per domain of each standard's rating, with a note where moderation or professional discretion
   changed it;
3. per standard, its key questions as in the report's chapters (previous and current percentage, the
   key question that drove the rating in bold, counts where known), and a short list under the
   table with the rating and the reasons for it;
4. where the result has prompt figures, Annexe 4-style prompt tables, one per key question (previous
   and current percentage; "No comparable data available" where a previous inspection is given but
   has no figure for the prompt);
5. a provenance footer: framework id@version, status and SHA-256, engine, plugins, input SHA-256.

The "previous" columns appear only when the result carries a `previous` section
(`ratings evaluate --previous FILE`). The renderer formats what the result document holds and
never rates anything: percentages are shown as the document displays them, and counts are shown
only where the document has them. Text from the document is escaped (engine/io/safe_text.py), so tables
keep their columns and data cannot add emphasis, links or HTML; the same document always gives the same text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl
from ratings_engine.plugins.markdown_words import NO_COMPARABLE, counts, percent, sentence, table, text
from ratings_engine.reports.result import framework_ref, standards_by_domain


def render_markdown(result: Mapping[str, Any]) -> str:
    """The result document as Markdown (see the module docstring for its parts)."""
    # The prompt tables are the bulk of the renderer, and every command loads this plugin: imported here.
    from ratings_engine.plugins.markdown_prompts import prompt_tables

    previous = result.get("previous")
    parts: list[list[str]] = [
        _heading(result, previous),
        _notice(result),
        _ratings_page(result),
        _standards(result, previous),
        prompt_tables(result, previous),
        _provenance(result, previous),
    ]
    blocks = ["\n".join(part) for part in parts if part]
    return "\n\n".join(blocks).rstrip("\n") + "\n"


# --- the parts ------------------------------------------------------------------------------------


def _heading(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    framework = result["framework"]
    lines = [
        f"# {text(result['provider'])}: inspection ratings",
        "",
        f"Fieldwork from {text(result['fieldwork_start'])}. Rated under {text(framework_ref(framework))} "
        f"({text(framework['status'])}): {text(framework['title'])}.",
    ]
    if previous is not None:
        lines += ["", f"Previous inspection: {text(previous['provider'])}, fieldwork from "
                      f"{text(previous['fieldwork_start'])}, rated under {text(previous['framework'])}."]
    return lines


def _notice(result: Mapping[str, Any]) -> list[str]:
    framework = result["framework"]
    lines: list[str] = []
    if framework["status"] != "published":
        lines.append(f"> **Not a published framework: {text(framework_ref(framework))} is {text(framework['status'])}.** "
                     "Read these ratings with the warnings below.")
    warnings = result["warnings"]
    if warnings:
        if lines:
            lines.append(">")
        lines.append("> **Warnings**")
        lines.append(">")
        lines += [f"> - {text(w['message'])} ({text(w['code'])})" for w in warnings]
    return lines


def _scores_by_rating(result: Mapping[str, Any]) -> dict[str, int]:
    # The scores the document itself gives each rating, to word a change as raised or lowered.
    return {s["rating"]: s["score"] for s in result["standards"] if s["rating"] is not None and s["score"] is not None}


def _direction(scores: Mapping[str, int], before: str, after: str, proposed: int | None = None) -> str:
    if proposed is not None and proposed != 0:
        return "raised" if proposed > 0 else "lowered"
    if before in scores and after in scores and scores[before] != scores[after]:
        return "raised" if scores[after] > scores[before] else "lowered"
    return "changed"


def _note(standard: Mapping[str, Any], result: Mapping[str, Any], scores: Mapping[str, int]) -> str:
    """A short note of what changed the rating after the indicative one (or why it is not rated)."""
    from ratings_engine.reports.reasons import reasons  # loaded when a report is rendered, not at start-up
    notes = []
    for reason in reasons(standard, result):
        if reason.kind == "moderation" and reason.moved and reason.from_rating and reason.to_rating:
            proposed = standard["moderation"]["proposed"]
            notes.append(f"{_direction(scores, reason.from_rating, reason.to_rating, proposed)} from "
                         f"{reason.from_label} by moderation")
        elif reason.kind == "discretion_exercised" and reason.from_rating and reason.to_rating:
            override = " (override: not eligible)" if reason.override else ""
            notes.append(f"{_direction(scores, reason.from_rating, reason.to_rating)} from {reason.from_label} "
                         f"by professional discretion{override}")
        elif reason.kind == "not_rated":
            notes.append(_not_rated(reason.text))
        elif reason.kind == "not_rated_on_purpose":
            notes.append(f"not rated on purpose: {reason.text}")
        elif reason.kind == "not_counted":
            notes.append(reason.label[0].lower() + reason.label[1:])
        elif reason.kind == "weight":
            notes.append(f"weight {standard['weight']}")
        elif reason.kind == "published":
            notes.append(f"published, not computed (source: {standard['published']['source']})")
    return text("; ".join(notes))


def _not_rated(reason: str) -> str:
    return reason if reason.lower().startswith("not rated") else f"not rated: {reason}"


def _ratings_page(result: Mapping[str, Any]) -> list[str]:
    from ratings_engine.reports.overall_reasons import (  # loaded when a report is rendered, not at start-up
        area_words,
        overall_reasons,
        published_overall,
    )
    overall = result["overall"]
    scores = _scores_by_rating(result)
    lines = [
        "## Ratings",
        "",
        f"**{text(result['provider'])}**",
        "",
        f"{'Weighted score' if overall.get('weighted') else 'Score'} **{overall['score']}/{overall['max']}**",
        "",
        f"Overall rating: **{text(overall['rating_label'])}**",
    ]
    if overall["band"] is not None:
        lines[-1] += f" (the band {overall['band']['from']}-{overall['band']['to']})"
    found = overall_reasons(result)
    if found:
        lines += [""] + [f"- {sentence(text(reason.words))}" for reason in found]
    if result.get("areas"):
        lines += ["", "### Areas", ""]
        lines += table(["Area", "Rating", "How"], ([f"{text(a['id'])} {text(a['title'])}", text(a["rating_label"]),
                                                  text(area_words(a))] for a in result["areas"]))
    for words in published_overall(overall):
        lines += ["", f"{text(words)}."]
    for domain, domain_title, standards in standards_by_domain(result):
        lines += ["", f"### {text(domain)}. {text(domain_title)}", ""]
        lines += table(["Standard", "Rating", "Note"],
                       ([f"{text(s['id'])} {text(s['title'])}", text(s["rating_label"]), _note(s, result, scores)]
                        for s in standards))
    return lines


def _standards(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    lines = ["## Standards"]
    for standard in result["standards"]:
        lines += ["", f"### {text(standard['id'])} {text(standard['title'])}", ""]
        stands_in = standard.get("published", {}).get("stands_in", False)
        if standard["key_questions"] or (standard["sample"] is not None and not stands_in):
            lines += _key_question_table(standard, previous)
            lines.append("")
        lines += _rating_lines(standard, result, previous)
    return lines


def _key_question_table(standard: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    header = ["Key question"] + (["Previous inspection"] if previous is not None else []) + ["Current inspection"]
    rows = []
    driving = standard["driving_key_question"]
    for kq in standard["key_questions"]:
        question = f"{text(kq['id'])} {text(kq['text'])}"
        current = f"{percent(kq['percent'])}{counts(kq)}"
        if kq["id"] == driving:
            question, current = f"**{question}**", f"**{percent(kq['percent'])}**{counts(kq)}"
        row = [question]
        if previous is not None:
            before = previous["key_questions"].get(kq["id"])
            row.append(NO_COMPARABLE if before is None else f"{percent(before['percent'])}{counts(before)}")
        rows.append(row + [current])
    if previous is not None:
        # Key questions only the previous inspection has, under this standard's id.
        ids = {kq["id"] for kq in standard["key_questions"]}
        for kq_id, before in sorted(previous["key_questions"].items()):
            if kq_id not in ids and kq_id.startswith(standard["id"] + "."):
                rows.append([f"{text(kq_id)} (previous inspection only)",
                             f"{percent(before['percent'])}{counts(before)}", NO_COMPARABLE])
    if not rows:
        return [f"No key question results for sample {text(standard['sample'])}."]
    return table(header, rows)


def _rating_lines(standard: Mapping[str, Any], result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    """The rating, then its reasons (engine/reports/reasons.py), one to a list item."""
    from ratings_engine.reports.reasons import reasons  # loaded when a report is rendered, not at start-up
    line = f"Rating: **{text(standard['rating_label'])}**"
    if standard["score"] is not None:
        line += f" (score {standard['score']})"
    if previous is not None:
        before = previous["standards"].get(standard["id"])
        line += f"; previous inspection: {text(before['rating_label']) if before else NO_COMPARABLE}"
    return [line, ""] + [f"- {sentence(text(reason.words))}" for reason in reasons(standard, result)]


def _provenance(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    framework = result["framework"]
    plugins = ", ".join(
        text(p["name"]) + (f" ({text(p['distribution'])} {text(p['version'])})" if p["distribution"] else "")
        for p in result["plugins"]) or "none"
    engine = result["engine"]
    lines = [
        "---",
        "",
        "**Provenance**",
        "",
        f"- Framework: {text(framework_ref(framework))} ({text(framework['status'])}), sha256 `{framework['sha256']}`",
        f"- Engine: {text(engine['name'])} {text(engine['version'])}",
        f"- Plugins: {plugins}",
        "- Inspection file: sha256 " + (f"`{result['input']['sha256']}`" if result["input"]["sha256"] else "not read from a file"),
    ]
    if previous is not None:
        sha = f"`{previous['input_sha256']}`" if previous["input_sha256"] else "not read from a file"
        lines.append(f"- Previous inspection: rated under {text(previous['framework'])}, file sha256 {sha}")
    if not result["warnings"]:
        lines.append("- Warnings: none")
    return lines


@hookimpl(trylast=True)
def ratings_output_formats():
    return [
        OutputFormat("markdown", "Markdown to paste into a report: the ratings page, key question and prompt tables, "
                     "provenance.", render_markdown, (".md", ".markdown")),
    ]
