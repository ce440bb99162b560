"""Counting a sample: each key question's cases judged sufficient, of those its sub-sample admits.

A case outside a key question's sub-sample is excluded (and any answer it carries for that
question is ignored and counted); a case the inspector judged not applicable is counted as such;
a missing answer is a problem, never a silent 'no'.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import hint_for, pointer
from ..extension import KeyQuestionResult
from ..model.framework import Framework, Prompt, Sample
from ..model.proportions import percent_of, to_fraction
from .counting import Problems, Report, count_cases, unknown_question_hint


@dataclass(frozen=True)
class PromptResult:
    """A prompt's result: cases answered 'yes', of the applicable cases answered yes or no."""

    id: str
    key_question: str
    percent: Fraction | None
    yes: int | None = None
    of: int | None = None
    not_applicable: int | None = None
    excluded: int | None = None
    not_answered: int | None = None
    answers_ignored: int = 0
    basis: str | None = None
    basis_note: str | None = None


@dataclass
class SampleTally:
    """One sample's counts in one inspection: each key question's and prompt's result, and the sample's size."""

    key_questions: dict[str, KeyQuestionResult]
    prompts: dict[str, PromptResult]
    size: int | None
    size_basis: Mapping[str, Any] | None = None


def tally_sample(framework: Framework, sample: Sample, data: Mapping[str, Any], where: str, report: Report,
                 published_only: Collection[str] = ()) -> SampleTally:
    """Count one sample of an inspection, passing any problem found to REPORT.

    Totals may leave out the key questions in PUBLISHED_ONLY: their standards are rated as published.
    """
    out = Problems(report)
    if "cases" in data:
        return _tally_cases(framework, sample, data["cases"], where, out)
    return _tally_totals(framework, sample, data, where, out, published_only)


def _tally_cases(framework: Framework, sample: Sample, cases: list, where: str, out: Problems) -> SampleTally:
    questions = framework.key_questions_of_sample(sample.id)
    prompts = {p.id: p for q in questions for p in q.prompts}
    counts, prompt_counts = count_cases(framework, sample, cases, where, out)
    results: dict[str, KeyQuestionResult] = {}
    for question in questions:
        c = counts[question.id]
        of = c["yes"] + c["no"]
        if of == 0:
            rule = f" (sub-sample rule {question.sub_sample!r})" if question.sub_sample else ""
            out.add("no-applicable-cases", where + "/cases",
                    f"no case in the {sample.id!r} sample is counted for {question.id}{rule}, so it cannot be rated",
                    "each case-sample key question needs at least one case answered yes or no")
            continue
        percent = percent_of(c["yes"], of)
        results[question.id] = KeyQuestionResult(
            id=question.id, text=question.text, sample=sample.id, percent=percent,
            band=framework.banding.band_for(percent), yes=c["yes"], of=of, not_applicable=c["n/a"],
            excluded=c["excluded"], sub_sample=question.sub_sample, answers_ignored=c["ignored"])
    prompt_results = {}
    for prompt_id, prompt in prompts.items():
        c = prompt_counts[prompt_id]
        of = c["yes"] + c["no"]
        if of or c["n/a"] or c["ignored"]:  # reported only where the inspection records the prompt
            prompt_results[prompt_id] = PromptResult(
                prompt_id, prompt.key_question, percent_of(c["yes"], of) if of else None,
                yes=c["yes"], of=of, not_applicable=c["n/a"], excluded=c["excluded"],
                not_answered=c["not_answered"], answers_ignored=c["ignored"])
    return SampleTally(results, prompt_results, len(cases))


