"""The 'markdown' output format's Annexe 4-style prompt tables: the share of cases answered 'yes' to
each prompt, under the key question it underpins, with the previous inspection's figure where given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.plugins.markdown_words import NO_COMPARABLE, counts, percent, table, text


def prompt_tables(result: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    """The report's inspection-data annexe: one table of prompts per key question, under its standard."""
    prompts = result["prompts"]
    earlier = dict(previous["prompts"]) if previous is not None else {}
    if not prompts and not earlier:
        return []
    questions = {kq["id"]: (standard, kq) for standard in result["standards"] for kq in standard["key_questions"]}
    groups: dict[str, list[tuple[str, Mapping[str, Any] | None, Mapping[str, Any] | None]]] = {}
    for prompt in prompts:
        groups.setdefault(prompt["key_question"], []).append((prompt["id"], prompt, earlier.pop(prompt["id"], None)))
    # Prompts only the previous inspection has go under the key question their id extends, if any.
    orphans = []
    for prompt_id, before in sorted(earlier.items()):
        owner = max((q for q in list(groups) + list(questions) if prompt_id.startswith(q + ".")), key=len, default=None)
        if owner is None:
            orphans.append((prompt_id, None, before))
        else:
            groups.setdefault(owner, []).append((prompt_id, None, before))
    show_na = any(p["not_applicable"] is not None for p in prompts)
    order = {kq_id: n for n, kq_id in enumerate(questions)}
    lines = [
        "## Inspection data: prompts",
        "",
        "The share of cases answered 'yes' to each prompt, under the key question it underpins."
        + (f" \"{NO_COMPARABLE}\": the previous inspection has no figure for the prompt." if previous is not None else ""),
    ]
    current_standard = None
    for kq_id in sorted(groups, key=lambda q: (order.get(q, len(order)), q)):
        standard, kq = questions.get(kq_id, (None, None))
        if standard is not None and standard["id"] != current_standard:
            current_standard = standard["id"]
            lines += ["", f"### {text(standard['id'])} {text(standard['title'])}"]
        title = f"{text(kq_id)} {text(kq['text'])}" if kq is not None else f"Key question {text(kq_id)}"
        lines += [""] + _prompt_table(title, groups[kq_id], previous is not None, show_na)
    if orphans:
        lines += ["", "### Previous inspection only", ""]
        lines += _prompt_table("Prompt", orphans, True, show_na)
    return lines


def _prompt_table(title: str, rows: list, with_previous: bool, show_na: bool) -> list[str]:
    header = [title] + (["Previous inspection"] if with_previous else []) + ["Current inspection"]
    header += ["n/a"] if show_na else []
    cells = []
    for prompt_id, prompt, before in rows:
        if prompt is None:
            row = [f"{text(prompt_id)} (previous inspection only; its wording is not in this result)"]
        else:
            row = [f"{text(prompt_id)} {text(prompt['text'])}"]
        if with_previous:
            row.append(NO_COMPARABLE if before is None else f"{percent(before['percent'])}{counts(before)}")
        row.append(NO_COMPARABLE if prompt is None else f"{percent(prompt['percent'])}{counts(prompt)}")
        if show_na:
            row.append("" if prompt is None or prompt["not_applicable"] is None else str(prompt["not_applicable"]))
        cells.append(row)
    return table(header, cells)
