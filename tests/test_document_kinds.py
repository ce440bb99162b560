"""Telling the engine's own documents apart from frameworks and inspections (io.document_kinds)."""

from __future__ import annotations

import json

from ratings_engine.io.document_kinds import FORMAT_KEYS, document_kind
from ratings_engine.io.schemas import load_schema, schema_names

from support import CRC_2019, SOUTH_YORKSHIRE_2020


def test_each_version_key_is_the_one_its_schema_requires():
    """Every key the recogniser goes by is required, as a constant, by the schema it names."""
    for key, name in FORMAT_KEYS.items():
        schema = load_schema(name)
        assert key in schema["required"] and "const" in schema["properties"][key], name


def test_every_document_schema_is_recognisable():
    """Every schema but the two inputs' names a document the recogniser can name."""
    told = {*FORMAT_KEYS.values(), "framework-outline", "framework-diff", "validation"}
    assert told == set(schema_names()) - {"framework", "inspection"}


def test_inputs_and_other_json_are_not_documents():
    """A framework, an inspection, an empty list and a bare value are left to the other checks."""
    for path in (CRC_2019, SOUTH_YORKSHIRE_2020):
        assert document_kind(json.loads(path.read_text("utf-8"))) is None
    assert [document_kind(v) for v in ([], [1], 3, "x", {"from": 1})] == [None] * 5


def test_shapes_without_a_version_key():
    """The diff by its from, to, metadata and summary; the outline by keys a framework file never has; validation as a list."""
    assert document_kind({"from": {}, "to": {}, "metadata": [], "summary": {}}) == "framework-diff"
    assert document_kind({"ref": "a@1", "rating_scale": [], "notice": None, "effective": {}, "domains": []}) == "framework-outline"
    assert document_kind([{"file": "f", "kind": "framework", "valid": True, "problems": []}]) == "validation"
    # Two version keys at once is no document the engine writes.
    assert document_kind({"result_format": 1, "impact_format": 1}) is None
