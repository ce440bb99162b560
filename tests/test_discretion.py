"""Professional discretion: the five-point rule, the one-case rule, and what the panel may do."""

from __future__ import annotations

import re

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import ROOT, cases_inspection


def totals(first, second=(9, 10), discretion=None):
    """An inspection of the minimal framework given as totals: (yes, of) pairs or a published percent."""
    def result(value):
        return {"percent": value} if isinstance(value, (int, float)) else {"yes": value[0], "of": value[1]}

    document = cases_inspection([])
    document["samples"] = {"cases": {"results": {"2.1.1": result(first), "2.1.2": result(second)}}}
    if discretion is not None:
        document["discretion"] = {"2.1": discretion}
    return document


@pytest.fixture
def mini(framework_factory):
    return framework_factory()


def assessed(mini, registry, document):
    return result_document(evaluate(mini, document, registry))["standards"][1]


@pytest.mark.parametrize(("first", "eligible", "near"), [
    ((63, 100), True, ["65"]),      # 2 points below Good
    ((60, 100), True, ["65"]),      # exactly 5 points: eligible (the rule is 'within', inclusive)
    ((5999, 10000), False, []),     # 5.01 points: not eligible, and one case more is still 'Too few'
    ((70, 100), True, ["65"]),
    ((58, 100), False, []),         # 7 from 65 and 8 from 50
    ((45, 100), True, ["50"]),
])
def test_near_boundary_rule(mini, registry, first, eligible, near):
    """Eligible where the lowest key question is within five percentage points of a boundary, exactly."""
    discretion = assessed(mini, registry, totals(first))["discretion"]
    assert (discretion["eligible"], discretion["within_points_of"]) == (eligible, near)


def test_one_case_rule(mini, registry):
    """3 of 7 (43%) is 7 points from 50%, but 4 of 7 would be 'Too few': eligible by the one-case rule."""
    discretion = assessed(mini, registry, totals((3, 7)))["discretion"]
    assert discretion["eligible"] is True
    assert discretion["within_points_of"] == []
    assert discretion["one_case_rule"] is True
    assert "2.1.1 at 4 of 7 would give Requires improvement" in discretion["explanation"]


def test_unknown_with_published_percentages(mini, registry):
    """With only published percentages the one-case rule cannot be tested: eligibility is unknown."""
    discretion = assessed(mini, registry, totals(57, 90))["discretion"]
    assert discretion["eligible"] is None
    assert "cannot be known" in discretion["explanation"]


def test_discretion_raises_one_band(mini, registry):
    """The panel's decision moves an eligible standard one band, and the result records both ratings and why."""
    standard = assessed(mini, registry, totals((63, 100), discretion={"rating": "good", "rationale": "Wider evidence."}))
    assert (standard["indicative_rating"], standard["rating"], standard["score"]) == ("requires_improvement", "good", 2)
    assert standard["discretion"]["exercised"] == {
        "from": "requires_improvement", "from_label": "Requires improvement", "to": "good", "to_label": "Good",
        "rationale": "Wider evidence.", "override": False}


def test_ineligible_discretion_is_an_error(mini, registry):
    """Discretion on an ineligible standard is refused, saying why, with the way to override it."""
    with pytest.raises(InvalidInputError) as raised:
        evaluate(mini, totals((58, 100), discretion={"rating": "good", "rationale": "x"}), registry)
    [problem] = raised.value.problems
    assert (problem.code, problem.pointer) == ("discretion-ineligible", "/discretion/2.1")
    assert "7 points from the nearest boundary (65%)" in problem.message
    assert "override" in problem.hint


def test_override_applies_and_flags(mini, registry):
    """With override, ineligible discretion is applied and flagged in the result."""
    document = totals((58, 100), discretion={"rating": "good", "rationale": "x", "override": True})
    result = result_document(evaluate(mini, document, registry))
    assert result["standards"][1]["rating"] == "good"
    assert result["standards"][1]["discretion"]["exercised"]["override"] is True
    assert [w["code"] for w in result["warnings"]] == ["discretion-flagged"]


def test_unknown_eligibility_applies_with_a_warning(mini, registry):
    """Where eligibility cannot be known, the recorded decision stands and the result says so."""
    result = result_document(evaluate(mini, totals(57, 90, discretion={"rating": "good", "rationale": "x"}), registry))
    assert result["standards"][1]["rating"] == "good"
    assert "cannot be fully established" in result["warnings"][0]["message"]


