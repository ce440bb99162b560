"""Golden cases: published inspections in, published ratings out, for every framework version they name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ratings_engine.reports.result import result_document

from support import ROOT

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.expected.json"))


@pytest.fixture(params=GOLDEN, ids=[p.name.removesuffix(".expected.json") for p in GOLDEN])
def golden(request) -> dict:
    """One golden case: the expected ratings and where they were published."""
    return json.loads(request.param.read_text("utf-8"))


def test_golden_cases_exist():
    """At least the South Yorkshire 2020 inspection is a golden case."""
    assert any(p.name.startswith("south-yorkshire-crc-2020") for p in GOLDEN)


@pytest.mark.parametrize("chosen", ["explicitly", "by date"])
def test_golden_ratings(golden, engine, chosen, tmp_path):
    """Every standard's indicative and final rating, its key question percentages, and the overall result,
    under the version named explicitly and under the version in force on the fieldwork date."""
    path = ROOT / golden["inspection"]
    if chosen == "explicitly":
        evaluation = engine.evaluate_file(path, golden["framework"])
    else:
        undated = json.loads(path.read_text("utf-8"))
        undated["framework"] = golden["framework"].split("@")[0]  # the family only
        path = tmp_path / "inspection.json"
        path.write_text(json.dumps(undated), encoding="utf-8")
        evaluation = engine.evaluate_file(path)
    document = result_document(evaluation)
    assert f"{document['framework']['id']}@{document['framework']['version']}" == golden["framework"]
    standards = {s["id"]: s for s in document["standards"]}
    assert list(standards) == list(golden["standards"])
    for standard_id, expected in golden["standards"].items():
        actual = standards[standard_id]
        assert (standard_id, actual["indicative_rating"]) == (standard_id, expected["indicative"])
        assert (standard_id, actual["rating"]) == (standard_id, expected["rating"])
        if "percents" in expected:
            assert [kq["percent"] for kq in actual["key_questions"]] == expected["percents"], standard_id
        exercised = actual["discretion"]["exercised"]
        assert (exercised["to"] if exercised else None) == expected.get("discretion"), standard_id
        if "moderation" in expected:
            assert actual["moderation"]["recorded"] and not actual["moderation"]["changed"]
    overall = document["overall"]
    assert (overall["score"], overall["max"], overall["rating"]) == (
        golden["overall"]["score"], golden["overall"]["max"], golden["overall"]["rating"])
    # The score is the sum of the standards' scores, not a number carried through.
    assert overall["score"] == sum(s["score"] for s in document["standards"])


def test_south_yorkshire_reasons(engine):
    """The reasons the published report gives: 2.1 raised by discretion from 63%, 2.2 driven by 59% (50 of 85)."""
    document = result_document(engine.evaluate_file(ROOT / "examples/south-yorkshire-crc-2020.json"))
    standards = {s["id"]: s for s in document["standards"]}
    assessment = standards["2.1"]
    assert assessment["driving_key_question"] == "2.1.1"
    assert assessment["discretion"]["eligible"] is True
    assert assessment["discretion"]["within_points_of"] == ["65"]
    planning = standards["2.2"]
    assert planning["driving_key_question"] == "2.2.3"
    driving = planning["key_questions"][2]
    assert (driving["yes"], driving["of"], driving["excluded"], driving["sub_sample"]) == (50, 85, 15, "harm-factors")
    assert driving["percent_exact"] == "1000/17"
    assert planning["discretion"]["eligible"] is False
    through_the_gate = standards["4.2"]
    # 90% and 86% of 24 cases are not whole numbers of cases: only the percentages are known.
    assert [kq["of"] for kq in through_the_gate["key_questions"]] == [24, None, None]
    assert through_the_gate["discretion"]["eligible"] is None
