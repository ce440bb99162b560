"""The overall rating: standards not rated on purpose, standards not counted, weights, and the bands scaled
when standards are not rated; through evaluation, the result document, its reasons, every format and explain.

Golden files: tests/golden/reports/youth-overall-*.* pin each format's output and explain's text for the
example framework and inspections under docs/examples/ (regenerate with RATINGS_REGENERATE_GOLDEN=1).
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from test_report_formats import check_golden

from ratings_engine.analysis.explain import explain
from ratings_engine.errors import InvalidInputError
from ratings_engine.io.schemas import schema_problems
from ratings_engine.model.load import framework_from_bytes
from ratings_engine.plugins.analysis_text import render_explanation
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.overall_reasons import overall_reasons
from ratings_engine.reports.reasons import reasons
from ratings_engine.reports.result import result_document

from support import ROOT, minimal_framework

EXAMPLES = ROOT / "docs" / "examples"
FRAMEWORK = EXAMPLES / "youth-overall.framework.json"
INSPECTIONS = {"small-service": EXAMPLES / "youth-overall-small-service.json",
               "full-service": EXAMPLES / "youth-overall-full-service.json"}
FORMATS = {"text": "txt", "markdown": "md", "html": "html", "csv": "csv", "csv-standards": "standards.csv"}


def _judged(document: dict) -> dict:
    """The minimal framework with its case-sample standard 2.1 allowed to go unrated, and the bands scaled."""
    document["domains"][1]["may_go_unrated"] = {"when": "in small services"}
    document["overall"]["when_unrated"] = "scale-bands"
    return document


def _inspection(rating: str, **more) -> dict:
    return {"provider": "P", "fieldwork_start": "2020-01-01", "framework": "mini@1",
            "judgements": {"1.1": {"rating": rating, "rationale": "r"}}, "samples": {}, **more}


def _rate(registry, framework_document: dict, inspection: dict):
    framework = framework_from_bytes(json.dumps(framework_document).encode(), "mini.json", registry)
    return evaluate(framework, inspection, registry)


@pytest.mark.parametrize(("rating", "scaled", "overall"), [
    ("inadequate", "0", "inadequate"), ("requires_improvement", "2", "requires_improvement"),
    ("good", "4", "good"), ("outstanding", "6", "outstanding")])
def test_scaled_bands_take_a_band_from_its_lowest_score(registry, rating, scaled, overall):
    """With 2.1 not rated, 1.1's score s of 3 is s x 6 / 3 of the full 6, in the band whose 'from' it reaches."""
    evaluation = _rate(registry, _judged(minimal_framework()),
                       _inspection(rating, not_rated={"2.1": {"reason": "a small service"}}))
    document = result_document(evaluation)
    assert document["overall"]["rating"] == overall
    assert document["overall"]["when_unrated"]["scaled_score"] == scaled
    assert document["overall"]["when_unrated"]["unrated"] == ["2.1"]
    assert schema_problems(document, "result", None) == []


def test_a_scaled_score_between_bands_stays_in_the_lower_one(framework_factory):
    """15 1/2 is not yet 16: exact fractions decide, with no rounding."""
    framework = framework_factory()
    assert framework.overall_band(Fraction(7, 2)).rating == "requires_improvement"  # bands 2-3 and 4-5
    assert framework.overall_band(4).rating == "good"


def test_without_a_stated_rule_there_is_no_overall_rating(registry):
    """The default rule gives no overall rating, and says so, when a standard is not rated on purpose."""
    document = minimal_framework()
    document["domains"][1]["standards"][0]["may_go_unrated"] = {"when": "in small services"}
    result = result_document(_rate(registry, document, _inspection("good", not_rated={"2.1": {"reason": "small"}})))
    assert result["overall"]["rating"] is None
    assert result["overall"]["when_unrated"]["rule"] == "no-overall-rating"
    assert "there is no overall rating" in result["overall"]["when_unrated"]["explanation"]


def test_marking_a_standard_the_framework_does_not_allow_is_a_located_problem(registry):
    with pytest.raises(InvalidInputError) as raised:
        _rate(registry, minimal_framework(), _inspection("good", not_rated={"2.1": {"reason": "small"}}))
    problem = raised.value.problems[0]
    assert (problem.code, problem.pointer) == ("not-rated-not-allowed", "/not_rated/2.1")


def test_a_standard_marked_not_rated_has_no_judgement(registry):
    document = minimal_framework()
    document["domains"][0]["may_go_unrated"] = {"when": "in small services"}
    with pytest.raises(InvalidInputError) as raised:
        _rate(registry, document, _inspection("good", not_rated={"1.1": {"reason": "small"}}))
    assert ("not-rated", "/judgements/1.1") in [(p.code, p.pointer) for p in raised.value.problems]


@pytest.fixture
def small(engine) -> dict:
    return result_document(engine.evaluate_file(INSPECTIONS["small-service"], str(FRAMEWORK)))


@pytest.fixture
def full(engine) -> dict:
    return result_document(engine.evaluate_file(INSPECTIONS["full-service"], str(FRAMEWORK)))


