"""The framework document (see ratings_engine.reports.framework_doc.framework_outline) as one
self-contained HTML page.

The words are the ones the text and Markdown renderers use (framework_text); only the layout
is HTML's. The style sheet is package data beside this module (framework_doc.css).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html import escape as _markup_escape
from typing import Any

from ratings_engine.io.safe_text import printable
from ratings_engine.plugins.framework_text import (
    Outline,
    _citer,
    _document_words,
    _moderation_heading,
    _scope_words,
    _sections,
    _standard_facts,
)


def escape(text: str) -> str:
    """TEXT for HTML: markup escaped, control characters shown as escapes."""
    return _markup_escape(printable(text))


def _style() -> str:
    """The page's style sheets, shipped beside this module as package data (a blank line leads them): the base
    the result and impact pages share (page_base.css), then the page's own."""
    # Imported here, not at the top: it brings in tempfile and shutil, which only a page needs, while
    # every run loads this plugin.
    from importlib.resources import files

    folder = files(__package__)
    return "\n" + "".join(folder.joinpath(name).read_text(encoding="utf-8") for name in ("page_base.css", "framework_doc.css"))


#: The longest page title: a browser's tab, a bookmark and a search result show no more (longer ones are cut short).
TITLE_LIMIT = 70


def page_title(ref: str, title: str) -> str:
    """The page's <title>: the framework's reference and its title, the title cut at a word and ended with an
    ellipsis where the two are longer than TITLE_LIMIT (the page's heading gives the whole title)."""
    whole = f"{ref}: {title}"
    if len(whole) <= TITLE_LIMIT:
        return whole
    room = TITLE_LIMIT - len(ref) - 3  # ': ' and the ellipsis
    cut = title[:room + 1].rsplit(" ", 1)[0] if " " in title[:room + 1] else title[:room]
    return f"{ref}: {cut[:room].rstrip(' ,;:')}\u2026"


def _anchor(standard_id: str) -> str:
    return "standard-" + re.sub(r"[^A-Za-z0-9-]", "-", standard_id)


def _head(outline: Outline) -> list[str]:
    """The page's head (a viewport for phones, the short title, the style sheets) and the start of its body."""
    return ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(page_title(outline['ref'], outline['title']))}</title>", f"<style>{_style()}</style>", "</head>",
            "<body>", "<main>", f"<h1>{escape(outline['title'])}</h1>",
            f'<p><span class="id">{escape(outline["ref"])}</span> status: {escape(outline["status"])}</p>']


def render_html(outline: Outline) -> str:
    """One self-contained page: inline CSS, no scripts, nothing fetched; every text escaped."""
    cite = _citer(outline)
    out: list[str] = []

    def source(part: Mapping[str, Any]) -> None:
        if part.get("source"):
            out.append(f'<p class="source">Source: {escape(cite(part["source"]))}</p>')

    def table(header: list[str], rows: list[list[Any]], name: str) -> None:
        # In a box of its own that scrolls sideways when the table is wider than a phone (see page_base.css).
        out.append(f'<div class="scroll" tabindex="0" role="region" aria-label="{escape(name)}">')
        out.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead><tbody>")
        out.extend("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        out.append("</tbody></table></div>")

    def items(texts: list[str]) -> None:
        out.append("<ul>" + "".join(f"<li>{text}</li>" for text in texts) + "</ul>")

    out += _head(outline)
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
    _scale_html(outline, out, source, table, items)
    _samples_html(outline, out, source, items)
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
    table(["Score", "Overall rating"], [[f"{b['from']}-{b['to']}", escape(b["rating_label"])] for b in overall["bands"]],
          "Scores and overall ratings")
    out.append(f"<p>{escape(overall['maximum_words'])}</p>")
    source(overall)
    out += ["</section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _scale_html(outline: Outline, out: list[str], source: Callable, table: Callable, items: Callable) -> None:
    """The rating scale and the banding of key-question percentages, each a section (the banding's is
    closed by the samples' section, on the same line)."""
    out.append("<section><h2>Rating scale</h2>")
    table(["Rating", "Id", "Score"], [[escape(r["label"]), escape(r["id"]), r["score"]] for r in outline["rating_scale"]["ratings"]],
          "Rating scale")
    source(outline["rating_scale"])
    banding = outline["banding"]
    out.append("</section><section><h2>Banding</h2>")
    table(["Band", "Percentage of cases", "Rating"],
          [[escape(b["label"]), escape(b["range"]), escape(b["rating_label"])] for b in banding["bands"]], "Bands")
    items([escape(banding["deciding"]), escape(banding["display"])])
    source(banding)


def _samples_html(outline: Outline, out: list[str], source: Callable, items: Callable) -> None:
    """The case samples with their attributes, then the sub-sample rules, each a section."""
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
            table(["Prompt", "Text", "Cases", "Note"], [_prompt_cells(prompt, cite) for prompt in question["prompts"]],
                  f"Prompts of {question['id']}")
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
