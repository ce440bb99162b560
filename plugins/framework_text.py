"""The framework document (see ratings_engine.reports.framework_doc.framework_outline) as text or
Markdown, and the wording all three formats share (the HTML page is laid out in framework_html).

Each renderer only lays out the outline's words: none decides what a rule means, so the three
formats cannot disagree. Every part's source is shown compactly beneath it, with the basis and
evidence wherever a part is inferred or assumed rather than stated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ratings_engine.io.safe_text import markdown_text, printable_data

Outline = Mapping[str, Any]


def _citer(outline: Outline) -> Callable[[Mapping[str, Any]], str]:
    """Source in words; the document is named only when it is not the one most parts come from."""
    main = outline["provenance"]["documents"][0]["id"]

    def cite(source: Mapping[str, Any] | list) -> str:
        if isinstance(source, list):  # a part resting on several sources: every one, in the file's order
            return "; ".join(cite(entry) for entry in source)
        words = source["section"] if source["document"] == main else f"{source['document']}, {source['section']}"
        if source["basis"] != "stated":
            words += f". {source['basis'].capitalize()}: {source['evidence']}"
        return words

    return cite


def _document_words(document: Mapping[str, Any]) -> str:
    details = ", ".join(document[key] for key in ("publisher", "published") if document.get(key))
    details += f"; {document['licence']}" if document.get("licence") else ""
    return f"{document['id']}: {document['title']} ({details})"


def _scope_words(scope: Mapping[str, Any] | None, everyone: str = "all cases") -> str:
    return everyone if scope is None else f"{scope['id']}: {scope['only_cases']}; condition: {scope['condition']}"


def _standard_facts(standard: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The short facts every format lists under a standard's statement."""
    facts = [("Rating", standard["rating_method_words"]), ("Sample", standard["sample_words"]),
             ("Professional discretion", standard["discretion_words"])]
    optional = (("Not rated on purpose", "may_go_unrated_words"), ("Overall rating", "counts_words"), ("Weight", "weight"))
    return facts + [(name, str(standard[key])) for name, key in optional if key in standard]


def _moderation_heading(moderation: Mapping[str, Any]) -> str:
    words = ", ".join(moderation["options_words"])
    return f"Moderation (rule '{moderation['rule']}'" + (f": {words})" if words else ")")


def _sections(outline: Outline) -> list[tuple[str, Mapping[str, Any]]]:
    """The framework-wide rules that follow the domains, each as (heading, part), where present."""
    return [(title, outline[key]) for title, key in (("Professional discretion", "discretion"),
                                                      ("Comparison with the previous inspection", "comparison"),
                                                      ("Sampling", "sampling")) if outline[key] is not None]


# Text ---------------------------------------------------------------------------------------------


def render_text(outline: Outline) -> str:
    """A plain-text document: underlined headings, indented details, a 'Source:' line under each part."""
    outline = printable_data(outline)  # text from the file cannot start a line or drive the terminal
    cite = _citer(outline)
    lines: list[str] = []

    def heading(text: str, rule: str) -> None:
        lines.extend(["", text, rule * len(text)])

    def source(part: Mapping[str, Any], indent: str = "  ") -> None:
        if part.get("source"):
            lines.append(f"{indent}Source: {cite(part['source'])}")

    lines += [outline["title"], "=" * len(outline["title"]), f"{outline['ref']} (status: {outline['status']})"]
    if outline["notice"]:
        lines += ["", f"NOTICE: {outline['notice']}"]
    lines += [f"CAVEAT: {caveat}" for caveat in outline["caveats"]]
    lines += ["", outline["effective"]["words"]]
    source(outline["effective"])
    if outline["description"]:
        lines += ["", outline["description"]]
    provenance = outline["provenance"]
    heading("Provenance", "-")
    lines += ["Documents:"] + [f"  - {_document_words(d)}" for d in provenance["documents"]]
    lines += ["Notes:"] * bool(provenance["notes"]) + [f"  - {note}" for note in provenance["notes"]]
    if provenance["derived_from"]:
        lines.append(f"Derived from: {provenance['derived_from']}")
    heading("Rating scale", "-")
    lines += [f"  {r['label']} ({r['id']}): scores {r['score']}" for r in outline["rating_scale"]["ratings"]]
    source(outline["rating_scale"])
    banding = outline["banding"]
    heading("Banding", "-")
    lines += [f"  {band['sentence']}" for band in banding["bands"]] + [f"  {banding['deciding']}", f"  {banding['display']}"]
    source(banding)
    heading("Samples", "-")
    for sample in outline["samples"]:
        lines.append(f"  {sample['label']} ({sample['id']})" + (f": {sample['description']}" if sample["description"] else ""))
        lines += [f"    Case attribute {a['id']} ({a['takes']}): {a['description']}" for a in sample["case_attributes"]]
        source(sample, "    ")
    heading("Sub-sample rules", "-")
    for rule in outline["sub_samples"]:
        lines += [f"  {rule['id']}: {rule['only_cases']}", f"    Condition: {rule['condition']}",
                  f"    Used by: {', '.join(rule['used_by']) or 'nothing'}"]
        source(rule, "    ")
    for domain in outline["domains"]:
        heading(f"Domain {domain['id']}: {domain['title']}", "=")
        source(domain, "")
        for standard in domain["standards"]:
            _standard_text(standard, heading, source, lines)
    for title, part in _sections(outline):
        heading(title, "-")
        lines.append(f"  {part['sentence']}")
        source(part)
    overall = outline["overall"]
    heading("Scoring and overall rating", "-")
    lines += [f"  {overall['method_words']}", f"  {overall['bands_words']}", f"  {overall['maximum_words']}"]
    source(overall)
    return "\n".join(lines) + "\n"


