"""Counting a sample with no problem in it a key question at a time, rather than a case at a time.

Counting case by case (counting.py) reports each problem where it occurs, in case order, but costs a
dozen steps per case and key question. Most samples have no problem at all. Their cases fall into a
few classes of alike attributes, which decide the same sub-sample rules and question set, so the
rules are decided once per class, and each key question's answers are gathered over the cases it
admits and counted by C-speed list operations.

The answer is all or nothing: the counts where no case of the sample would give a problem, and None
at the first sign of one (an unknown key question or prompt, a repeated case id, a wrong, missing or
unneeded attribute, an answer missing, not allowed or outside the case's question set). The caller
then counts the sample case by case, which finds and reports every problem in order. The counts are
the same either way: each step below mirrors one of _Counting's.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from ..model.conditions import MissingAttribute, holds
from .case_problems import valid_attributes

if TYPE_CHECKING:
    from .counting import Counts, _Counting

_ANSWERS = itemgetter("key_questions")
_ID = itemgetter("id")
#: The prompts of a case that records none: only ever read.
_NO_PROMPTS: dict[str, Any] = {}


def _answers_to(question_id: str, answers: list) -> list:
    """Each of ANSWERS' answer to QUESTION_ID, or None.

    dict.get called directly: methodcaller("get", ...) makes a bound method for every case, three
    times the cost. An answers map that is not a dict is a TypeError, which count_clean catches."""
    return list(map(dict.get, answers, repeat(question_id)))


class _Found(Exception):
    """A problem the case-by-case count must report."""


class _Noted:
    """Stands in for counting's Problems: any problem at all means the sample is not clean."""

    @staticmethod
    def add(*_: Any) -> None:
        raise _Found


def count_clean(counting: _Counting, cases: list, prompt_figures: bool = True) -> tuple[Counts, Counts] | None:
    """COUNTING's counts of CASES where no case gives a problem; None where one may (see the module's docstring).

    Without PROMPT_FIGURES, the prompts' answers are counted only where they are excluded or ignored
    (see _count_ignored_prompts): their unknown ids and undecided rules are still found."""
    try:
        return _count(counting, cases, prompt_figures)
    # TypeError: an attribute value that cannot be a class's key, or answers that are not a dict.
    except (_Found, MissingAttribute, TypeError):
        return None


def _count(counting: _Counting, cases: list, prompt_figures: bool) -> tuple[Counts, Counts]:
    if len(set(map(_ID, cases))) != len(cases):
        raise _Found
    answers = list(map(_ANSWERS, cases))
    prompts = list(map(dict.get, cases, repeat("prompts"), repeat(_NO_PROMPTS)))
    if not set().union(*answers) <= counting.counts.keys() or not set().union(*prompts) <= counting.prompts.keys():
        raise _Found
    # The cases as classes of alike attributes (with their types: true and 1 are not alike).
    classes: dict[tuple, list[int]] = {}
    for index, recorded in enumerate(map(dict.get, cases, repeat("attributes"))):
        key = (*recorded.items(), *map(type, recorded.values())) if recorded else ()
        members = classes.get(key)
        if members is None:
            classes[key] = [index]
        else:
            members.append(index)
    decided = [(_decide(counting, cases[members[0]].get("attributes")), members) for members in classes.values()]
    _count_key_questions(counting, decided, answers)
    (_count_prompts if prompt_figures else _count_ignored_prompts)(counting, decided, prompts)
    return counting.counts, counting.prompt_counts


def _decide(counting: _Counting, recorded: Mapping[str, Any] | None) -> tuple[str | None, dict[str, bool]]:
    """A class's question set and the decision of each sub-sample rule; raises where either gives a problem."""
    sample = counting.sample
    attributes = valid_attributes(sample, recorded, "", "", cast(Any, _Noted)) if recorded else {}
    case_set = None
    if sample.question_sets:
        matched = [question_set.id for question_set in sample.question_sets if holds(question_set.when, attributes)]
        if len(matched) != 1:
            raise _Found
        case_set = matched[0]
    return case_set, {rule_id: holds(rule, attributes) for rule_id, rule in counting.rules.items()}


