"""Counting a sample: each key question's cases judged sufficient, of those its sub-sample admits.

A case outside a key question's sub-sample is excluded (and any answer it carries for that
question is ignored and counted); a case the inspector judged not applicable is counted as such;
a missing answer is a problem, never a silent 'no'.
"""

from __future__ import annotations

import operator
from collections.abc import Collection, Mapping
from dataclasses import field
from fractions import Fraction
from typing import Any

from ..errors import hint_for, pointer
from ..extension import KeyQuestionResult
from ..model.framework import Framework, Prompt, Sample
from ..model.proportions import percent_of, to_fraction
from ..record_classes import changed, record
from .counting import COUNTED, Counts, Problems, Report, count_cases, unknown_question_hint

_BAND = operator.attrgetter("band")


@record
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


@record(frozen=False)
class SampleTally:
    """One sample's counts in one inspection: each key question's and prompt's result, and the sample's size."""

    key_questions: dict[str, KeyQuestionResult]
    prompts: dict[str, PromptResult]
    size: int | None
    #: Given as totals, so counted under the rules of the framework the totals were counted for, never recounted.
    totals: bool = False
    #: Key questions some cases give no answer to, and how many: they have no result.
    unanswered: dict[str, int] = field(default_factory=dict)
    #: Where the sample's size comes from, where the inspection says (published, derived or assumed).
    size_basis: Mapping[str, Any] | None = None
    #: Prompts some cases outside their sub-sample answer, and how many such answers (ignored): counted
    #: even where the prompts' figures are not (an evaluation for its ratings alone), for the warning.
    prompt_answers_ignored: dict[str, int] = field(default_factory=dict)


def rebanded(framework: Framework, tally: SampleTally) -> SampleTally:
    """TALLY's counts, each key question banded under FRAMEWORK's bands instead of those it was counted under."""
    questions = tally.key_questions
    bands = framework.banding.bands_for([kq.percent for kq in questions.values()])
    # Frameworks share their equal bands (proportions.shared_band): a result whose band is unchanged is kept as it is.
    if all(map(operator.is_, bands, map(_BAND, questions.values()))):
        return tally
    return changed(tally, key_questions={question_id: kq if band is kq.band else changed(kq, band=band)
                                         for (question_id, kq), band in zip(questions.items(), bands, strict=True)})


def tally_sample(framework: Framework, sample: Sample, data: Mapping[str, Any], where: str, report: Report,
                 unrated: frozenset[str] = frozenset(), published_only: Collection[str] = (),
                 prompt_figures: bool = True) -> SampleTally:
    """Count one sample of an inspection, passing any problem found to REPORT.

    The key questions of the UNRATED standards (ids of standards the inspection leaves unrated on
    purpose) are not counted, so a sample need not answer them; totals may leave out the key
    questions in PUBLISHED_ONLY, whose standards are rated as published. Without PROMPT_FIGURES, the
    tally of cases has no prompt results (no rating reads them), only the answers ignored.
    """
    out = Problems(report)
    if "cases" in data:
        return _tally_cases(framework, sample, data["cases"], where, out, unrated, prompt_figures)
    return _tally_totals(framework, sample, data, where, out, unrated, published_only)


def tally_pooled(framework: Framework, sample: Sample, parts: list[tuple[Mapping[str, Any], str, Report]],
                 where: str, report: Report) -> SampleTally:
    """Count one sample over the inspections a regional inspection pools, as if their cases were one sample.

    PARTS holds each pooled inspection's sample, the pointer to it, and where its problems go (they
    are located in its own file, so a case is known by its file and its id, and two inspections may
    both have a case 1). Cases are counted case by case under the framework's rules; totals are added
    up, and a part that gives only a published percentage cannot be added up and is a problem.
    """
    questions = framework.key_questions_of_sample(sample.id)
    counts: Counts = {q.id: dict.fromkeys(COUNTED, 0) for q in questions}
    prompt_counts: Counts = {p.id: dict.fromkeys(COUNTED, 0) for q in questions for p in q.prompts}
    unknown: set[str] = set()
    size: int | None = 0
    for data, at, part_report in parts:
        out = Problems(part_report)
        if "cases" in data:
            part, part_prompts = count_cases(framework, sample, data["cases"], at, out)
            size = None if size is None else size + len(data["cases"])
        else:
            part, part_prompts = _counts_of_totals(_tally_totals(framework, sample, data, at, out, frozenset()), at, out, unknown)
            size = None if size is None or data.get("size") is None else size + data["size"]
        for total, add in ((counts, part), (prompt_counts, part_prompts)):
            for item_id, counted in add.items():
                for name, number in counted.items():
                    total[item_id][name] = total[item_id].get(name, 0) + number
    return _from_counts(framework, sample, counts, prompt_counts, size, where, Problems(report), frozenset(unknown))


