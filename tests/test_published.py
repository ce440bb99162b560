"""Published outcomes as inputs: a report's ratings standing in for figures, checked where both exist, and
never called computed in the result, explain, compare or any format.

The examples under docs/examples/ record South Yorkshire CRC 2020 from its published ratings page; the
bad files under tests/data/negative/inspections/published-*.json give each contradiction its located error.
"""

from __future__ import annotations

import copy
import json
import os

import pytest

from ratings_engine.analysis.compare import compare_results
from ratings_engine.analysis.explain import explain
from ratings_engine.api import Engine
from ratings_engine.errors import InvalidInputError
from ratings_engine.io.schemas import schema_problems
from ratings_engine.plugins.analysis_text import render_compare_text, render_explanation
from ratings_engine.reports.reasons import reasons
from ratings_engine.reports.result import result_document

from support import EXAMPLES, ROOT, SOUTH_YORKSHIRE_2020

DOCS_EXAMPLES = ROOT / "docs" / "examples"
RATINGS_ONLY = DOCS_EXAMPLES / "published-ratings-only.json"
CHECKED = DOCS_EXAMPLES / "published-ratings-checked.json"
CONTRADICTED = DOCS_EXAMPLES / "published-overall-contradicted.json"
GOLDEN = ROOT / "tests" / "golden" / "reports"
FORMATS = {"text": "txt", "markdown": "md", "html": "html", "csv": "key-questions.csv", "csv-standards": "standards.csv"}
SOURCE = "Ratings page (page 5) of the report published in April 2020"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="module")
def ratings_only(engine):
    """The result of South Yorkshire CRC 2020 recorded from its published ratings page alone."""
    return result_document(engine.evaluate_file(RATINGS_ONLY))