def _standard_text(standard: Mapping[str, Any], heading: Callable, source: Callable, lines: list[str]) -> None:
    heading(f"{standard['id']} {standard['title']}", "-")
    lines.append(f"  Statement: {standard['statement']}")
    lines += [f"  {name}: {words}" for name, words in _standard_facts(standard)]
    source(standard)
    for question in standard["key_questions"]:
        lines += ["", f"  Key question {question['id']}: {question['text']}", f"    Evidence: {question['evidence_words']}"]
        if question["answers_words"]:
            lines.append(f"    Answers: {question['answers_words']}")
        if question["sub_sample"]:
            lines.append(f"    Sub-sample: {_scope_words(question['sub_sample'])}")
        source(question, "    ")
        lines += ["    Prompts:"] * bool(question["prompts"])
        for prompt in question["prompts"]:
            lines.append(f"      {prompt['id']} {prompt['text']}")
            if prompt["sub_sample"]:
                lines.append(f"        Sub-sample: {_scope_words(prompt['sub_sample'])}")
            if prompt["note"]:
                lines.append(f"        Note: {prompt['note']}")
            source(prompt, "        ")
    moderation = standard["moderation"]
    if moderation:
        lines += ["", f"  {_moderation_heading(moderation)}:", f"    {moderation['sentence']}"]
        source(moderation, "    ")


# Markdown -----------------------------------------------------------------------------------------

def _md(text: Any) -> str:
    # Emphasis, code, links, inline HTML, table cells and line-starting marks from the file are shown as typed.
    return markdown_text(text)


def _md_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    def row(cells: list[Any]) -> str:
        return "| " + " | ".join(_md(cell) for cell in cells) + " |"
    return ["", row(header), "|" + "---|" * len(header)] + [row(cells) for cells in rows] + [""]


