"""A sample's tally (engine/rating/tally.py): totals taken as given once they add up, and cases with nothing to count.

Seen through evaluation, as a user sees it: the key questions of the result, or the problems reported.
"""

from __future__ import annotations

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.reasons import reasons
from ratings_engine.reports.result import result_document
from ratings_engine.testing import InspectionBuilder

from support import cases_inspection

totals_inspection = InspectionBuilder().totals


def problems(framework, registry, document) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as raised:
        evaluate(framework, document, registry)
    return [(problem.code, problem.pointer) for problem in raised.value.problems]


def test_totals_are_taken_as_given(framework_factory, registry):
    evaluation = evaluate(framework_factory(), totals_inspection((7, 10), 82.5), registry)
    first, second = evaluation.standard("2.1").key_questions
    assert (first.yes, first.of, first.percent) == (7, 10, 70)
    assert (second.yes, second.of, second.percent) == (None, None, 82.5)


def test_counts_that_do_not_add_up_are_reported_where_they_are(framework_factory, registry):
    """'yes' above 'of', and 'of' above the sample's size, each at its own place."""
    document = totals_inspection((11, 10), (5, 12))
    document["samples"]["cases"]["size"] = 11
    assert problems(framework_factory(), registry, document) == [
        ("count-mismatch", "/samples/cases/results/2.1.1/yes"),
        ("count-mismatch", "/samples/cases/results/2.1.2/of"),
    ]


def test_a_key_question_without_a_result_is_reported(framework_factory, registry):
    document = totals_inspection((7, 10), (5, 10))
    del document["samples"]["cases"]["results"]["2.1.2"]
    assert problems(framework_factory(), registry, document) == [("missing-result", "/samples/cases/results")]


def test_a_key_question_no_case_applies_to_is_reported(framework_factory, registry):
    """Every case outside 2.1.2's sub-sample leaves it nothing to count, which is a problem, not 0%."""
    codes = problems(framework_factory(), registry, cases_inspection([("yes", None, False), ("no", None, False)]))
    assert codes == [("no-applicable-cases", "/samples/cases/cases")]


def test_each_figure_keeps_where_it_comes_from(framework_factory, registry):
    """A derived count and an assumed percentage carry their basis and words into the result; a figure that
    says nothing keeps none (so results without 'basis' keep their bytes)."""
    document = totals_inspection((7, 10), 82.5)
    results = document["samples"]["cases"]["results"]
    results["2.1.1"].update(basis="derived", derivation="10 cases minus 3 known no")
    results["2.1.2"].update(basis="assumed", note="placeholder: not published")
    evaluation = evaluate(framework_factory(), document, registry)
    first, second = evaluation.standard("2.1").key_questions
    assert (first.basis, first.basis_note, first.assumed) == ("derived", "10 cases minus 3 known no", False)
    assert (second.basis, second.basis_note, second.assumed) == ("assumed", "placeholder: not published", True)
    assert evaluation.warnings[0] == {
        "code": "assumed-figures",
        "message": "this result rests on assumed figures, placeholders that are neither published nor derived: "
                   "key question 2.1.2, 83% (placeholder: not published)"}
    plain = evaluate(framework_factory(), totals_inspection((7, 10), 82.5), registry)
    assert [kq.basis for kq in plain.standard("2.1").key_questions] == [None, None]
    assert all(w["code"] != "assumed-figures" for w in plain.warnings)


def test_an_assumed_sample_size_is_warned_of_first(framework_factory, registry):
    document = totals_inspection((7, 10), (8, 10))
    document["samples"]["cases"]["size"] = 10
    document["samples"]["cases"]["size_basis"] = {"basis": "assumed", "note": "the report gives no sample size"}
    evaluation = evaluate(framework_factory(), document, registry)
    assert evaluation.warnings[0]["code"] == "assumed-figures"
    assert "the size of the 'cases' sample, 10 (the report gives no sample size)" in evaluation.warnings[0]["message"]
    document = result_document(evaluation)
    assert document["sample_sizes"] == {"cases": {"size": 10, "basis": "assumed", "basis_note": "the report gives no sample size"}}
    assert reasons(document["standards"][1], document)[-1].text == (
        "the size of the 'cases' sample, 10, is assumed, a placeholder neither published nor derived "
        "(the report gives no sample size)")
    assert "sample_sizes" not in result_document(evaluate(framework_factory(), totals_inspection((7, 10), (8, 10)), registry))
