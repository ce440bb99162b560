"""Area ratings (engine/rating/areas.py, and their place in the result document, engine/reports/areas.py):
an area rated on its banded score or on its lowest standard, and the overall rating made from the areas;
through evaluation, the result document, every format, explain and `frameworks show`.

Golden files: tests/golden/reports/youth-areas.* (regenerate with RATINGS_REGENERATE_GOLDEN=1).
"""

from __future__ import annotations

import json

import pytest
from test_report_formats import check_golden

from ratings_engine.analysis.explain import explain
from ratings_engine.io.schemas import schema_problems
from ratings_engine.model.load import framework_from_bytes
from ratings_engine.plugins.analysis_text import render_explanation
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import ROOT, minimal_framework

EXAMPLES = ROOT / "docs" / "examples"
FRAMEWORK = EXAMPLES / "youth-areas.framework.json"
INSPECTION = EXAMPLES / "youth-areas-inspection.json"
FORMATS = {"text": "txt", "markdown": "md", "html": "html", "csv": "csv", "csv-standards": "standards.csv"}
CASES = {"size": 10, "results": {"2.1.1": {"yes": 7, "of": 10}, "2.1.2": {"yes": 4, "of": 5}}}  # 70%, 80%: Good


def _bands(*bands: tuple[int, int, str]) -> list[dict]:
    return [{"from": start, "to": end, "rating": rating} for start, end, rating in bands]


def _with_areas(method: dict, overall_from_areas: bool = False, when_unrated: str | None = None) -> dict:
    """The minimal framework with one area holding both standards, rated by METHOD."""
    document = minimal_framework()
    document["areas"] = [{"id": "all", "title": "All the work", "standards": ["1.1", "2.1"], "rating": method}]
    if overall_from_areas:
        document["overall"]["from"] = "areas"
        document["overall"]["bands"] = _bands((0, 0, "inadequate"), (1, 1, "requires_improvement"), (2, 2, "good"), (3, 3, "outstanding"))
    if when_unrated:
        document["overall"]["when_unrated"] = when_unrated
    return document


def _rate(registry, document: dict, judged: str, **more):
    framework = framework_from_bytes(json.dumps(document).encode(), "mini.json", registry)
    inspection = {"provider": "P", "fieldwork_start": "2020-01-01", "framework": "mini@1",
                  "judgements": {"1.1": {"rating": judged, "rationale": "r"}}, "samples": {"cases": CASES}, **more}
    return result_document(evaluate(framework, inspection, registry))


BANDS = {"method": "sum-of-scores",
         "bands": _bands((0, 1, "inadequate"), (2, 3, "requires_improvement"), (4, 5, "good"), (6, 6, "outstanding"))}


@pytest.mark.parametrize(("judged", "rating"), [("inadequate", "requires_improvement"), ("good", "good"), ("outstanding", "good")])
def test_an_area_on_its_banded_score(registry, judged, rating):
    """2.1 is Good (2): with 1.1 at 0, 2 or 3 the area scores 2, 4 or 5 of 6."""
    area = _rate(registry, _with_areas(BANDS), judged)["areas"][0]
    assert area["rating"] == rating and area["max"] == 6


@pytest.mark.parametrize(("judged", "rating"), [("inadequate", "inadequate"), ("outstanding", "good")])
def test_an_area_on_its_lowest_standard(registry, judged, rating):
    area = _rate(registry, _with_areas({"method": "lowest-standard"}), judged)["areas"][0]
    assert area["rating"] == rating and area["total"] is None


def test_the_overall_rating_from_the_areas(registry):
    """One area, rated Good (2): the overall bands for one area at 3 give Good."""
    document = _rate(registry, _with_areas({"method": "lowest-standard"}, overall_from_areas=True), "outstanding")
    assert document["overall"]["from"] == "areas"
    assert (document["overall"]["score"], document["overall"]["max"], document["overall"]["rating"]) == (2, 3, "good")
    assert schema_problems(document, "result", None) == []


def test_an_area_with_a_standard_not_rated_is_scaled_under_scale_bands(registry):
    """2.1 not rated on purpose: 1.1 Good scores 2 of 3, scaled to 2 x 6 / 3 = 4 of 6, in the band 4-5."""
    document = _with_areas(BANDS, when_unrated="scale-bands")
    document["domains"][1]["may_go_unrated"] = {"when": "in small services"}
    result = _rate(registry, document, "good", not_rated={"2.1": {"reason": "small"}})
    area = result["areas"][0]
    assert (area["rating"], area["scaled_total"], area["unrated"]) == ("good", "4", ["2.1"])
    assert "scaled to 2 x 6 / 3 = 4 of 6" in area["explanation"]


def test_a_framework_without_areas_gives_none(engine):
    document = result_document(engine.evaluate_file(ROOT / "examples" / "south-yorkshire-crc-2020.json"))
    assert "areas" not in document and "from" not in document["overall"]


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_golden_formats(registry, engine, format_name):
    document = result_document(engine.evaluate_file(INSPECTION, str(FRAMEWORK)))
    assert schema_problems(document, "result", None) == []
    check_golden(f"youth-areas.{FORMATS[format_name]}", registry.output_formats[format_name].render(document))


def test_golden_explain(registry, engine):
    check_golden("youth-areas.explain.txt", render_explanation(explain(engine.evaluate_file(INSPECTION, str(FRAMEWORK)), registry)))


def test_frameworks_show_and_validate(runner):
    from ratings_engine.cli import cli
    valid = runner.invoke(cli, ["validate", "--frameworks-dir", str(EXAMPLES), str(FRAMEWORK), str(INSPECTION)])
    assert valid.exit_code == 0, valid.stdout + valid.stderr
    shown = runner.invoke(cli, ["frameworks", "show", str(FRAMEWORK)])
    assert "Area victims 'Work with victims' (2.2): it takes the lowest rating among its rated standards." in shown.stdout
    assert "The overall rating is made from the areas" in shown.stdout
    assert "The maximum score is 6: 2 areas at up to 3 each." in shown.stdout
