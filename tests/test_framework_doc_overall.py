"""The framework document's overall rating: unchanged for a plain framework, and worded for the new constructs."""

from __future__ import annotations

from ratings_engine.reports.framework_doc import framework_outline

from support import ROOT


def test_a_plain_framework_is_worded_as_before(framework_factory, registry):
    overall = framework_outline(framework_factory(), registry)["overall"]
    assert overall["method_words"] == "The scores of all standards are added, with no weighting, and the total is banded."
    assert overall["maximum_words"] == "The maximum score is 6: 2 standards at up to 3 each."


def test_weights_standards_not_counted_and_the_unrated_rule(framework_factory, registry):
    def change(document: dict) -> None:
        document["domains"][0]["standards"][0]["counts_towards_overall"] = False
        document["domains"][1]["standards"][0]["weight"] = 2
        document["domains"][1]["may_go_unrated"] = {"when": "in small services"}
        document["overall"]["when_unrated"] = "scale-bands"

    outline = framework_outline(framework_factory(change), registry)
    assert outline["overall"]["maximum_words"].startswith(
        "The maximum score is 6: 1 standard counted, at up to 3 each (2.1 counts 2 times). Not counted towards the overall "
        "rating: 1.1. Where a standard that counts is not rated, the score s of the rated standards' maximum m is scaled")
    standards = [s for d in outline["domains"] for s in d["standards"]]
    assert standards[0]["counts_words"] == "rated and shown, but not counted towards the overall rating"
    assert (standards[1]["weight"], standards[1]["may_go_unrated_words"]) == (2, "allowed in small services")
    assert "areas" not in outline


def test_the_maximum_of_an_overall_made_from_areas_is_the_areas_maximum(registry):
    """Two areas at up to 3 each make 6, whatever the standards in them would add up to."""
    from ratings_engine.model.load import load_framework

    framework = load_framework(ROOT / "docs" / "examples" / "youth-areas.framework.json", registry)
    outline = framework_outline(framework, registry)
    assert framework.max_score == 6 and outline["overall"]["max_score"] == 6
    assert outline["overall"]["maximum_words"].startswith("The maximum score is 6: 2 areas at up to 3 each.")
