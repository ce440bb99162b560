"""Explaining a rating (engine/analysis/explain.py): the data behind each sentence, for machines.

Distances to the bands above and below, discretion and moderation with their rationale, and points
where only a percentage is published; read from `ratings explain --format json`.
"""

from __future__ import annotations

import json
import os

from ratings_engine.cli import cli

from support import SOUTH_YORKSHIRE_2020


def test_explain_json_and_discretion_and_moderation(runner):
    """The JSON gives the same explanation for machines; discretion and moderation are explained with their rationale."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "--format", "json"])
    explanation = json.loads(result.stdout)
    by_id = {s["id"]: s for s in explanation["standards"]}
    assert len(by_id) == 10
    planning = {kq["id"]: kq for kq in by_id["2.2"]["key_questions"]}["2.2.3"]
    assert (planning["cases_to_band_above"], planning["standard_rating_then"], planning["cases_to_band_below"]) == (6, "good", 8)
    assert by_id["2.1"]["discretion"] == {"applies": True, "eligible": True, "near_boundary_rule": True, "one_case_rule": False,
                                          "exercised": True}
    assert any("footnote 29" in s for s in by_id["2.1"]["sentences"])
    assert any(s.startswith("Moderation: the ratings panel considered the qualitative evidence (4.1.3) and made no change.")
               for s in by_id["4.1"]["sentences"])
    assert by_id["4.2"]["discretion"]["eligible"] is None
    # Where only a percentage is published, distances are in points, not cases.
    assert "Distance to the band boundaries: 4.2.3 at 86% is 6 points above the 80% boundary." in by_id["4.2"]["sentences"]
    indicative = by_id["2.2"]["reasons"][0]
    assert (indicative["kind"], indicative["rating"], indicative["key_question"], indicative["text"]) == (
        "indicative", "requires_improvement", "2.2.3", "lowest key question 2.2.3 at 59% (50 of 85) is in the band 'Too few'")


def test_explain_says_assumed_where_a_figure_is_a_placeholder(engine):
    """An assumed percentage is never called published; the derived count's arithmetic is given."""
    from ratings_engine.analysis.explain import explain
    from ratings_engine.plugins.analysis_text import render_explanation

    from support import ROOT
    explanation = explain(engine.evaluate_file(ROOT / "docs" / "examples" / "assumed-placeholder.json"), engine.registry)
    through_the_gate = " ".join(next(s for s in explanation["standards"] if s["id"] == "4.2")["sentences"])
    assert "4.2.2 at 80% (assumed percentage)" in through_the_gate
    assert "Only an assumed percentage (a placeholder) is given for 4.2.2" in through_the_gate
    assert "4.2.2 at 80% (a published percentage" not in through_the_gate
    assessment = " ".join(next(s for s in explanation["standards"] if s["id"] == "2.1")["sentences"])
    assert "2.1.3's 57 of 85 is derived (85 cases with harm factors; 67% of them is 57 cases)" in assessment
    text = render_explanation(explanation)
    assert text.splitlines()[2].startswith("Note: this result rests on assumed figures"), "said before any rating"
    golden = ROOT / "tests" / "golden" / "reports" / "assumed-placeholder.explain.txt"
    if os.environ.get("RATINGS_REGENERATE_GOLDEN") == "1":
        golden.write_bytes(text.encode("utf-8"))
    assert golden.read_bytes().decode("utf-8") == text