def _counts_of_totals(tally: SampleTally, at: str, out: Problems, unknown: set[str]) -> tuple[Counts, Counts]:
    """A pooled inspection's totals as counts, noting in UNKNOWN the counts they do not give."""
    counts: Counts = {}
    items: list[KeyQuestionResult | PromptResult] = [*tally.key_questions.values(), *tally.prompts.values()]
    for item in items:
        if item.yes is None or item.of is None:
            counts[item.id] = {**dict.fromkeys(COUNTED, 0), "refused": 1}  # reported here, and given no result
            out.add("pooled-percent-only", f"{at}/{'results' if isinstance(item, KeyQuestionResult) else 'prompts'}{pointer(item.id)}",
                    f"{item.id} gives only a percentage, which cannot be added to the other pooled inspections' counts",
                    'give the count as {"yes": N, "of": N}')
            continue
        counts[item.id] = dict.fromkeys(COUNTED, 0)
        counts[item.id].update({"yes": item.yes, "no": item.of - item.yes})
        for name, number in (("n/a", item.not_applicable), ("excluded", item.excluded)):
            if number is None:
                unknown.update({name})
            else:
                counts[item.id][name] = number
        unknown.update({"not_answered"})
    return ({i: c for i, c in counts.items() if i in tally.key_questions},
            {i: c for i, c in counts.items() if i in tally.prompts})


def _tally_cases(framework: Framework, sample: Sample, cases: list, where: str, out: Problems,
                 unrated: frozenset[str], prompt_figures: bool) -> SampleTally:
    counts, prompt_counts = count_cases(framework, sample, cases, where, out, prompt_figures)
    return _from_counts(framework, sample, counts, prompt_counts, len(cases), where + "/cases", out, unrated=unrated,
                        prompt_figures=prompt_figures)


def _from_counts(framework: Framework, sample: Sample, counts: Counts, prompt_counts: Counts, size: int | None,
                 where: str, out: Problems, unknown: frozenset[str] = frozenset(),
                 unrated: frozenset[str] = frozenset(), prompt_figures: bool = True) -> SampleTally:
    """The results of a sample from its counts; UNKNOWN names the counts some pooled totals do not give,
    and the key questions of the UNRATED standards (left unrated on purpose) are not rated. Without
    PROMPT_FIGURES there are no prompt results, only the prompts' answers ignored."""
    questions = tuple(q for q in framework.key_questions_of_sample(sample.id) if q.standard not in unrated)
    prompts = {p.id: p for q in questions for p in q.prompts}
    results: dict[str, KeyQuestionResult] = {}
    unanswered: dict[str, int] = {}
    for question in questions:
        c = counts[question.id]
        if c["not_answered"]:  # each such case is a problem, or, re-rated under another version, leaves it unrated
            unanswered[question.id] = c["not_answered"]
            continue
        if c.get("refused"):  # a pooled percentage, which cannot be added up: reported already
            continue
        of = c["yes"] + c["no"]
        if of == 0:
            rule = f" (sub-sample rule {question.sub_sample!r})" if question.sub_sample else ""
            rule += f" (question set {question.question_set!r})" if question.question_set else ""
            out.add("no-applicable-cases", where,
                    f"no case in the {sample.id!r} sample is counted for {question.id}{rule}, so it cannot be rated",
                    "each case-sample key question needs at least one case answered yes or no")
            continue
        percent = percent_of(c["yes"], of)
        # Every field by position, in KeyQuestionResult's order, as PromptResult's below: made without matching names.
        results[question.id] = KeyQuestionResult(
            question.id, question.text, sample.id, percent, framework.banding.band_for(percent), c["yes"], of,
            None if "n/a" in unknown else c["n/a"], None if "excluded" in unknown else c["excluded"], question.sub_sample,
            c["ignored"], question.question_set, None if question.question_set is None else c["not_in_set"], None, None)
    prompt_results = {}
    ignored = {prompt_id: prompt_counts[prompt_id]["ignored"] for prompt_id in prompts if prompt_counts[prompt_id]["ignored"]}
    for prompt_id, prompt in prompts.items() if prompt_figures else ():
        c = prompt_counts[prompt_id]
        of = c["yes"] + c["no"]
        if of or c["n/a"] or c["ignored"]:  # reported only where the inspection records the prompt
            # Every field by position, in PromptResult's order: a record made from its positions alone is
            # made without matching names to fields, and a sample may have dozens of prompts.
            prompt_results[prompt_id] = PromptResult(
                prompt_id, prompt.key_question, percent_of(c["yes"], of) if of else None, c["yes"], of,
                None if "n/a" in unknown else c["n/a"], None if "excluded" in unknown else c["excluded"],
                None if "not_answered" in unknown else c["not_answered"], c["ignored"], None, None)
    return SampleTally(results, prompt_results, size, unanswered=unanswered, prompt_answers_ignored=ignored)


def _tally_totals(framework: Framework, sample: Sample, data: Mapping[str, Any], where: str, out: Problems,
                  unrated: frozenset[str], published_only: Collection[str] = ()) -> SampleTally:
    every = framework.key_questions_of_sample(sample.id)
    questions = tuple(q for q in every if q.standard not in unrated)
    size = data.get("size")
    totals = data["results"]
    known = [q.id for q in every]
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
            if question.question_set:
                pass  # the totals do not say how many cases answer its set, so nor how many were excluded
            elif question.sub_sample:
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
            excluded=excluded, sub_sample=question.sub_sample, question_set=question.question_set,
            basis=total.get("basis"), basis_note=basis_note(total))
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
    return SampleTally(results, prompt_results, size, totals=True, size_basis=data.get("size_basis"))


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
