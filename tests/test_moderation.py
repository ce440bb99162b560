"""Moderation by qualitative evidence: one band, only when ratified, never off the scale."""

from __future__ import annotations

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import cases_inspection


def with_moderation(document):
    standard = document["domains"][1]["standards"][0]
    standard["key_questions"].append({"id": "2.1.3", "text": "Does the work support desistance?", "evidence": "qualitative"})
    standard["moderation"] = {"rule": "qualitative-evidence",
                              "options": {"key_question": "2.1.3", "max_bands": 1, "requires_ratification": True}}


@pytest.fixture
def moderated(framework_factory):
    """The minimal framework with unpaid-work style moderation on 2.1, by qualitative key question 2.1.3."""
    return framework_factory(with_moderation)


def inspection(first, decision=None, discretion=None):
    document = cases_inspection([])
    document["samples"] = {"cases": {"results": {"2.1.1": {"yes": first[0], "of": first[1]}, "2.1.2": {"yes": 9, "of": 10}}}}
    if decision is not None:
        document["moderation"] = {"2.1": decision}
    if discretion is not None:
        document["discretion"] = {"2.1": discretion}
    return document


def standard(framework, registry, document):
    return result_document(evaluate(framework, document, registry))["standards"][1]


def test_ratified_proposal_moves_one_band(moderated, registry):
    """A ratified proposal to raise moves Good (70%) to Outstanding, and records it."""
    result = standard(moderated, registry, inspection((70, 100), {"proposed": 1, "ratified": True, "rationale": "Observed."}))
    assert (result["indicative_rating"], result["rating"]) == ("good", "outstanding")
    assert result["moderation"]["changed"] is True
    assert "raised from Good to Outstanding on qualitative evidence (2.1.3)" in result["moderation"]["reason"]


def test_unratified_proposal_changes_nothing(moderated, registry):
    """A proposal the ratings panel did not ratify leaves the indicative rating."""
    result = standard(moderated, registry, inspection((70, 100), {"proposed": -1, "ratified": False, "rationale": "x"}))
    assert result["rating"] == "good"
    assert result["moderation"]["changed"] is False
    assert "not ratified" in result["moderation"]["reason"]


def test_no_change_is_recorded(moderated, registry):
    """A panel decision of no change is recorded as such (as for South Yorkshire's unpaid work)."""
    result = standard(moderated, registry, inspection((70, 100), {"proposed": 0, "ratified": True, "rationale": "x"}))
    assert result["moderation"]["recorded"] and not result["moderation"]["changed"]
    assert result["moderation"]["reason"] == "the ratings panel considered the qualitative evidence (2.1.3) and made no change"


def test_no_decision_recorded(moderated, registry):
    """Without a recorded decision the indicative rating stands, and the result says none was recorded."""
    result = standard(moderated, registry, inspection((70, 100)))
    assert result["moderation"]["recorded"] is False
    assert result["rating"] == "good"


@pytest.mark.parametrize(("first", "proposed", "code"), [
    ((90, 100), 1, "moderation-off-scale"),   # already Outstanding
    ((10, 100), -1, "moderation-off-scale"),  # already Inadequate
    ((70, 100), 2, "moderation-too-far"),
])
def test_moderation_limits(moderated, registry, first, proposed, code):
    """Moderation may move one band only, and never off the rating scale."""
    with pytest.raises(InvalidInputError) as raised:
        evaluate(moderated, inspection(first, {"proposed": proposed, "ratified": True, "rationale": "x"}), registry)
    assert [(p.code, p.pointer) for p in raised.value.problems] == [(code, "/moderation/2.1/proposed")]


def test_moderation_only_where_the_framework_has_a_rule(framework_factory, registry):
    """A moderation decision for a standard with no moderation rule is an error."""
    with pytest.raises(InvalidInputError) as raised:
        evaluate(framework_factory(), inspection((70, 100), {"proposed": 1, "ratified": True, "rationale": "x"}), registry)
    assert [(p.code, p.pointer) for p in raised.value.problems] == [("moderation-not-allowed", "/moderation/2.1")]


def test_discretion_comes_after_moderation(moderated, registry):
    """Discretion moves the moderated rating: Requires improvement (63%) raised to Good, then lowered back."""
    document = inspection((63, 100), {"proposed": 1, "ratified": True, "rationale": "x"},
                          {"rating": "requires_improvement", "rationale": "Panel view."})
    result = standard(moderated, registry, document)
    assert result["moderation"]["rating"] == "good"
    assert result["discretion"]["exercised"]["from"] == "good"
    assert result["rating"] == "requires_improvement"


def test_rule_settings_are_checked(framework_factory):
    """The framework's moderation settings are checked by the rule's plugin when the framework loads."""
    def bad(document):
        with_moderation(document)
        document["domains"][1]["standards"][0]["moderation"]["options"] = {"key_question": "2.1.1", "max_band": 1}

    with pytest.raises(InvalidInputError) as raised:
        framework_factory(bad)
    messages = [p.message for p in raised.value.problems]
    assert "unknown setting 'max_band'; known settings are key_question, max_bands, requires_ratification" in messages
    assert "key question 2.1.1 must be qualitative evidence to moderate the rating" in messages


def test_moderation_and_discretion_never_move_two_bands(moderated, registry):
    """Raised to Good by moderation, 63% may not then be raised to Outstanding by discretion."""
    document = inspection((63, 100), {"proposed": 1, "ratified": True, "rationale": "x"},
                          {"rating": "outstanding", "rationale": "Panel view."})
    with pytest.raises(InvalidInputError) as raised:
        evaluate(moderated, document, registry)
    [problem] = raised.value.problems
    assert (problem.code, problem.pointer) == ("discretion-too-far", "/discretion/2.1/rating")
    assert "moderation already moved 2.1 from Requires improvement to Good" in problem.message