def render_markdown(outline: Outline) -> str:
    """A Markdown document: headings per section, domain and standard; tables for scales and bands."""
    outline = printable_data(outline)  # ids in code spans are not escaped, so their controls are shown here
    cite = _citer(outline)
    lines: list[str] = []

    def source(part: Mapping[str, Any], indent: str = "") -> None:
        if part.get("source"):
            lines.append(f"{indent}*Source: {markdown_text(cite(part['source']), line_start=False)}*")

    def section(title: str, level: int = 2) -> None:
        lines.extend(["", f"{'#' * level} {_md(title)}", ""])

    lines += [f"# {_md(outline['title'])}", "", f"`{outline['ref']}` (status: {_md(outline['status'])})"]
    if outline["notice"]:
        lines += ["", f"> **Notice:** {_md(outline['notice'])}"]
    lines += ["", *(f"> **Caveat:** {_md(caveat)}" for caveat in outline["caveats"])] if outline["caveats"] else []
    lines += ["", _md(outline["effective"]["words"])]
    if outline["effective"]["source"]:
        lines.append("")
        source(outline["effective"])
    if outline["description"]:
        lines += ["", _md(outline["description"])]
    provenance = outline["provenance"]
    section("Provenance")
    lines += [f"- Document {_md(_document_words(d))}" for d in provenance["documents"]]
    lines += [f"- Note: {_md(note)}" for note in provenance["notes"]]
    if provenance["derived_from"]:
        lines.append(f"- Derived from `{provenance['derived_from']}`")
    section("Rating scale")
    lines += _md_table(["Rating", "Id", "Score"], [[r["label"], r["id"], r["score"]] for r in outline["rating_scale"]["ratings"]])
    source(outline["rating_scale"])
    banding = outline["banding"]
    section("Banding")
    lines += _md_table(["Band", "Percentage of cases", "Rating"],
                       [[b["label"], b["range"], b["rating_label"]] for b in banding["bands"]])
    lines += [f"- {_md(banding['deciding'])}", f"- {_md(banding['display'])}", ""]
    source(banding)
    _samples_markdown(outline, section, source, lines)
    for domain in outline["domains"]:
        section(f"Domain {domain['id']}: {domain['title']}")
        source(domain)
        for standard in domain["standards"]:
            _standard_markdown(standard, section, source, lines)
    for title, part in _sections(outline):
        section(title)
        lines += [_md(part["sentence"]), ""]
        source(part)
    overall = outline["overall"]
    section("Scoring and overall rating")
    lines.append(_md(overall["method_words"]))
    lines += _md_table(["Score", "Overall rating"], [[f"{b['from']}-{b['to']}", b["rating_label"]] for b in overall["bands"]])
    lines += [_md(overall["maximum_words"]), ""]
    source(overall)
    # Sections and tables each bring their own blank lines; one between blocks is enough.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _samples_markdown(outline: Outline, section: Callable, source: Callable, lines: list[str]) -> None:
    """The case samples with their attributes, then the sub-sample rules, each a section of bullets."""
    section("Samples")
    for sample in outline["samples"]:
        described = f": {_md(sample['description'])}" if sample["description"] else ""
        lines.append(f"- **{_md(sample['label'])}** (`{sample['id']}`){described}")
        lines += [f"  - Case attribute `{a['id']}` ({_md(a['takes'])}): {_md(a['description'])}" for a in sample["case_attributes"]]
        source(sample, "  - ")
    section("Sub-sample rules")
    for rule in outline["sub_samples"]:
        lines += [f"- **{_md(rule['id'])}**: {_md(rule['only_cases'])}", f"  - Condition: {_md(rule['condition'])}",
                  f"  - Used by: {_md(', '.join(rule['used_by']) or 'nothing')}"]
        source(rule, "  - ")


def _standard_markdown(standard: Mapping[str, Any], section: Callable, source: Callable, lines: list[str]) -> None:
    section(f"{standard['id']} {standard['title']}", 3)
    lines += [f"**Statement:** {_md(standard['statement'])}", ""]
    lines += [f"- {name}: {_md(words)}" for name, words in _standard_facts(standard)]
    source(standard, "- ")
    lines += ["", "Key questions:", ""]
    for question in standard["key_questions"]:
        lines.append(f"- **{question['id']}** {_md(question['text'])}")
        lines.append(f"  - Evidence: {_md(question['evidence_words'])}")
        if question["answers_words"]:
            lines.append(f"  - Answers: {_md(question['answers_words'])}")
        if question["sub_sample"]:
            lines.append(f"  - Sub-sample: {_md(_scope_words(question['sub_sample']))}")
        source(question, "  - ")
        lines += ["  - Prompts:"] * bool(question["prompts"])
        for prompt in question["prompts"]:
            lines.append(f"    - **{prompt['id']}** {_md(prompt['text'])}")
            if prompt["sub_sample"]:
                lines.append(f"      - Sub-sample: {_md(_scope_words(prompt['sub_sample']))}")
            if prompt["note"]:
                lines.append(f"      - Note: {_md(prompt['note'])}")
            source(prompt, "      - ")
    moderation = standard["moderation"]
    if moderation:
        lines += ["", f"**{_md(_moderation_heading(moderation))}:** {_md(moderation['sentence'])}", ""]
        source(moderation)
