"""Comparing an inspection with the previous one: the Z test, lining up by id, significance words, text."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from statistics import NormalDist

import pytest

from ratings_engine.analysis.compare import compare_results, significance_level_of, z_test
from ratings_engine.io.jsonio import to_json_text
from ratings_engine.plugins.analysis_text import render_compare_text
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import SOUTH_YORKSHIRE_2020


def by_hand(yes1: int, of1: int, yes2: int, of2: int) -> tuple[float, float]:
    """The pooled two-proportion Z statistic and two-sided p-value, written out from the textbook formula.

    The p-value comes from the normal distribution's CDF, not from erfc as in the module.
    """
    pooled = (yes1 + yes2) / (of1 + of2)
    z = (yes2 / of2 - yes1 / of1) / math.sqrt(pooled * (1 - pooled) * (1 / of1 + 1 / of2))
    return z, 2 * (1 - NormalDist().cdf(abs(z)))


def inspection(results: dict, provider: str = "P", fieldwork_start: str = "2020-06-01") -> dict:
    """An aggregate inspection of the minimal framework with the given key-question results."""
    return {"provider": provider, "fieldwork_start": fieldwork_start,
            "judgements": {"1.1": {"rating": "good", "rationale": "x"}},
            "samples": {"cases": {"results": results}}}


@pytest.fixture
def rate(framework_factory, registry):
    """Evaluate an aggregate inspection of the minimal framework into a result document."""
    framework = framework_factory()

    def run(results: dict, **extra) -> dict:
        return result_document(evaluate(framework, inspection(results, **extra), registry))

    return run


def question(comparison: dict, question_id: str) -> dict:
    return next(kq for kq in comparison["key_questions"] if kq["id"] == question_id)


def test_z_test_significant_pair_matches_the_formula():
    """61 of 100 then 74 of 100: pooled 0.675, z = 0.13/sqrt(0.675*0.325*0.02) about 1.9626, p about 0.0497."""
    z, p_value = z_test(61, 100, 74, 100)
    expected_z, expected_p = by_hand(61, 100, 74, 100)
    assert expected_z == pytest.approx(0.13 / math.sqrt(0.675 * 0.325 * 0.02))
    assert z == pytest.approx(expected_z, rel=1e-12)
    assert p_value == pytest.approx(expected_p, rel=1e-9)
    assert round(z, 4) == 1.9626 and round(p_value, 4) == 0.0497
    assert p_value < 0.1


def test_z_test_not_significant_pair_matches_the_formula():
    """63 of 100 then 70 of 100: z about 1.049, p about 0.294, not significant at 0.1."""
    z, p_value = z_test(63, 100, 70, 100)
    expected_z, expected_p = by_hand(63, 100, 70, 100)
    assert z == pytest.approx(expected_z, rel=1e-12)
    assert p_value == pytest.approx(expected_p, rel=1e-9)
    assert p_value > 0.1


def test_z_test_is_current_minus_previous():
    """A fall gives a negative z and the same two-sided p-value as the rise."""
    rise, fall = z_test(50, 85, 63, 100), z_test(63, 100, 50, 85)
    assert rise[0] > 0 and fall[0] == pytest.approx(-rise[0])
    assert fall[1] == pytest.approx(rise[1])
    assert fall[0] == pytest.approx(by_hand(63, 100, 50, 85)[0])


def test_z_test_without_variance_is_zero_and_one():
    """Every case 'no' (pooled 0) or every case 'yes' (pooled 1) in both: z = 0, p = 1, no division by zero."""
    assert z_test(0, 10, 0, 20) == (0.0, 1.0)
    assert z_test(10, 10, 24, 24) == (0.0, 1.0)
    assert z_test(40, 100, 40, 100) == (0.0, 1.0)


@pytest.mark.parametrize("counts", [(1, 0, 1, 1), (5, 4, 1, 2), (-1, 4, 1, 2)])
def test_z_test_rejects_impossible_counts(counts):
    """Zero cases counted, or more 'yes' than cases, is not a sample to test."""
    with pytest.raises(ValueError):
        z_test(*counts)


@pytest.mark.parametrize("level", [Fraction(1, 10), Decimal("0.1"), 0.1])
def test_significant_change_at_the_framework_level(rate, level):
    """2.1.1 from 61% to 74% of 100 is significant at 0.1, however the level is given."""
    previous = rate({"2.1.1": {"yes": 61, "of": 100}, "2.1.2": {"yes": 5, "of": 10}})
    current = rate({"2.1.1": {"yes": 74, "of": 100}, "2.1.2": {"yes": 6, "of": 10}})
    comparison = compare_results(previous, current, level)
    first = question(comparison, "2.1.1")
    assert first["previous"] == {"yes": 61, "of": 100, "percent": 61}
    assert first["current"] == {"yes": 74, "of": 100, "percent": 74}
    assert (first["change_points"], first["z"], first["p_value"]) == (13, 1.9626, 0.0497)
    assert first["significance"] == "significant"
    assert question(comparison, "2.1.2")["significance"] == "not significant"
    assert comparison["significance_level"] == 0.1
    assert comparison["test"] == "two-proportion z-test, two-sided"


def test_the_same_change_is_not_significant_at_a_stricter_level(rate):
    """p about 0.0497 is not below 0.01 (and not below itself: the test is p < level)."""
    previous = rate({"2.1.1": {"yes": 61, "of": 100}, "2.1.2": {"yes": 5, "of": 10}})
    current = rate({"2.1.1": {"yes": 74, "of": 100}, "2.1.2": {"yes": 6, "of": 10}})
    assert question(compare_results(previous, current, Fraction(1, 100)), "2.1.1")["significance"] == "not significant"
    _, p_value = z_test(61, 100, 74, 100)
    assert question(compare_results(previous, current, p_value), "2.1.1")["significance"] == "not significant"


def test_change_is_the_exact_difference_to_one_decimal(rate):
    """50 of 85 (58.82%, shown 59%) to 63 of 100 is 4.2 points, not the 4 the displayed figures suggest."""
    previous = rate({"2.1.1": {"yes": 50, "of": 85}, "2.1.2": {"yes": 5, "of": 10}})
    current = rate({"2.1.1": {"yes": 63, "of": 100}, "2.1.2": {"yes": 5, "of": 10}})
    comparison = compare_results(previous, current, Fraction(1, 10))
    assert question(comparison, "2.1.1")["change_points"] == 4.2
    assert question(comparison, "2.1.2")["change_points"] == 0
    reverse = compare_results(current, previous, Fraction(1, 10))
    assert question(reverse, "2.1.1")["change_points"] == -4.2


def test_percent_only_gives_unknown_never_a_guess(rate):
    """2.1.2 published only as 48% in the current inspection: change shown, no z, significance unknown."""
    previous = rate({"2.1.1": {"yes": 61, "of": 100}, "2.1.2": {"yes": 30, "of": 100}})
    current = rate({"2.1.1": {"yes": 74, "of": 100}, "2.1.2": {"percent": 48}})
    second = question(compare_results(previous, current, Fraction(1, 10)), "2.1.2")
    assert second["current"] == {"yes": None, "of": None, "percent": 48}
    assert (second["change_points"], second["z"], second["p_value"]) == (18, None, None)
    assert second["significance"] == "unknown"
    assert second["reason"] == "2.1.2 has only a published percentage in the current inspection"
    both = question(compare_results(current, current, Fraction(1, 10)), "2.1.2")
    assert both["significance"] == "unknown" and "in both inspections" in both["reason"]


def add_question(question_id: str, text: str):
    """A framework change adding a case-sample key question to standard 2.1."""
    def change(document):
        document["domains"][1]["standards"][0]["key_questions"].append(
            {"id": question_id, "text": text, "evidence": "case-sample"})
    return change


def test_absent_questions_are_not_comparable_and_lined_up_in_order(framework_factory, registry):
    """Current order first (2.1.3 new), then questions only in the previous inspection (2.1.9 dropped)."""
    before = framework_factory(add_question("2.1.9", "An old question?"))
    after = framework_factory(add_question("2.1.3", "A new question?"))
    previous = result_document(evaluate(before, inspection(
        {"2.1.1": {"yes": 61, "of": 100}, "2.1.2": {"yes": 5, "of": 10}, "2.1.9": {"yes": 3, "of": 4}}), registry))
    current = result_document(evaluate(after, inspection(
        {"2.1.1": {"yes": 74, "of": 100}, "2.1.2": {"yes": 6, "of": 10}, "2.1.3": {"yes": 7, "of": 8}}), registry))
    comparison = compare_results(previous, current, Fraction(1, 10))
    assert [kq["id"] for kq in comparison["key_questions"]] == ["2.1.1", "2.1.2", "2.1.3", "2.1.9"]
    new, dropped = question(comparison, "2.1.3"), question(comparison, "2.1.9")
    assert new["previous"] is None and new["current"] == {"yes": 7, "of": 8, "percent": 88}
    assert dropped["current"] is None and dropped["standard"] == "2.1"
    for kq in (new, dropped):
        assert kq["significance"] == "not comparable"
        assert (kq["change_points"], kq["z"], kq["p_value"]) == (None, None, None)
    assert new["reason"] == "2.1.3 is not a key question in the previous inspection"
    assert dropped["reason"] == "2.1.9 is not a key question in the current inspection"


def test_standards_and_overall_are_lined_up(rate):
    """Each standard's previous and current rating and score, and the overall score and rating."""
    previous = rate({"2.1.1": {"yes": 61, "of": 100}, "2.1.2": {"yes": 5, "of": 10}}, provider="P", fieldwork_start="2018-01-08")
    current = rate({"2.1.1": {"yes": 74, "of": 100}, "2.1.2": {"yes": 7, "of": 10}})
    comparison = compare_results(previous, current, Fraction(1, 10))
    assert comparison["previous"] == {"provider": "P", "fieldwork_start": "2018-01-08", "framework": "mini@1",
                                      "framework_status": "published"}
    assert comparison["current"] == {"provider": "P", "fieldwork_start": "2020-06-01", "framework": "mini@1",
                                     "framework_status": "published"}
    assert [s["id"] for s in comparison["standards"]] == ["1.1", "2.1"]
    assessment = comparison["standards"][1]
    assert assessment["previous"] == {"rating": "requires_improvement", "rating_label": "Requires improvement", "score": 1}
    assert assessment["current"] == {"rating": "good", "rating_label": "Good", "score": 2}
    assert assessment["score_change"] == 1
    assert comparison["overall"] == {
        "previous": {"score": 3, "max": 6, "rating": "requires_improvement", "rating_label": "Requires improvement"},
        "current": {"score": 4, "max": 6, "rating": "good", "rating_label": "Good"},
        "score_change": 1}


