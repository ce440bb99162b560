"""The framework document (see framework_doc.framework_outline) as text, Markdown or one HTML page.

Each renderer only lays out the outline's words: none decides what a rule means, so the three
formats cannot disagree. Every part's source is shown compactly beneath it, with the basis and
evidence wherever a part is inferred or assumed rather than stated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html import escape as _markup_escape
from typing import Any

from ..io.safe_text import markdown_text, printable, printable_data

Outline = Mapping[str, Any]


def escape(text: str) -> str:
    """TEXT for HTML: markup escaped, control characters shown as escapes."""
    return _markup_escape(printable(text))


def _citer(outline: Outline) -> Callable[[Mapping[str, Any]], str]:
    """Source in words; the document is named only when it is not the one most parts come from."""
    main = outline["provenance"]["documents"][0]["id"]

    def cite(source: Mapping[str, Any]) -> str:
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
    return [("Rating", standard["rating_method_words"]), ("Sample", standard["sample_words"]),
            ("Professional discretion", standard["discretion_words"])]


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


# HTML ---------------------------------------------------------------------------------------------

_STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #ccc; margin-top: 2em; } h3 { margin-top: 1.6em; } h4 { font-size: 1em; margin-bottom: 0.2em; }
.notice { background: #fff3cd; border-left: 6px solid #d9822b; padding: 0.8em 1em; font-weight: bold; }
.source { color: #777; font-size: 0.85em; margin-top: 0.2em; }
.statement { font-style: italic; }
.id { font-family: monospace; margin-right: 0.4em; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.key-question { margin-left: 1em; }
"""  # noqa: E501 -- the style sheet as it is sent, a rule group a line


def _anchor(standard_id: str) -> str:
    return "standard-" + re.sub(r"[^A-Za-z0-9-]", "-", standard_id)


