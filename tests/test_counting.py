"""Counting the cases of a sample (engine/rating/counting.py): sub-samples, answers, prompts, and every problem at once.

Counting is seen through evaluation, as a user sees it: the counts in the result document, or the
problems evaluation reports.
"""

from __future__ import annotations

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import cases_inspection


@pytest.fixture
def mini(framework_factory):
    """The minimal framework, checked."""
    return framework_factory()


def run(framework, registry, document):
    return result_document(evaluate(framework, document, registry))


def key_question(result, question_id):
    return next(kq for s in result["standards"] for kq in s["key_questions"] if kq["id"] == question_id)


def test_sub_sample_excludes_cases_and_ignores_their_answers(mini, registry):
    """Cases without harm factors are excluded from 2.1.2; an answer they carry for it is ignored and counted."""
    document = cases_inspection([("yes", "yes", True), ("yes", "no", True), ("no", None, False), ("yes", "no", False)])
    result = run(mini, registry, document)
    first, second = key_question(result, "2.1.1"), key_question(result, "2.1.2")
    assert (first["yes"], first["of"], first["excluded"]) == (3, 4, 0)
    assert (second["yes"], second["of"], second["excluded"], second["sub_sample"]) == (1, 2, 2, "harm")
    assert [w["code"] for w in result["warnings"]] == ["answers-ignored"]
    assert "1 answer(s) to 2.1.2 were ignored" in result["warnings"][0]["message"]


def test_missing_answer_is_a_problem_not_a_no(mini, registry):
    """A case with harm factors but no answer for 2.1.2 is reported, never counted as 'no'."""
    with pytest.raises(InvalidInputError) as raised:
        evaluate(mini, cases_inspection([("yes", "yes", True), ("yes", None, True)]), registry)
    [problem] = raised.value.problems
    assert (problem.code, problem.pointer) == ("missing-answer", "/samples/cases/cases/1/key_questions")
    assert "'C2' has no answer for 2.1.2" in problem.message


def test_not_applicable_only_where_allowed(framework_factory, registry):
    """'n/a' is rejected where the framework does not allow it, and counted apart where it does."""
    def allow_na(document):
        document["domains"][1]["standards"][0]["key_questions"][0]["answers"] = ["yes", "no", "n/a"]

    answers = [("yes", "yes", True), ("n/a", "n/a", True)]
    with pytest.raises(InvalidInputError) as raised:
        evaluate(framework_factory(), cases_inspection(answers), registry)
    assert [(p.code, p.pointer) for p in raised.value.problems] == [
        ("bad-answer", "/samples/cases/cases/1/key_questions/2.1.1"),
        ("bad-answer", "/samples/cases/cases/1/key_questions/2.1.2")]
    with pytest.raises(InvalidInputError) as raised:
        evaluate(framework_factory(allow_na), cases_inspection(answers), registry)
    assert [p.pointer for p in raised.value.problems] == ["/samples/cases/cases/1/key_questions/2.1.2"]
    result = run(framework_factory(allow_na), registry, cases_inspection([("yes", "yes", True), ("n/a", "no", True)]))
    first = key_question(result, "2.1.1")
    assert (first["yes"], first["of"], first["not_applicable"], first["percent"]) == (1, 1, 1, 100)


def test_every_problem_is_reported_in_one_run(mini, registry):
    """A duplicate case id, an unknown key question and a missing attribute are all reported together."""
    document = cases_inspection([("yes", "yes", True), ("yes", "yes", True)])
    cases = document["samples"]["cases"]["cases"]
    cases[1]["id"] = "C1"
    cases[0]["key_questions"]["2.1.9"] = "yes"
    del cases[1]["attributes"]["harm_factors"]
    with pytest.raises(InvalidInputError) as raised:
        evaluate(mini, document, registry)
    codes = sorted(p.code for p in raised.value.problems)
    assert codes == ["duplicate-case", "missing-attribute", "unknown-key-question"]
    unknown = next(p for p in raised.value.problems if p.code == "unknown-key-question")
    assert unknown.hint in ("did you mean 2.1.1?", "did you mean 2.1.2?")


def test_prompts_follow_their_key_questions_sub_sample(framework_factory, registry):
    """A prompt under a sub-sampled key question counts only the cases that question applies to."""
    def prompt_under_harm(document):
        document["domains"][1]["standards"][0]["key_questions"][1]["prompts"] = [{"id": "2.1.2.a", "text": "Is risk analysed?"}]

    document = cases_inspection([("yes", "yes", True), ("yes", None, False), ("yes", None, True)])
    cases_ = document["samples"]["cases"]["cases"]
    cases_[0]["prompts"] = {"2.1.2.a": "yes"}
    cases_[1]["prompts"] = {"2.1.2.a": "yes"}  # no harm factors: outside 2.1.2's sub-sample
    with pytest.raises(InvalidInputError):
        evaluate(framework_factory(prompt_under_harm), document, registry)  # the third case lacks its 2.1.2 answer
    cases_[2]["key_questions"]["2.1.2"] = "no"
    result = run(framework_factory(prompt_under_harm), registry, document)
    assert result["prompts"] == [{"id": "2.1.2.a", "text": "Is risk analysed?", "key_question": "2.1.2", "yes": 1, "of": 1,
                                  "not_applicable": 0, "excluded": 1, "not_answered": 1, "percent": 100, "percent_exact": "100"}]
    assert "1 answer(s) to prompt 2.1.2.a were ignored" in result["warnings"][0]["message"]


def test_prompts_are_counted_but_never_rated(mini, registry):
    """Prompt answers are reported per prompt, with n/a apart, and do not change the key question."""
    document = cases_inspection([("yes", "yes", True)] * 3)
    for case_, prompt in zip(document["samples"]["cases"]["cases"], ["no", "no", "n/a"], strict=True):
        case_["prompts"] = {"2.1.1.a": prompt}
    result = run(mini, registry, document)
    assert result["prompts"] == [{"id": "2.1.1.a", "text": "Is motivation analysed?", "key_question": "2.1.1", "yes": 0, "of": 2,
                                  "not_applicable": 1, "excluded": 0, "not_answered": 0, "percent": 0, "percent_exact": "0"}]
    assert key_question(result, "2.1.1")["percent"] == 100


def test_each_samples_plan_is_worked_out_once_per_framework(mini, registry):
    """Evaluations under one framework count with one plan per sample, and count the same with it."""
    document = cases_inspection([("yes", "yes", True), ("no", None, False)])
    first = run(mini, registry, document)
    plans = dict(mini.kept["counting plans"])
    assert run(mini, registry, document) == first
    assert all(mini.kept["counting plans"][sample_id] is plan for sample_id, plan in plans.items())