def check_golden(name: str, text: str) -> None:
    """TEXT must equal tests/golden/reports/NAME byte for byte; with RATINGS_REGENERATE_GOLDEN=1, write it first."""
    path = GOLDEN / name
    if os.environ.get("RATINGS_REGENERATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, f"{name} differs from its golden file"


def test_the_examples_are_valid_inspections():
    for path in (RATINGS_ONLY, CHECKED, CONTRADICTED):
        assert schema_problems(json.loads(path.read_text("utf-8")), "inspection", str(path)) == [], path.name


def test_published_ratings_alone_give_the_published_overall(ratings_only):
    """Only the ratings page: every standard is its published rating, and the total is the published 20/30 Good."""
    overall = ratings_only["overall"]
    assert (overall["score"], overall["max"], overall["rating"]) == (20, 30, "good")
    assert overall["published"] == {"source": SOURCE, "score": 20, "rating": "good", "rating_label": "Good",
                                    "standards": [s["id"] for s in ratings_only["standards"]]}
    for standard in ratings_only["standards"]:
        assert standard["published"] == {"rating": standard["rating"], "rating_label": standard["rating_label"],
                                         "score": standard["score"], "source": SOURCE, "stands_in": True}
        assert standard["key_questions"] == [] and standard["indicative_rating"] is None
        assert [r.kind for r in reasons(standard, ratings_only)] == ["published"]
    assert schema_problems(ratings_only, "result", "result") == []


def test_published_ratings_checked_against_the_figures_agree(engine):
    """With the figures as well, every computed rating is checked against the published one and agrees."""
    document = result_document(engine.evaluate_file(CHECKED))
    for standard in document["standards"]:
        assert standard["published"]["stands_in"] is False
        assert standard["published"]["rating"] == standard["rating"]
        assert reasons(standard, document)[-1].kind == "published_agrees"
    assert document["overall"]["published"]["standards"] == []
    assert schema_problems(document, "result", "result") == []


def test_a_contradicting_published_overall_is_a_located_error(engine):
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(CONTRADICTED)
    [problem] = raised.value.problems
    assert (problem.code, problem.pointer) == ("published-contradiction", "/published/overall/score")
    assert "published overall score is 22, but the standards' scores add up to 20" in problem.message


def test_a_published_rating_stands_in_only_where_there_are_no_figures(engine, tmp_path):
    """Figures for 1.1 are given, so its published rating is checked; 2.1's sample is left out, so
    the published ratings of the four standards judged on it stand in."""
    inspection = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    del inspection["samples"]["case-supervision"], inspection["discretion"]
    ratings = {"2.1": "good", "2.2": "requires_improvement", "2.3": "requires_improvement", "2.4": "requires_improvement"}
    inspection["published"] = {"standards": {sid: {"rating": r, "source": "Ratings page"} for sid, r in ratings.items()}}
    inspection["published"]["standards"]["1.1"] = {"rating": "outstanding", "source": "Ratings page"}
    path = tmp_path / "inspection.json"
    path.write_text(json.dumps(inspection), encoding="utf-8")
    document = result_document(engine.evaluate_file(path))
    stands_in = {s["id"]: s["published"]["stands_in"] for s in document["standards"] if "published" in s}
    assert stands_in == {"1.1": False, "2.1": True, "2.2": True, "2.3": True, "2.4": True}
    assert (document["overall"]["score"], document["overall"]["rating"]) == (20, "good")
    assert document["overall"]["published"]["standards"] == ["2.1", "2.2", "2.3", "2.4"]


def test_discretion_on_a_standard_rated_as_published_is_a_problem(engine, tmp_path):
    inspection = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    del inspection["samples"]["case-supervision"]
    inspection["published"] = {"standards": {sid: {"rating": "good", "source": "Ratings page"} for sid in ("2.1", "2.2", "2.3", "2.4")}}
    path = tmp_path / "inspection.json"
    path.write_text(json.dumps(inspection), encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path)
    assert [(p.code, p.pointer) for p in raised.value.problems] == [("not-rated", "/discretion/2.1")]


def test_results_without_published_outcomes_have_no_published_keys(engine):
    document = result_document(engine.evaluate_file(EXAMPLES / "south-yorkshire-crc-2020.json"))
    assert "published" not in document["overall"]
    assert all("published" not in s for s in document["standards"])


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_says_published(engine, ratings_only, name):
    text = engine.registry.output_formats[name].render(ratings_only)
    check_golden(f"published-ratings-only.{FORMATS[name]}", text)
    if name != "csv":  # one row per key question: a standard rated as published has none
        assert "published" in text.lower() and SOURCE in text


def test_explain_says_published(engine):
    evaluation = engine.evaluate_file(RATINGS_ONLY)
    explanation = explain(evaluation, engine.registry)
    text = render_explanation(explanation)
    check_golden("published-ratings-only.explain.txt", text)
    assert "so its rating is the published one, not computed" in text
    assert "Published overall: score 20, Good" in explanation["overall"]["sentence"]
    assert explanation["overall"]["published"]["standards"][0] == "1.1"


def test_compare_marks_a_published_rating(engine, ratings_only):
    previous = result_document(engine.evaluate_file(EXAMPLES / "south-yorkshire-crc-2019.json"))
    comparison = compare_results(previous, ratings_only, None)
    standard = next(s for s in comparison["standards"] if s["id"] == "2.1")
    assert standard["current"]["published"] == {"source": SOURCE}
    assert "published" not in standard["previous"]
    assert comparison["key_questions"][0]["significance"] == "not comparable"
    assert comparison["overall"]["current"]["published"]["standards"][-1] == "4.2"
    assert "2.1 Assessment ......................... Requires improvement (1) -> Good (2, published)" in render_compare_text(comparison)
    assert "Overall: Requires improvement (14/30) -> Good (20/30, published)" in render_compare_text(comparison)


def test_a_published_overall_outside_the_band_of_its_score_is_reported(engine, tmp_path):
    inspection = json.loads(RATINGS_ONLY.read_text("utf-8"))
    contradicted = copy.deepcopy(inspection)
    contradicted["published"]["overall"] = {"rating": "requires_improvement", "source": "Foreword"}
    path = tmp_path / "inspection.json"
    path.write_text(json.dumps(contradicted), encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path)
    [problem] = raised.value.problems
    assert problem.pointer == "/published/overall/rating"
    assert "a score of 20 is in the band 16-25, which is Good" in problem.message


def test_re_rated_under_another_version_published_outcomes_are_carried_over_not_checked(engine):
    """Published under the inspection's own rules: under another version a contradiction is no error, and a
    published rating standing in for figures is carried over with a warning that says so."""
    checked = engine.evaluate_file(CHECKED, "hmip-crc@2018", allow_out_of_window=True, lenient=True)
    assert all(s.published is None for s in checked.standards) and checked.published_overall is None
    carried = engine.evaluate_file(RATINGS_ONLY, "hmip-crc@2018", allow_out_of_window=True, lenient=True)
    [warning] = [w for w in carried.warnings if w["code"] == "published-carried-over"]
    assert "standard(s) 1.1, 1.2" in warning["message"] and "not rated under hmip-crc@2018's rules" in warning["message"]
    assert carried.published_overall == {"source": None, "score": None, "rating": None,
                                         "standards": [s.standard.id for s in carried.standards]}


def test_the_published_overall_is_not_compared_with_an_incomplete_sum(engine, tmp_path):
    """A standard whose figures are incomplete is reported; the published overall is not then said to
    contradict a sum that lacks that standard's score."""
    inspection = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    for question in ("2.2.2", "2.2.3"):
        del inspection["samples"]["case-supervision"]["results"][question]
    inspection["published"] = {"standards": {"2.2": {"rating": "requires_improvement", "source": "Ratings page"}},
                               "overall": {"score": 20, "rating": "good", "source": "Ratings page"}}
    path = tmp_path / "inspection.json"
    path.write_text(json.dumps(inspection), encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path)
    assert {p.code for p in raised.value.problems} == {"missing-result"}


def test_a_published_rating_off_the_scale_is_one_problem_not_a_cascade(engine, tmp_path):
    """A wrong published rating where the figures are missing is reported once, at the rating, not also as a missing sample."""
    inspection = json.loads(RATINGS_ONLY.read_text("utf-8"))
    inspection["published"]["standards"]["2.1"]["rating"] = "excellent"
    path = tmp_path / "inspection.json"
    path.write_text(json.dumps(inspection), encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path)
    assert [(p.code, p.pointer) for p in raised.value.problems] == [("unknown-rating", "/published/standards/2.1/rating")]
