"""Question sets by case type: each case answers the core or the adjusted key questions, by its attributes.

The example (docs/examples/example-dynamic-*.json) is a provisional framework with one standard whose
key questions 1.1.1 (core) and 1.1.2 (adjusted) are asked of one set each and 1.1.3 of every case
with harm factors. Its golden outputs are in tests/golden/constructs/ (see constructs_golden.py).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from constructs_golden import check_golden

from ratings_engine.api import Engine
from ratings_engine.errors import InvalidInputError
from ratings_engine.model.load import framework_from_bytes
from ratings_engine.reports.result import result_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
FRAMEWORK = EXAMPLES / "example-dynamic-framework.json"
INSPECTION = EXAMPLES / "example-dynamic-inspection.json"
FRAMEWORK_DOCUMENT = json.loads(FRAMEWORK.read_text("utf-8"))
INSPECTION_DOCUMENT = json.loads(INSPECTION.read_text("utf-8"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _evaluate(engine: Engine, tmp_path: Path, inspection: dict, framework: dict | None = None):
    framework_path = FRAMEWORK
    if framework is not None:
        framework_path = tmp_path / "framework.json"
        framework_path.write_text(json.dumps(framework), encoding="utf-8")
    path = tmp_path / "inspection.json"
    path.write_text(json.dumps(inspection), encoding="utf-8")
    return engine.evaluate_file(path, str(framework_path))


def _framework_problems(document: dict) -> list:
    try:
        framework_from_bytes(json.dumps(document).encode(), "f.json")
    except InvalidInputError as error:
        return error.problems
    return []


def test_each_key_question_counts_only_the_cases_of_its_set(engine):
    standard = engine.evaluate_file(INSPECTION, str(FRAMEWORK)).standard("1.1")
    shown = [(kq.id, kq.yes, kq.of, kq.question_set, kq.not_in_question_set, kq.excluded) for kq in standard.key_questions]
    assert shown == [("1.1.1", 4, 5, "core", 3, 0), ("1.1.2", 2, 3, "adjusted", 5, 0), ("1.1.3", 5, 6, None, None, 2)]
    assert standard.indicative.driving_key_question == "1.1.2"


def test_the_result_names_the_set_only_where_there_is_one(engine):
    document = result_document(engine.evaluate_file(INSPECTION, str(FRAMEWORK)))
    first, _, every_case = document["standards"][0]["key_questions"]
    assert (first["question_set"], first["not_in_question_set"]) == ("core", 3)
    assert "question_set" not in every_case and "not_in_question_set" not in every_case
    south_yorkshire = result_document(engine.evaluate_file(ROOT / "examples" / "synthetic-crc-2019.json"))
    assert all("question_set" not in kq for s in south_yorkshire["standards"] for kq in s["key_questions"])


def test_not_in_the_set_is_apart_from_sub_sample_exclusions(engine, tmp_path):
    inspection = copy.deepcopy(INSPECTION_DOCUMENT)
    framework = copy.deepcopy(FRAMEWORK_DOCUMENT)
    framework["domains"][0]["standards"][0]["key_questions"][1]["sub_sample"] = "harm"  # adjusted, and harm factors only
    kq = _evaluate(engine, tmp_path, inspection, framework).standard("1.1").key_questions[1]
    # c8 answers the adjusted set but has no harm factors (its answer is ignored); the five core cases are not in its set.
    assert (kq.yes, kq.of, kq.excluded, kq.not_in_question_set, kq.answers_ignored) == (2, 2, 1, 5, 1)


@pytest.mark.parametrize(("change", "code", "pointer"), [
    (lambda c: c[0]["attributes"].update(contact_suspended=True), "question-set-none", "/samples/public-protection/cases/0/attributes"),
    (lambda c: c[0]["attributes"].pop("from_release"), "missing-attribute", "/samples/public-protection/cases/0/attributes"),
    (lambda c: c[5]["key_questions"].update({"1.1.1": "yes"}), "outside-question-set",
     "/samples/public-protection/cases/5/key_questions/1.1.1"),
])
def test_a_case_without_one_set_or_answering_another_is_a_problem(engine, tmp_path, change, code, pointer):
    inspection = copy.deepcopy(INSPECTION_DOCUMENT)
    change(inspection["samples"]["public-protection"]["cases"])
    with pytest.raises(InvalidInputError) as raised:
        _evaluate(engine, tmp_path, inspection)
    [problem] = raised.value.problems
    assert (problem.code, problem.pointer) == (code, pointer)


def test_a_case_whose_set_is_unknown_counts_for_no_set(engine, tmp_path):
    """One problem for the case, not one more for each key question it then seems to answer wrongly."""
    inspection = copy.deepcopy(INSPECTION_DOCUMENT)
    inspection["samples"]["public-protection"]["cases"][5]["attributes"]["contact_suspended"] = True
    with pytest.raises(InvalidInputError) as raised:
        _evaluate(engine, tmp_path, inspection)
    assert [p.code for p in raised.value.problems] == ["question-set-none"]


def test_prompts_of_a_key_question_outside_the_set_are_not_asked(engine, tmp_path):
    framework = copy.deepcopy(FRAMEWORK_DOCUMENT)
    framework["domains"][0]["standards"][0]["key_questions"][1]["prompts"] = [{"id": "1.1.2.a", "text": "Was the licence checked?"}]
    inspection = copy.deepcopy(INSPECTION_DOCUMENT)
    inspection["samples"]["public-protection"]["cases"][5]["prompts"] = {"1.1.2.a": "yes"}
    prompt = _evaluate(engine, tmp_path, inspection, framework).prompts["1.1.2.a"]
    # Three adjusted cases: one answered, two not; the five core cases are not asked it at all.
    assert (prompt.yes, prompt.of, prompt.not_answered, prompt.excluded) == (1, 1, 2, 0)


def test_totals_under_question_sets_leave_exclusions_unknown(engine, tmp_path):
    inspection = {"provider": "P", "fieldwork_start": "2025-11-03", "samples": {"public-protection": {"size": 8, "results": {
        "1.1.1": {"yes": 4, "of": 5}, "1.1.2": {"yes": 2, "of": 3}, "1.1.3": {"yes": 5, "of": 6}}}}}
    standard = _evaluate(engine, tmp_path, inspection).standard("1.1")
    assert [(kq.question_set, kq.excluded, kq.not_in_question_set) for kq in standard.key_questions] == [
        ("core", None, None), ("adjusted", None, None), (None, 2, None)]


def test_explain_says_which_set_each_count_follows(engine):
    from ratings_engine.analysis.explain import explain

    sentences = explain(engine.evaluate_file(INSPECTION, str(FRAMEWORK)), engine.registry)["standards"][0]["sentences"]
    assert any(s.startswith("1.1.1 follows the question set 'core'") and "3 cases answering another set" in s for s in sentences)
    assert "1.1.3 is asked of every case, whatever its question set." in sentences


@pytest.mark.parametrize(("change", "code", "pointer"), [
    (lambda f: f["domains"][0]["standards"][0]["key_questions"][0].update(question_set="cor"), "unknown-reference",
     "/domains/0/standards/0/key_questions/0/question_set"),
    (lambda f: f["samples"][0]["question_sets"][1].update(id="core"), "duplicate-id", "/samples/0/question_sets/1/id"),
    (lambda f: f["samples"][0]["question_sets"][0]["when"]["all"][1].update({"in": ["none", "license"]}), "attribute-value",
     "/samples/0/question_sets/0/when/all/1/in/1"),
])
def test_question_set_meaning_checks(change, code, pointer):
    document = copy.deepcopy(FRAMEWORK_DOCUMENT)
    change(document)
    problems = _framework_problems(document)
    assert [(p.code, p.pointer) for p in problems][:1] == [(code, pointer)]


def test_a_qualitative_key_question_has_no_question_set():
    document = copy.deepcopy(FRAMEWORK_DOCUMENT)
    document["domains"][0]["standards"][0]["key_questions"].append(
        {"id": "1.1.4", "text": "Is work overseen?", "evidence": "qualitative", "question_set": "core"})
    assert [(p.code, p.pointer) for p in _framework_problems(document)] == [
        ("qualitative-question", "/domains/0/standards/0/key_questions/3/question_set")]


def test_the_examples_validate(runner):
    from ratings_engine.cli import cli

    result = runner.invoke(cli, ["validate", "--framework", str(FRAMEWORK), str(FRAMEWORK), str(INSPECTION)])
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize("output", ["text", "json", "markdown", "html", "csv", "csv-standards", "explain-text", "explain-json"])
def test_golden_outputs_of_the_question_sets_example(engine, output):
    check_golden(engine, "example-dynamic", INSPECTION, FRAMEWORK, output)