def test_weights_and_standards_not_counted_make_the_score(full):
    """1.1 Good 2 + 1.2 RI 1 + 2.1 Good 2 x 2 + 3.1 RI 1 = 8 of 15; 4.1 (Outstanding) is not counted."""
    overall = full["overall"]
    assert (overall["score"], overall["max"], overall["rating"]) == (8, 15, "good")
    assert overall["weighted"] is True and overall["not_counted"] == ["4.1"]
    assert "when_unrated" not in overall
    standards = {s["id"]: s for s in full["standards"]}
    assert (standards["2.1"]["weight"], standards["2.1"]["weighted_score"]) == (2, 4)
    assert standards["4.1"]["counts_towards_overall"] is False and standards["4.1"]["rating"] == "outstanding"
    assert "counts_towards_overall" not in standards["1.1"]
    assert schema_problems(full, "result", None) == []


def test_a_small_service_is_rated_on_scaled_bands(small):
    """3.1 is not rated on purpose: 7 of 12 is 7 x 15 / 12 = 35/4 of 15, in the band 8-11: Good."""
    overall = small["overall"]
    assert (overall["score"], overall["max"], overall["rating"]) == (7, 12, "good")
    assert overall["when_unrated"]["scaled_score"] == "35/4" and overall["when_unrated"]["full_max"] == 15
    assert overall["band"] == {"from": 8, "to": 11}
    standard = next(s for s in small["standards"] if s["id"] == "3.1")
    assert standard["unrated_on_purpose"]["reason"] == "a small service: too little out-of-court work to rate"
    assert standard["key_questions"] == [] and standard["rating"] is None
    assert schema_problems(small, "result", None) == []
    assert not any(w["code"] == "overall-not-rated" for w in small["warnings"])


def test_not_rated_on_purpose_and_for_too_few_cases_are_told_apart(small):
    """The same standard without the on-purpose record reads as a rating method's 'not rated'."""
    standard = next(s for s in small["standards"] if s["id"] == "3.1")
    assert reasons(standard, small)[0].kind == "not_rated_on_purpose"
    too_few = {key: value for key, value in standard.items() if key != "unrated_on_purpose"}
    too_few["indicative_reason"] = "not rated: too few cases (3.1.1 counts 2)"
    first = reasons(too_few, small)[0]
    assert (first.kind, first.words) == ("not_rated", "Not rated: too few cases (3.1.1 counts 2)")


def test_overall_reasons_are_empty_for_a_plain_framework(engine):
    document = result_document(engine.evaluate_file(ROOT / "examples" / "south-yorkshire-crc-2020.json"))
    assert overall_reasons(document) == ()
    assert not {"weighted", "not_counted", "when_unrated"} & set(document["overall"])
    assert not {"weight", "weighted_score", "counts_towards_overall", "unrated_on_purpose"} & set(document["standards"][0])


@pytest.mark.parametrize("name", sorted(INSPECTIONS))
@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_golden_formats(registry, engine, name, format_name):
    document = result_document(engine.evaluate_file(INSPECTIONS[name], str(FRAMEWORK)))
    check_golden(f"youth-overall-{name}.{FORMATS[format_name]}", registry.output_formats[format_name].render(document))


@pytest.mark.parametrize("name", sorted(INSPECTIONS))
def test_golden_explain(registry, engine, name):
    explanation = explain(engine.evaluate_file(INSPECTIONS[name], str(FRAMEWORK)), registry)
    check_golden(f"youth-overall-{name}.explain.txt", render_explanation(explanation))


def test_every_format_says_what_is_not_counted_and_not_rated_on_purpose(registry, small):
    for format_name in ("text", "markdown", "html"):
        rendered = registry.output_formats[format_name].render(small)
        assert "Not counted towards the overall rating" in rendered, format_name
        assert "Not rated on purpose" in rendered or "not rated on purpose" in rendered, format_name
        assert "scale-bands" in rendered, format_name
    standards_csv = registry.output_formats["csv-standards"].render(small)
    assert "not_rated_reason,counts_towards_overall,weight,weighted_score,scaled_score" in standards_csv


def test_the_examples_validate(runner):
    """`ratings validate` accepts the example framework and both inspections rated under it."""
    from ratings_engine.cli import cli
    result = runner.invoke(cli, ["validate", "--frameworks-dir", str(EXAMPLES), str(FRAMEWORK), *map(str, INSPECTIONS.values())])
    assert result.exit_code == 0, result.output + result.stderr


def test_frameworks_show_words_the_overall_rule(runner):
    """The framework document names the weight, the standard not counted, going unrated, and the scaling rule."""
    from ratings_engine.cli import cli
    shown = runner.invoke(cli, ["frameworks", "show", str(FRAMEWORK)])
    assert shown.exit_code == 0, shown.stderr
    assert "  Weight: 2\n" in shown.stdout
    assert "Overall rating: rated and shown, but not counted towards the overall rating" in shown.stdout
    assert "Not rated on purpose: allowed in inspections of small services" in shown.stdout
    assert "The maximum score is 15: 4 standards counted, at up to 3 each (2.1 counts 2 times)." in shown.stdout
    assert "a band's lowest score is inclusive" in shown.stdout