def _count_key_questions(counting: _Counting, decided: list, answers: list) -> None:
    # The cases each (sub-sample rule, question set) admits, excludes, or does not ask: gathered once for
    # the key questions that share them.
    gathered: dict[tuple, tuple[list, list, list]] = {}
    for question, question_id, rule_id, counter, question_set in counting.question_plan:
        lists = gathered.get((rule_id, question_set))
        if lists is None:
            lists = gathered[(rule_id, question_set)] = ([], [], [])
            for (case_set, rules), members in decided:
                if question_set is not None and question_set != case_set:
                    lists[2].extend(answers[i] for i in members)
                elif rule_id is not None and not rules[rule_id]:
                    lists[1].extend(answers[i] for i in members)
                else:
                    lists[0].extend(answers[i] for i in members)
        admitted, excluded, not_asked = lists
        if not_asked:
            if _answers_to(question_id, not_asked).count(None) != len(not_asked):  # answers outside the case's question set
                raise _Found
            counter["not_in_set"] += len(not_asked)
        if excluded:
            counter["excluded"] += len(excluded)
            counter["ignored"] += len(excluded) - _answers_to(question_id, excluded).count(None)
        given = _answers_to(question_id, admitted)
        counted = 0
        for answer in question.answers:
            if counted == len(given):
                break  # every answer counted: no pass for an answer no case gives ('n/a', mostly)
            number = given.count(answer)
            if number:
                counter[answer] += number
                counted += number
        if counted != len(given):  # an answer missing, or one the key question does not allow
            raise _Found


def _taken(groups: list, case_set: str | None, rules: Mapping[str, bool]) -> tuple[bool | None, ...]:
    """Per group of prompts, how it takes a class of cases: True (admitted), False (excluded) or None (its
    question set is not the class's, so its prompts are not asked)."""
    return tuple(None if question_set is not None and question_set != case_set else all(rules[r] for r in prompt_rules)
                 for prompt_rules, question_set, *_ in groups)


def _count_prompts(counting: _Counting, decided: list, prompts: list) -> None:
    """Count the prompts as count_prompts and add_grouped_prompts do, a column of answers at a time.

    A prompt belongs to one group of prompts sharing the rules that admit a case and a question set
    (see _Counting). The cases of a class are admitted, excluded or not asked by each group alike; those
    a group admits that answer the same prompts in the same order then give, side by side, one column
    per prompt. What a group excludes is counted as _count_ignored_prompts counts it.
    """
    _count_ignored_prompts(counting, decided, prompts)
    groups = counting.prompt_groups
    group_of = {prompt_id: (index, tally) for index, (_, _, tallies, _, _) in enumerate(groups) for prompt_id, tally in tallies}
    admitted = [0] * len(groups)
    alike: dict[tuple, list] = {}  # (how each group takes the class, the prompts answered) -> the cases' answers
    for (case_set, rules), members in decided:
        taken = _taken(groups, case_set, rules)
        if not any(taken):
            continue
        for index, admits in enumerate(taken):
            if admits:
                admitted[index] += len(members)
        for member in members:
            given = prompts[member]
            answers = alike.get((taken, tuple(given)))
            if answers is None:
                alike[(taken, tuple(given))] = [given.values()]
            else:
                answers.append(given.values())
    for (taken, prompt_ids), answers in alike.items():
        columns = list(zip(*answers, strict=True))
        for prompt_id, column in zip(prompt_ids, columns, strict=True):
            index, tally = group_of[prompt_id]
            if taken[index]:
                yes, no = column.count("yes"), column.count("no")
                not_applicable = len(column) - yes - no  # the rest, which must all be 'n/a': counted only where there is a rest
                if not_applicable and column.count("n/a") != not_applicable:  # null, or an answer the format does not allow
                    raise _Found
                tally["yes"] += yes
                tally["no"] += no
                tally["n/a"] += not_applicable
    for index, (_, _, tallies, _, _) in enumerate(groups):
        for _, tally in tallies:
            tally["not_answered"] += admitted[index] - tally["yes"] - tally["no"] - tally["n/a"]


def _count_ignored_prompts(counting: _Counting, decided: list, prompts: list) -> None:
    """Count the cases each group of prompts excludes, and their answers (ignored), as add_grouped_prompts does.

    All an evaluation without prompt figures counts of the prompts (see count_clean): what admitted
    cases answer is left uncounted, since no rating reads a prompt's figures and the inspection schema
    has already allowed each answer.
    """
    groups = counting.prompt_groups
    for (case_set, rules), members in decided:
        answered = None  # the class's prompt answers, gathered for the first group that excludes it
        for (_, _, tallies, _, _), admits in zip(groups, _taken(groups, case_set, rules), strict=True):
            if admits is not False:
                continue
            if answered is None:
                answered = [prompts[member] for member in members]
            for prompt_id, tally in tallies:
                tally["excluded"] += len(answered)
                tally["ignored"] += len(answered) - _answers_to(prompt_id, answered).count(None)
