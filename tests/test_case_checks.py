"""Meaning checks of pooled samples and question sets (engine/model/case_checks.py), through the framework loader."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.model.load import framework_from_bytes

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
REGION = json.loads((EXAMPLES / "example-region-framework.json").read_text("utf-8"))


def _problems(document: dict) -> list:
    try:
        framework_from_bytes(json.dumps(document).encode(), "f.json")
    except InvalidInputError as error:
        return error.problems
    return []


def test_the_example_region_passes():
    assert _problems(REGION) == []


def test_a_pooled_sample_no_standard_counts_on_is_a_problem():
    document = copy.deepcopy(REGION)
    document["samples"][1]["pooled"] = True  # unpaid work, counted by 2.4: still used
    document["samples"].append({"id": "spare", "label": "Spare", "pooled": True})
    [problem] = _problems(document)
    assert (problem.code, problem.pointer) == ("pooled-sample-unused", "/samples/2/pooled")


@pytest.mark.parametrize("pooled", [False, True])
def test_pooled_marks_the_model(pooled):
    document = copy.deepcopy(REGION)
    document["samples"][0]["pooled"] = pooled
    framework = framework_from_bytes(json.dumps(document).encode(), "f.json")
    assert framework.samples["pdu-cases"].pooled is pooled
    assert framework.samples["unpaid-work"].pooled is False
