"""Reading an inspection file (engine/rating/inspection.py): strict JSON, the limit on cases, then the schema."""

from __future__ import annotations

import json

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.rating.inspection import load_inspection, looks_like_framework

from support import CRC_2019, SOUTH_YORKSHIRE_2020, cases_inspection


def test_an_inspection_is_read_with_its_bytes():
    document, raw = load_inspection(SOUTH_YORKSHIRE_2020)
    assert raw == SOUTH_YORKSHIRE_2020.read_bytes() and document == json.loads(raw)


def test_a_sample_over_the_case_limit_is_refused_before_the_schema_is_checked(write_json, monkeypatch):
    """Too many cases is the one problem reported, at the sample, with the setting that raises the limit."""
    monkeypatch.setenv("RATINGS_MAX_CASES", "2")
    document = cases_inspection([("yes", "yes", True)] * 3)
    document["samples"]["cases"]["cases"][0]["stray"] = True  # a schema problem, not reached
    with pytest.raises(InvalidInputError) as raised:
        load_inspection(write_json("many.json", document))
    [problem] = raised.value.problems
    assert (problem.code, problem.pointer) == ("too-many-cases", "/samples/cases/cases")
    assert "3 cases, more than the limit of 2" in problem.message and "RATINGS_MAX_CASES" in problem.hint


def test_schema_problems_are_all_reported_and_placed(write_json):
    document = cases_inspection([("yes", "yes", True)])
    del document["provider"]
    document["samples"]["cases"]["cases"][0]["stray"] = True
    with pytest.raises(InvalidInputError) as raised:
        load_inspection(write_json("bad.json", document))
    assert len(raised.value.problems) == 2 and all(problem.line for problem in raised.value.problems)


def test_a_framework_is_told_apart_from_an_inspection():
    assert looks_like_framework(json.loads(CRC_2019.read_text("utf-8")))
    assert not looks_like_framework(json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8")))
    assert not looks_like_framework(["domains"])
