"""Counting the case records of a sample, for each key question and prompt, reporting every problem.

Each case is placed in or out of each key question's and prompt's sub-sample (each sub-sample rule
decided once per case), and its answers counted. Problems are reported in case order, each with its
JSON pointer; pointers are only built for a problem, since a sample may hold 100,000 cases.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import methodcaller
from typing import Any, Protocol

from ..errors import hint_for, pointer
from ..model.conditions import MissingAttribute, holds
from ..model.framework import Framework, KeyQuestion, Prompt, Sample
from ..record_classes import record
from .case_problems import report_missing, unknown_question_hint, valid_attributes
from .clean_count import count_clean

#: What is counted for each key question and prompt.
COUNTED = ("yes", "no", "n/a", "excluded", "ignored", "not_answered", "not_in_set")

Counts = dict[str, dict[str, int]]

#: The question set of a case whose attributes match none of its sample's sets, or several (reported).
UNDECIDED = "\x00undecided"


class Report(Protocol):
    """Reports a problem: (code, JSON pointer, message, hint); the hint may be left out."""

    def __call__(self, code: str, pointer: str, message: str, hint: str | None = None, /) -> None: ...


class Problems:
    """Where counting reports a problem: add(code, JSON pointer, message, hint)."""

    def __init__(self, report: Report):
        self.add = report


@record
class _Plan:
    """What counting one sample needs to know of the framework."""

    questions: tuple[KeyQuestion, ...]
    prompts: dict[str, Prompt]
    rules: dict[str, Any]  # sub-sample rule id -> its condition
    users: dict[str, list[str]]  # sub-sample rule id -> the key questions and prompts it decides, for messages
    # Per prompt, the rule that must admit a case: its own where it has one (a footnote may count a
    # prompt on more cases than its key question, or on others), else its key question's.
    prompt_rules: tuple[tuple[str, tuple[str, ...]], ...]
    sample: Sample  # the sample planned for, so that a plan is kept for it alone


def _plan(framework: Framework, sample: Sample) -> _Plan:
    questions = framework.key_questions_of_sample(sample.id)
    prompts = {p.id: p for q in questions for p in q.prompts}
    by_id = {q.id: q for q in questions}
    users: dict[str, list[str]] = {}
    items: list[KeyQuestion | Prompt] = [*questions, *prompts.values()]
    for item in items:
        if item.sub_sample:
            users.setdefault(item.sub_sample, []).append(item.id)
    prompt_rules = tuple((prompt_id, tuple(r for r in (prompt.sub_sample or by_id[prompt.key_question].sub_sample,) if r))
                         for prompt_id, prompt in prompts.items())
    return _Plan(questions, prompts, {r: framework.sub_samples[r].when for r in users}, users, prompt_rules, sample)


def _kept_plan(framework: Framework, sample: Sample) -> _Plan:
    """The plan of SAMPLE, worked out once per framework: every evaluation under it counts with the same."""
    plans = framework.kept.setdefault("counting plans", {})
    if sample.id not in plans or plans[sample.id].sample is not sample:
        plans[sample.id] = _plan(framework, sample)
    return plans[sample.id]


def count_cases(framework: Framework, sample: Sample, cases: list, where: str, out: Problems,
                prompt_figures: bool = True) -> tuple[Counts, Counts]:
    """Per key question and per prompt of SAMPLE, its counts (COUNTED) over CASES; problems go to OUT (PROMPT_FIGURES: see count_clean)."""
    plan = _kept_plan(framework, sample)
    # Most samples have no problem: counted a key question at a time, they cost a fraction of the time.
    clean = count_clean(_Counting(framework, plan, sample, out), cases, prompt_figures)
    if clean is not None:
        return clean
    return count_case_by_case(framework, sample, cases, where, out)


def count_case_by_case(framework: Framework, sample: Sample, cases: list, where: str, out: Problems) -> tuple[Counts, Counts]:
    """count_cases, one case at a time: every problem reported where it occurs, in case order."""
    counting = _Counting(framework, _kept_plan(framework, sample), sample, out)
    count_key_questions, count_prompts = counting.count_key_questions, counting.count_prompts
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
        attributes = valid_attributes(sample, recorded, at, case_id, out) if recorded else recorded
        # What the case has decided, shared by its key questions and prompts: see _Counting.
        decided: dict[str, Any] = {}
        reported: set[str] = set()
        case_set = counting.question_set(case, at, attributes, reported) if sample.question_sets else None
        count_key_questions(case, case_id, at, attributes, decided, reported, case_set)
        count_prompts(case, at, attributes, decided, reported, case_set)
    counting.add_grouped_prompts()
    return counting.counts, counting.prompt_counts


def _empty(plan: _Plan) -> tuple[Counts, Counts]:
    return {q.id: dict.fromkeys(COUNTED, 0) for q in plan.questions}, {p: dict.fromkeys(COUNTED, 0) for p in plan.prompts}


class _Counting:
    """The counts of one sample so far, to which each case adds its answers.

    A case is counted in two steps, its key questions then its prompts, which share what the case
    has decided: each sub-sample rule is decided at most once per case (True, False, or the
    MissingAttribute that stops it, in DECIDED), and each missing attribute is reported once per
    case (REPORTED). The steps are methods called per case, with what they share as arguments,
    since at 100,000 cases every lookup per case shows in the time.
    """

    def __init__(self, framework: Framework, plan: _Plan, sample: Sample, out: Problems):
        self.framework, self.sample, self.out = framework, sample, out
        self.prompts, self.rules, self.users = plan.prompts, plan.rules, plan.users
        self.counts, self.prompt_counts = _empty(plan)
        # What the loops over every case need, worked out once per sample.
        self.question_plan = [(question, question.id, question.sub_sample, self.counts[question.id], question.question_set)
                              for question in plan.questions]
        sets = {q.id: q.question_set for q in plan.questions}
        self.prompt_plan = [(prompt_id, prompt_rules, self.prompt_counts[prompt_id], sets[plan.prompts[prompt_id].key_question])
                            for prompt_id, prompt_rules in plan.prompt_rules]
        # The prompts grouped by the rules that admit them and their question set: each case's prompt
        # answers join its group's admitted or excluded cases, counted prompt by prompt at the end
        # (count_prompts, add_grouped_prompts), not one case and one prompt at a time.
        groups: dict[tuple, list[tuple[str, dict[str, int]]]] = {}
        for prompt_id, prompt_rules, tally, question_set in self.prompt_plan:
            groups.setdefault((prompt_rules, question_set), []).append((prompt_id, tally))
        self.prompt_groups: list[tuple[tuple[str, ...], str | None, tuple, list, list]] = [
            (rules, question_set, tuple(tallies), [], []) for (rules, question_set), tallies in groups.items()]
        self.prompt_rules = list(dict.fromkeys(rule_id for rules, *_ in self.prompt_groups for rule_id in rules))

    def count_key_questions(self, case: Mapping[str, Any], case_id: str, at: str, attributes: Mapping[str, Any],
                            decided: dict[str, Any], reported: set[str], case_set: str | None) -> None:
        """Count a case's key question answers; each key question must be answered if its question set
        (CASE_SET, the set the case answers) and its sub-sample admit the case."""
        out, counts, sample, rules = self.out, self.counts, self.sample, self.rules
        answers = case["key_questions"]
        if not answers.keys() <= counts.keys():
            for question_id in answers:
                if question_id not in counts:
                    out.add("unknown-key-question", f"{at}/key_questions{pointer(question_id)}",
                            f"{question_id!r} is not a key question judged on the {sample.id!r} sample",
                            unknown_question_hint(self.framework, sample, question_id, list(counts)))
        for question, question_id, rule_id, counter, question_set in self.question_plan:
            answer = answers.get(question_id)
            if question_set is not None and question_set != case_set:
                if case_set is not UNDECIDED:
                    counter["not_in_set"] += 1
                    if answer is not None:
                        out.add("outside-question-set", f"{at}/key_questions{pointer(question_id)}",
                                f"case {case_id!r} answers the question set {case_set!r}, but {question_id} is in the set "
                                f"{question_set!r}", "remove the answer, or check the case's attributes")
                continue
            if rule_id is not None:
                applies = decided[rule_id] if rule_id in decided else _decide(rules, rule_id, attributes, decided)
                if applies.__class__ is MissingAttribute:
                    report_missing(applies, rule_id, self.users, case, reported, sample, at, out)
                    continue
                if not applies:
                    counter["excluded"] += 1
                    if answer is not None:
                        counter["ignored"] += 1
                    continue
            if answer is None:
                counter["not_answered"] += 1
                out.add("missing-answer", f"{at}/key_questions",
                        f"case {case_id!r} has no answer for {question_id}, which applies to it",
                        "answer " + ", ".join(repr(a) for a in question.answers))
            elif answer not in question.answers:
                out.add("bad-answer", f"{at}/key_questions{pointer(question_id)}",
                        f"{answer!r} is not an allowed answer for {question_id}",
                        "allowed: " + ", ".join(repr(a) for a in question.answers))
            else:
                counter[answer] += 1

    def count_prompts(self, case: Mapping[str, Any], at: str, attributes: Mapping[str, Any],
                      decided: dict[str, Any], reported: set[str], case_set: str | None) -> None:
        """Count a case's prompt answers; a prompt is optional, so one not answered is counted as such.
        A prompt of a key question outside the case's question set is not asked of it."""
        out, prompts, sample, rules = self.out, self.prompts, self.sample, self.rules
        given = case.get("prompts", {})
        if not given.keys() <= prompts.keys():
            for prompt_id in given:
                if prompt_id not in prompts:
                    out.add("unknown-prompt", f"{at}/prompts{pointer(prompt_id)}",
                            f"{prompt_id!r} is not a prompt of a key question judged on the {sample.id!r} sample",
                            hint_for(prompt_id, prompts))
        for rule_id in self.prompt_rules:
            if (decided[rule_id] if rule_id in decided else _decide(rules, rule_id, attributes, decided)).__class__ is MissingAttribute:
                self.count_prompts_one_by_one(given, case, at, attributes, decided, reported, case_set)  # reported in prompt order
                return
        for prompt_rules, question_set, _, admitted, excluded in self.prompt_groups:
            if question_set is not None and question_set != case_set:
                continue
            for rule_id in prompt_rules:
                if not decided[rule_id]:
                    excluded.append(given)
                    break
            else:
                admitted.append(given)

    def add_grouped_prompts(self) -> None:
        """Add each group's gathered prompt answers to its prompts' counts (see __init__)."""
        for _, _, tallies, admitted, excluded in self.prompt_groups:
            for prompt_id, tally in tallies:
                answers = list(map(methodcaller("get", prompt_id), admitted))
                counted = 0
                for answer in ("yes", "no", "n/a", None):
                    cases = answers.count(answer)
                    tally["not_answered" if answer is None else answer] += cases
                    counted += cases
                if counted != len(answers):  # an answer the format does not allow: counted as before, one by one
                    for answer in answers:
                        if answer not in ("yes", "no", "n/a", None):
                            tally[answer] += 1
                if excluded:
                    tally["excluded"] += len(excluded)
                    tally["ignored"] += len(excluded) - list(map(methodcaller("get", prompt_id), excluded)).count(None)

    def count_prompts_one_by_one(self, given: Mapping[str, Any], case: Mapping[str, Any], at: str, attributes: Mapping[str, Any],
                                 decided: dict[str, Any], reported: set[str], case_set: str | None) -> None:
        """Count a case's prompt answers prompt by prompt: for a case where a rule cannot be decided."""
        out, sample, rules = self.out, self.sample, self.rules
        for prompt_id, prompt_rules, tally, question_set in self.prompt_plan:
            if question_set is not None and question_set != case_set:
                continue
            answer = given.get(prompt_id)
            admitted: bool | MissingAttribute | None = True
            for rule_id in prompt_rules:
                admitted = decided[rule_id] if rule_id in decided else _decide(rules, rule_id, attributes, decided)
                if isinstance(admitted, MissingAttribute):
                    # Prompts are optional, so their attributes may be too: only an answer needs them.
                    if answer is not None:
                        report_missing(admitted, rule_id, self.users, case, reported, sample, at, out)
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

    def question_set(self, case: Mapping[str, Any], at: str, attributes: Mapping[str, Any], reported: set[str]) -> str:
        """The one question set whose condition the case meets; UNDECIDED, reported, where it meets none or several."""
        sample, out = self.sample, self.out
        matched = []
        for question_set in sample.question_sets:
            try:
                if holds(question_set.when, attributes):
                    matched.append(question_set.id)
            except MissingAttribute as missing:
                if missing.attribute not in case.get("attributes", {}) and missing.attribute not in reported:
                    reported.add(missing.attribute)
                    out.add("missing-attribute", at + ("/attributes" if "attributes" in case else ""),
                            f"case {case['id']!r} does not record {missing.attribute!r}, which decides its question set",
                            f"add \"{missing.attribute}\": {sample.attributes[missing.attribute].expected()} under the case's attributes")
                return UNDECIDED
        if len(matched) == 1:
            return matched[0]
        sets = ", ".join(f"{q.id!r} ({q.description})" for q in sample.question_sets)
        if matched:
            out.add("question-set-many", at + "/attributes", f"case {case['id']!r} matches more than one question set: "
                    f"{', '.join(repr(m) for m in matched)}", f"each case answers exactly one of {sets}")
        else:
            out.add("question-set-none", at + ("/attributes" if "attributes" in case else ""),
                    f"case {case['id']!r} matches no question set of the {sample.id!r} sample", f"its question sets: {sets}")
        return UNDECIDED


def _decide(rules: Mapping[str, Any], rule_id: str, attributes: Mapping[str, Any], decided: dict) -> Any:
    decision: bool | MissingAttribute
    try:
        decision = holds(rules[rule_id], attributes)
    except MissingAttribute as missing:
        decision = missing
    decided[rule_id] = decision
    return decision