def test_comparison_is_plain_deterministic_json(rate):
    """The document goes through json.dumps as it is, and the same results always give the same bytes."""
    previous = rate({"2.1.1": {"yes": 50, "of": 85}, "2.1.2": {"percent": 48}})
    current = rate({"2.1.1": {"yes": 74, "of": 100}, "2.1.2": {"yes": 6, "of": 10}})
    first = to_json_text(compare_results(previous, current, Decimal("0.1")))
    again = to_json_text(compare_results(json.loads(json.dumps(previous)), json.loads(json.dumps(current)), Fraction(1, 10)))
    assert first == again
    assert json.loads(first)["significance_level"] == 0.1


def test_text_shows_ratings_changes_legend_and_unknowns(rate):
    """The table a person reads: ratings, signed changes, significance words, the test and level, and why unknown."""
    previous = rate({"2.1.1": {"yes": 61, "of": 100}, "2.1.2": {"yes": 5, "of": 10}})
    current = rate({"2.1.1": {"yes": 74, "of": 100}, "2.1.2": {"percent": 48}})
    text = render_compare_text(compare_results(previous, current, Fraction(1, 10)))
    assert "Requires improvement (1) -> Inadequate (0)" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("2.1.1"))
    assert row.split() == ["2.1.1", "61%", "74%", "+13", "significant"]
    row = next(line for line in text.splitlines() if line.strip().startswith("2.1.2"))
    assert row.split() == ["2.1.2", "50%", "48%", "-2", "unknown"]
    assert "two-proportion z-test, two-sided" in text and "p < 0.1" in text
    assert "significance unknown: 2.1.2 has only a published percentage in the current inspection" in text