def render_html(outline: Outline) -> str:
    """One self-contained page: inline CSS, no scripts, nothing fetched; every text escaped."""
    cite = _citer(outline)
    out: list[str] = []

    def source(part: Mapping[str, Any]) -> None:
        if part.get("source"):
            out.append(f'<p class="source">Source: {escape(cite(part["source"]))}</p>')

    def table(header: list[str], rows: list[list[Any]]) -> None:
        out.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead><tbody>")
        out.extend("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        out.append("</tbody></table>")

    def items(texts: list[str]) -> None:
        out.append("<ul>" + "".join(f"<li>{text}</li>" for text in texts) + "</ul>")

    title = escape(outline["title"])
    out += ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
            f"<title>{escape(outline['ref'])}: {title}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>", "<main>",
            f"<h1>{title}</h1>", f'<p><span class="id">{escape(outline["ref"])}</span> status: {escape(outline["status"])}</p>']
    if outline["notice"]:
        out.append(f'<p class="notice">{escape(outline["notice"])}</p>')
    out.extend(f'<p class="notice">Caveat: {escape(caveat)}</p>' for caveat in outline["caveats"])
    out.append(f"<p>{escape(outline['effective']['words'])}</p>")
    source(outline["effective"])
    if outline["description"]:
        out.append(f"<p>{escape(outline['description'])}</p>")
    out.append("<nav><h2>Contents</h2>")
    items([f'<a href="#{_anchor(s["id"])}">{escape(s["id"])} {escape(s["title"])}</a>'
           for d in outline["domains"] for s in d["standards"]])
    out.append("</nav>")
    provenance = outline["provenance"]
    out.append("<section><h2>Provenance</h2>")
    items([f"Document {escape(_document_words(d))}" for d in provenance["documents"]]
          + [f"Note: {escape(note)}" for note in provenance["notes"]]
          + ([f"Derived from {escape(provenance['derived_from'])}"] if provenance["derived_from"] else []))
    out.append("</section>")
    out.append("<section><h2>Rating scale</h2>")
    table(["Rating", "Id", "Score"], [[escape(r["label"]), escape(r["id"]), r["score"]] for r in outline["rating_scale"]["ratings"]])
    source(outline["rating_scale"])
    banding = outline["banding"]
    out.append("</section><section><h2>Banding</h2>")
    table(["Band", "Percentage of cases", "Rating"],
          [[escape(b["label"]), escape(b["range"]), escape(b["rating_label"])] for b in banding["bands"]])
    items([escape(banding["deciding"]), escape(banding["display"])])
    source(banding)
    out.append("</section><section><h2>Samples</h2>")
    for sample in outline["samples"]:
        out.append(f'<h3>{escape(sample["label"])} <span class="id">({escape(sample["id"])})</span></h3>')
        if sample["description"]:
            out.append(f"<p>{escape(sample['description'])}</p>")
        if sample["case_attributes"]:
            items([f'Case attribute <span class="id">{escape(a["id"])}</span> ({escape(a["takes"])}): {escape(a["description"])}'
                   for a in sample["case_attributes"]])
        source(sample)
    out.append("</section><section><h2>Sub-sample rules</h2>")
    for rule in outline["sub_samples"]:
        out.append(f'<h3><span class="id">{escape(rule["id"])}</span></h3><p>{escape(rule["only_cases"])}</p>')
        items([f"Condition: {escape(rule['condition'])}", f"Used by: {escape(', '.join(rule['used_by']) or 'nothing')}"])
        source(rule)
    out.append("</section>")
    for domain in outline["domains"]:
        out.append(f'<section class="domain"><h2>Domain {escape(domain["id"])}: {escape(domain["title"])}</h2>')
        source(domain)
        for standard in domain["standards"]:
            _standard_html(standard, out, cite, source, table, items)
        out.append("</section>")
    for title_words, part in _sections(outline):
        out.append(f"<section><h2>{escape(title_words)}</h2><p>{escape(part['sentence'])}</p>")
        source(part)
        out.append("</section>")
    overall = outline["overall"]
    out.append(f"<section><h2>Scoring and overall rating</h2><p>{escape(overall['method_words'])}</p>")
    table(["Score", "Overall rating"], [[f"{b['from']}-{b['to']}", escape(b["rating_label"])] for b in overall["bands"]])
    out.append(f"<p>{escape(overall['maximum_words'])}</p>")
    source(overall)
    out += ["</section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _standard_html(standard: Mapping[str, Any], out: list[str], cite: Callable, source: Callable, table: Callable,
                   items: Callable) -> None:
    out.append(f'<section class="standard" id="{_anchor(standard["id"])}">'
               f'<h3><span class="id">{escape(standard["id"])}</span> {escape(standard["title"])}</h3>')
    out.append(f'<p class="statement">{escape(standard["statement"])}</p>')
    items([f"{escape(name)}: {escape(words)}" for name, words in _standard_facts(standard)])
    source(standard)
    for question in standard["key_questions"]:
        out.append(f'<div class="key-question"><h4><span class="id">{escape(question["id"])}</span> {escape(question["text"])}</h4>')
        facts = [f"Evidence: {escape(question['evidence_words'])}"]
        facts += [f"Answers: {escape(question['answers_words'])}"] if question["answers_words"] else []
        facts += [f"Sub-sample: {escape(_scope_words(question['sub_sample']))}"] if question["sub_sample"] else []
        items(facts)
        source(question)
        if question["prompts"]:
            table(["Prompt", "Text", "Cases", "Note"], [_prompt_cells(prompt, cite) for prompt in question["prompts"]])
        out.append("</div>")
    moderation = standard["moderation"]
    if moderation:
        out.append(f"<h4>{escape(_moderation_heading(moderation))}</h4><p>{escape(moderation['sentence'])}</p>")
        source(moderation)
    out.append("</section>")


def _prompt_cells(prompt: Mapping[str, Any], cite: Callable[[Mapping[str, Any]], str]) -> list[str]:
    # A prompt's source goes in its note cell, as the same small grey line it is everywhere else.
    note = escape(prompt["note"] or "")
    if prompt["source"]:
        note += f'<span class="source">{"<br>" if note else ""}Source: {escape(cite(prompt["source"]))}</span>'
    return [f'<span class="id">{escape(prompt["id"])}</span>', escape(prompt["text"]),
            escape(_scope_words(prompt["sub_sample"], "all cases of the key question")), note]
