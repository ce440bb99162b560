"""The impact documents the format tests are given (tests/impact_documents.py) are ones the schema describes."""

from __future__ import annotations

import pytest
from impact_documents import COMPARED, impact_document, schema
from jsonschema import Draft202012Validator


@pytest.mark.parametrize("sweep", [True, False], ids=["with a sweep", "without"])
def test_the_documents_fit_the_impact_schema(sweep):
    found = Draft202012Validator(schema()).iter_errors(impact_document(sweep))
    errors = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]
    assert errors == []


def test_the_counts_agree_with_each_other():
    document = impact_document()
    assert len(document["inspections"]) == document["counts"]["compared"] == COMPARED
    for entry in [*document["standards"], document["overall"]]:
        assert sum(t["count"] for t in entry["transitions"]) == COMPARED
        assert sum(s["baseline"] for s in entry["shares"]) == sum(s["draft"] for s in entry["shares"]) == COMPARED
    for entry in [*document["sweep"]["standards"], document["sweep"]["overall"]]:
        assert [sum(counts) for counts in zip(*(s["counts"] for s in entry["shares"]), strict=True)] == [COMPARED] * 4
    draft_at = document["sweep"]["values"].index(document["sweep"]["draft_value"])
    assert [s["counts"][draft_at] for s in document["sweep"]["overall"]["shares"]] == [s["draft"] for s in document["overall"]["shares"]]


def test_each_call_gives_a_fresh_document():
    first = impact_document()
    first["inspections"][0]["provider"] = "changed"
    assert impact_document()["inspections"][0]["provider"] == "Riverside CRC"
    assert impact_document(sweep=False)["sweep"] is None