def test_south_yorkshire_compared_with_itself(engine):
    """Every change is 0; every key question is not significant, except 4.2.2 and 4.2.3 (percent only): unknown."""
    evaluation = engine.evaluate_file(SOUTH_YORKSHIRE_2020)
    result = result_document(evaluation)
    level = significance_level_of(evaluation.framework)
    assert level == Fraction(1, 10)
    comparison = compare_results(result, result, level)
    assert len(comparison["key_questions"]) == 18
    assert all(kq["change_points"] == 0 for kq in comparison["key_questions"])
    unknown = [kq["id"] for kq in comparison["key_questions"] if kq["significance"] == "unknown"]
    assert unknown == ["4.2.2", "4.2.3"]
    assert all(kq["significance"] == "not significant" for kq in comparison["key_questions"] if kq["id"] not in unknown)
    assert all(s["score_change"] == 0 for s in comparison["standards"])
    assert comparison["overall"]["score_change"] == 0
    text = render_compare_text(comparison)
    assert "significance unknown: 4.2.2, 4.2.3 have only a published percentage in both inspections" in text


def test_no_comparison_rule_gives_unknown(framework_factory, registry):
    """Where the framework sets no significance level, changes are listed with significance 'unknown'."""
    from ratings_engine.rating.evaluate import evaluate
    from ratings_engine.reports.result import result_document

    from support import InspectionBuilder

    framework = framework_factory()
    builder = InspectionBuilder()
    before = result_document(evaluate(framework, builder.totals((61, 100), (5, 10)), registry))
    after = result_document(evaluate(framework, builder.totals((74, 100), (6, 10)), registry))
    comparison = compare_results(before, after, None)
    assert comparison["significance_level"] is None
    assert [kq["significance"] for kq in comparison["key_questions"]] == ["unknown", "unknown"]
    assert "not judged: the current framework sets no comparison rule." in render_compare_text(comparison)


def test_an_assumed_figure_has_no_significance():
    """A test on a placeholder would be a guess: the comparison says the figure is assumed."""
    from ratings_engine.api import Engine
    from ratings_engine.reports.result import result_document

    from support import EXAMPLES, ROOT
    engine = Engine()
    previous = result_document(engine.evaluate_file(EXAMPLES / "south-yorkshire-crc-2019.json"))
    current = result_document(engine.evaluate_file(ROOT / "docs" / "examples" / "assumed-placeholder.json"))
    comparison = compare_results(previous, current, Fraction(1, 10))
    entry = next(kq for kq in comparison["key_questions"] if kq["id"] == "4.2.2")
    assert entry["significance"] == "unknown"
    assert entry["reason"] == "4.2.2 has only an assumed figure, a placeholder, in the current inspection"
    assert entry["current"]["basis"] == "assumed" and "basis" not in entry["previous"]
    assert "4.2.2 has only an assumed figure" in render_compare_text(comparison)