def _tally_totals(framework: Framework, sample: Sample, data: Mapping[str, Any], where: str, out: Problems,
                  published_only: Collection[str]) -> SampleTally:
    questions = framework.key_questions_of_sample(sample.id)
    size = data.get("size")
    totals = data["results"]
    known = [q.id for q in questions]
    for question_id in totals:
        if question_id not in known:
            out.add("unknown-key-question", f"{where}/results{pointer(question_id)}",
                    f"{question_id!r} is not a key question judged on the {sample.id!r} sample",
                    unknown_question_hint(framework, sample, question_id, known))
    results = {}
    for question in questions:
        at = f"{where}/results{pointer(question.id)}"
        total = totals.get(question.id)
        if total is None and question.id in published_only:
            continue
        if total is None:
            out.add("missing-result", f"{where}/results", f"no result is given for key question {question.id}",
                    'add {"yes": N, "of": N} or {"percent": N}')
            continue
        counted = _counts(total, at, size, out)
        if counted is None:
            continue
        percent, yes, of = counted
        excluded = not_applicable = None
        if of is not None and size is not None:
            if question.sub_sample:
                excluded = size - of
            elif "n/a" in question.answers:
                excluded, not_applicable = 0, size - of
            elif of != size:
                out.add("count-mismatch", at + "/of",
                        f"{question.id} applies to every case, so 'of' should be the sample size {size}, not {of}")
                continue
            else:
                excluded, not_applicable = 0, 0
        results[question.id] = KeyQuestionResult(
            id=question.id, text=question.text, sample=sample.id, percent=percent,
            band=framework.banding.band_for(percent), yes=yes, of=of, not_applicable=not_applicable,
            excluded=excluded, sub_sample=question.sub_sample, basis=total.get("basis"), basis_note=basis_note(total))
    prompts = {p.id: p for q in questions for p in q.prompts}
    prompt_results = {}
    for prompt_id, total in data.get("prompts", {}).items():
        prompt: Prompt | None = prompts.get(prompt_id)
        at = f"{where}/prompts{pointer(prompt_id)}"
        if prompt is None:
            out.add("unknown-prompt", at, f"{prompt_id!r} is not a prompt of a key question judged on the {sample.id!r} sample",
                    hint_for(prompt_id, prompts))
            continue
        counted = _counts(total, at, size, out)
        if counted is not None:
            percent, yes, of = counted
            prompt_results[prompt_id] = PromptResult(prompt_id, prompt.key_question, percent, yes=yes, of=of,
                                                     basis=total.get("basis"), basis_note=basis_note(total))
    return SampleTally(results, prompt_results, size, data.get("size_basis"))


def _counts(total: Mapping[str, Any], at: str, size: int | None, out: Problems):
    if "percent" in total:
        return to_fraction(total["percent"]), None, None
    yes, of = total["yes"], total["of"]
    if yes > of:
        out.add("count-mismatch", at + "/yes", f"'yes' ({yes}) is more than 'of' ({of})")
        return None
    if size is not None and of > size:
        out.add("count-mismatch", at + "/of", f"'of' ({of}) is more than the sample size ({size})")
        return None
    return percent_of(yes, of), yes, of


def basis_note(figure: Mapping[str, Any]) -> str | None:
    """The arithmetic of a derived figure, or the reason for an assumed one, where the inspection gives it."""
    return figure.get("derivation") or figure.get("note")


def assumed_figures(framework: Framework, tallies: Mapping[str, SampleTally]) -> str | None:
    """The warning a result built on assumed figures gives first, listing each with the reason it was
    assumed; None where no figure is assumed. An assumed figure is a placeholder, never a published one."""
    found = []
    for sample_id, tally in tallies.items():
        if tally.size_basis is not None and tally.size_basis["basis"] == "assumed":
            found.append(f"the size of the {sample_id!r} sample, {tally.size} ({tally.size_basis['note']})")
        figures: list[tuple[str, KeyQuestionResult | PromptResult]] = [
            *(("key question", kq) for kq in tally.key_questions.values()), *(("prompt", p) for p in tally.prompts.values())]
        for kind, item in figures:
            if item.basis == "assumed":
                shown = "no percentage" if item.percent is None else framework.banding.display_text(item.percent)
                counts = "" if item.yes is None else f" ({item.yes} of {item.of})"
                found.append(f"{kind} {item.id}, {shown}{counts} ({item.basis_note})")
    if not found:
        return None
    return ("this result rests on assumed figures, placeholders that are neither published nor derived: "
            + "; ".join(found))
