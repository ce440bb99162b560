"""Evaluation: the order of steps, from key questions to the overall rating, and a file rated twice.

Counting is tested in test_counting.py; properties that hold for any inspection in test_properties.py.
"""

from __future__ import annotations

import json

import pytest

from ratings_engine.io.jsonio import to_json_text
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import cases_inspection


@pytest.fixture
def mini(framework_factory):
    """The minimal framework, checked."""
    return framework_factory()


def run(framework, registry, document):
    return result_document(evaluate(framework, document, registry))


def test_overall_is_the_banded_sum_of_scores(mini, registry):
    """Good (2) for 1.1 plus Outstanding (3) for 2.1 is 5 of 6: Good."""
    result = run(mini, registry, cases_inspection([("yes", "yes", True)] * 5))
    assert [s["score"] for s in result["standards"]] == [2, 3]
    assert result["overall"] == {"score": 5, "max": 6, "rating": "good", "rating_label": "Good", "band": {"from": 4, "to": 5}}


def test_evaluating_a_file_twice_gives_identical_bytes(engine, registry):
    """The same inspection file gives byte-identical JSON, with its digest and no timestamps or ordering accidents
    (test_properties.py holds the same for generated inspections given in memory)."""
    from support import SOUTH_YORKSHIRE_2020

    first = to_json_text(result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2020)))
    second = to_json_text(result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2020)))
    assert first == second
    assert json.loads(first)["input"]["sha256"] is not None
