"""Counting a sample: each key question's cases judged sufficient, of those its sub-sample admits.

A case outside a key question's sub-sample is excluded (and any answer it carries for that
question is ignored and counted); a case the inspector judged not applicable is counted as such;
a missing answer is a problem, never a silent 'no'.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping

from .conditions import MissingAttribute, holds
from .errors import hint_for
from .extension import KeyQuestionResult
from .model import Framework, KeyQuestion, Prompt, Sample
from .proportions import percent_of, to_fraction


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


@dataclass
class SampleTally:
    key_questions: dict[str, KeyQuestionResult]
    prompts: dict[str, PromptResult]
    size: int | None


#: Reports a problem: (code, JSON pointer, message, hint).
Report = Callable[[str, str, str, "str | None"], None]


class _Problems:
    def __init__(self, report: Report):
        self.add = report


def tally_sample(framework: Framework, sample: Sample, data: Mapping[str, Any], where: str, report: Report) -> SampleTally:
    """Count one sample of an inspection, passing any problem found to REPORT."""
    out = _Problems(report)
    if "cases" in data:
        return _tally_cases(framework, sample, data["cases"], where, out)
    return _tally_totals(framework, sample, data, where, out)


def _unknown_question_hint(framework: Framework, sample: Sample, question_id: str, known: list[str]) -> str | None:
    for standard in framework.standards:
        for question in standard.key_questions:
            if question.id == question_id:
                if not question.counted:
                    return f"{question_id} is {question.evidence} evidence and is not answered case by case"
                return f"{question_id} is judged on the {standard.sample!r} sample, not {sample.id!r}"
    return hint_for(question_id, known)


def _tally_cases(framework: Framework, sample: Sample, cases: list, where: str, out: _Problems) -> SampleTally:
    questions = framework.key_questions_of_sample(sample.id)
    prompts = {p.id: p for q in questions for p in q.prompts}
    by_id = {q.id: q for q in questions}
    # What each sub-sample rule decides, for messages about a case that lacks what a rule needs.
    users: dict[str, list[str]] = {}
    for item in [*questions, *prompts.values()]:
        if item.sub_sample:
            users.setdefault(item.sub_sample, []).append(item.id)
    rules = {rule_id: framework.sub_samples[rule_id].when for rule_id in users}
    counts = {q.id: dict.fromkeys(_COUNTED, 0) for q in questions}
    prompt_counts = {p: dict.fromkeys(_COUNTED, 0) for p in prompts}
    # A prompt applies only where its key question does, and then only where its own rule admits the case.
    prompt_plan = [(prompt_id, tuple(r for r in (by_id[prompt.key_question].sub_sample, prompt.sub_sample) if r),
                    prompt_counts[prompt_id]) for prompt_id, prompt in prompts.items()]
    question_plan = [(question, question.id, question.sub_sample, counts[question.id]) for question in questions]
    first_seen: dict[str, int] = {}
    for index, case in enumerate(cases):
        at = f"{where}/cases/{index}"
        case_id = case["id"]
        if case_id in first_seen:
            out.add("duplicate-case", at + "/id", f"case {case_id!r} appears more than once in the sample",
                    f"first at {where}/cases/{first_seen[case_id]}")
        else:
            first_seen[case_id] = index
        recorded = case.get("attributes", {})
        attributes = _valid_attributes(sample, recorded, at, case_id, out) if recorded else recorded
        # Each rule is decided at most once per case: True, False, or the MissingAttribute that stops it.
        decided: dict[str, Any] = {}
        reported: set[str] = set()

        answers = case["key_questions"]
        if not answers.keys() <= counts.keys():
            for question_id in answers:
                if question_id not in counts:
                    out.add("unknown-key-question", f"{at}/key_questions/{_escape(question_id)}",
                            f"{question_id!r} is not a key question judged on the {sample.id!r} sample",
                            _unknown_question_hint(framework, sample, question_id, list(counts)))
        for question, question_id, rule_id, counter in question_plan:
            answer = answers.get(question_id)
            if rule_id is not None:
                applies = decided[rule_id] if rule_id in decided else _decide(rules, rule_id, attributes, decided)
                if applies.__class__ is MissingAttribute:
                    _report_missing(applies, rule_id, users, case, reported, sample, at, out)
                    continue
                if not applies:
                    counter["excluded"] += 1
                    if answer is not None:
                        counter["ignored"] += 1
                    continue
            if answer is None:
                out.add("missing-answer", f"{at}/key_questions",
                        f"case {case_id!r} has no answer for {question_id}, which applies to it",
                        "answer " + ", ".join(repr(a) for a in question.answers))
            elif answer not in question.answers:
                out.add("bad-answer", f"{at}/key_questions/{_escape(question_id)}",
                        f"{answer!r} is not an allowed answer for {question_id}",
                        "allowed: " + ", ".join(repr(a) for a in question.answers))
            else:
                counter[answer] += 1

        given = case.get("prompts", {})
        if not given.keys() <= prompts.keys():
            for prompt_id in given:
                if prompt_id not in prompts:
                    out.add("unknown-prompt", f"{at}/prompts/{_escape(prompt_id)}",
                            f"{prompt_id!r} is not a prompt of a key question judged on the {sample.id!r} sample",
                            hint_for(prompt_id, prompts))
        for prompt_id, prompt_rules, tally in prompt_plan:
            answer = given.get(prompt_id)
            admitted = True
            for rule_id in prompt_rules:
                admitted = decided[rule_id] if rule_id in decided else _decide(rules, rule_id, attributes, decided)
                if admitted.__class__ is MissingAttribute:
                    # Prompts are optional, so their attributes may be too: only an answer needs them.
                    if answer is not None:
                        _report_missing(admitted, rule_id, users, case, reported, sample, at, out)
                    admitted = None
                if not admitted:
                    break
            if admitted is None:
                continue
            if not admitted:
                tally["excluded"] += 1
                if answer is not None:
                    tally["ignored"] += 1
            elif answer is None:
                tally["not_answered"] += 1
            else:
                tally[answer] += 1

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


#: What is counted for each key question and prompt. Answers are checked against the allowed ones first.
_COUNTED = ("yes", "no", "n/a", "excluded", "ignored", "not_answered")


def _decide(rules: Mapping[str, Any], rule_id: str, attributes: Mapping[str, Any], decided: dict) -> Any:
    try:
        decision = holds(rules[rule_id], attributes)
    except MissingAttribute as missing:
        decision = missing
    decided[rule_id] = decision
    return decision


def _report_missing(missing: MissingAttribute, rule_id: str, users: Mapping[str, list[str]], case: Mapping[str, Any],
                    reported: set[str], sample: Sample, at: str, out: _Problems) -> None:
    """Report once per case an attribute a sub-sample rule needs; one recorded with a bad value is reported already."""
    name = missing.attribute
    if name in case.get("attributes", {}) or name in reported:
        return
    reported.add(name)
    out.add("missing-attribute", at + ("/attributes" if "attributes" in case else ""),
            f"case {case['id']!r} does not record {name!r}, which the sub-sample rule {rule_id!r} needs "
            f"to decide whether {', '.join(users[rule_id])} apply to it",
            f"add \"{name}\": {sample.attributes[name].expected()} under the case's attributes")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _valid_attributes(sample: Sample, attributes: Mapping[str, Any], at: str, case_id: str, out: _Problems) -> dict:
    valid = {}
    for name, value in attributes.items():
        attribute = sample.attributes.get(name)
        where = f"{at}/attributes/{_escape(name)}"
        if attribute is None:
            known = list(sample.attributes)
            out.add("unknown-attribute", where, f"the {sample.id!r} sample does not record an attribute {name!r}",
                    hint_for(name, known) or "it records no case attributes")
        elif not attribute.allows(value):
            out.add("attribute-value", where, f"{name!r} of case {case_id!r} must be {attribute.expected()}, not {value!r}")
        else:
            valid[name] = value
    return valid


def _tally_totals(framework: Framework, sample: Sample, data: Mapping[str, Any], where: str, out: _Problems) -> SampleTally:
    questions = framework.key_questions_of_sample(sample.id)
    size = data.get("size")
    totals = data["results"]
    known = [q.id for q in questions]
    for question_id in totals:
        if question_id not in known:
            out.add("unknown-key-question", f"{where}/results/{_escape(question_id)}",
                    f"{question_id!r} is not a key question judged on the {sample.id!r} sample",
                    _unknown_question_hint(framework, sample, question_id, known))
    results = {}
    for question in questions:
        at = f"{where}/results/{_escape(question.id)}"
        total = totals.get(question.id)
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
            excluded=excluded, sub_sample=question.sub_sample)
    prompts = {p.id: p for q in questions for p in q.prompts}
    prompt_results = {}
    for prompt_id, total in data.get("prompts", {}).items():
        prompt: Prompt | None = prompts.get(prompt_id)
        at = f"{where}/prompts/{_escape(prompt_id)}"
        if prompt is None:
            out.add("unknown-prompt", at, f"{prompt_id!r} is not a prompt of a key question judged on the {sample.id!r} sample",
                    hint_for(prompt_id, prompts))
            continue
        counted = _counts(total, at, size, out)
        if counted is not None:
            percent, yes, of = counted
            prompt_results[prompt_id] = PromptResult(prompt_id, prompt.key_question, percent, yes=yes, of=of)
    return SampleTally(results, prompt_results, size)


def _counts(total: Mapping[str, Any], at: str, size: int | None, out: _Problems):
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