def test_at_most_one_band(mini, registry):
    """Discretion may not move a rating two bands, even by override."""
    document = totals((63, 100), discretion={"rating": "outstanding", "rationale": "x", "override": True})
    with pytest.raises(InvalidInputError) as raised:
        evaluate(mini, document, registry)
    assert [(p.code, p.pointer) for p in raised.value.problems] == [("discretion-too-far", "/discretion/2.1/rating")]


def test_not_for_judgement_standards(mini, registry):
    """Discretion applies only to the standards the framework lists; domain one's are judgements."""
    document = totals((63, 100))
    document["discretion"] = {"1.1": {"rating": "outstanding", "rationale": "x"}}
    with pytest.raises(InvalidInputError) as raised:
        evaluate(mini, document, registry)
    [problem] = raised.value.problems
    assert (problem.code, problem.pointer) == ("discretion-not-allowed", "/discretion/1.1")


@pytest.mark.parametrize(("first", "verdict"), [((63, 100), "eligible"), ((58, 100), "not eligible"), (57, "eligibility unknown")])
def test_eligibility_keeps_its_verdict_and_its_reason_apart(mini, registry, first, verdict):
    """The verdict and the reason are parts of their own; the document's explanation is the two joined, as before."""
    eligibility = evaluate(mini, totals(first, second=(9, 10) if first != 57 else 90), registry).standards[1].eligibility
    assert eligibility.verdict == verdict
    assert eligibility.reason and not eligibility.reason.startswith(verdict)
    assert eligibility.explanation == f"{verdict}: {eligibility.reason}"


def test_where_discretion_does_not_apply_the_reason_is_the_explanation(mini, registry):
    eligibility = evaluate(mini, totals((63, 100)), registry).standards[0].eligibility
    assert (eligibility.applies, eligibility.verdict) == (False, "does not apply")
    assert eligibility.explanation == eligibility.reason == "professional discretion does not apply to standard 1.1 in mini@1"


def test_an_ineligible_decision_is_refused_with_the_reason_itself(mini, registry):
    """The refusal words the reason from its own part, not by cutting the verdict off the explanation."""
    eligibility = evaluate(mini, totals((58, 100)), registry).standards[1].eligibility
    with pytest.raises(InvalidInputError) as raised:
        evaluate(mini, totals((58, 100), discretion={"rating": "good", "rationale": "x"}), registry)
    [problem] = raised.value.problems
    assert problem.message == f"professional discretion is not eligible on standard 2.1: {eligibility.reason}"


def test_nobody_parses_discretion_s_explanation_back():
    """Eligibility has its parts, so no module of the engine or the built-in plugins splits the sentence."""
    sources = [*(ROOT / "engine").rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]
    assert sources
    assert not [path.name for path in sources if re.search(r"explanation\"?\]?\.split\(", path.read_text("utf-8"))]



def test_gaps_to_boundaries_are_exact_and_the_lower_of_two_as_near_is_nearest():
    from fractions import Fraction

    from ratings_engine.rating.discretion import _gaps

    boundaries = (Fraction(50), Fraction(65), Fraction(80))
    # 57.5 is 7.5 points from both 50 and 65: the lower is the nearest, as min() of (gap, boundary) pairs gives.
    assert _gaps(Fraction(115, 2), boundaries, Fraction(5)) == ((), Fraction(50), Fraction(15, 2))
    # 1000/17 (about 58.82) is 200/17 points above 50 and 105/17 below 65; exactly 5 points is within 5.
    assert _gaps(Fraction(1000, 17), boundaries, Fraction(5)) == ((), Fraction(65), Fraction(105, 17))
    assert _gaps(Fraction(60), boundaries, Fraction(5)) == ((Fraction(65),), Fraction(65), Fraction(5))
    assert _gaps(Fraction(6499, 100), boundaries, Fraction(1, 10)) == ((Fraction(65),), Fraction(65), Fraction(1, 100))


def test_decided_only_assesses_eligibility_where_the_panel_recorded_a_decision(registry):
    """As ratings impact evaluates: the same ratings, and eligibility only where a decision needs it."""
    from ratings_engine.api import Engine
    from ratings_engine.rating.discretion import NOT_ASSESSED
    from ratings_engine.rating.inspection import load_inspection

    engine = Engine(registry)
    document, _ = load_inspection(ROOT / "examples" / "synthetic-crc-2019.json")
    framework = engine.choose_framework(document).framework
    full = evaluate(framework, document, registry)
    lean = evaluate(framework, document, registry, decided_only=True)
    decided = set(document.get("discretion", {}))
    assert decided and [s.rating for s in lean.standards] == [s.rating for s in full.standards]
    for whole, part in zip(full.standards, lean.standards, strict=True):
        assert part.eligibility == (whole.eligibility if whole.standard.id in decided else NOT_ASSESSED)
