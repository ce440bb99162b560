"""The JSON Schemas: valid Draft 2020-12, closed, documented, and met by every shipped file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ratings_engine.io.jsonio import read_json
from ratings_engine.io.schemas import SCHEMA_NAMES, load_schema, schema_problems
from ratings_engine.reports.result import result_document

from support import EXAMPLES, FRAMEWORKS

FRAMEWORK_FILES = sorted(FRAMEWORKS.rglob("*.json"))
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def test_bundled_schemas_are_the_repository_schemas():
    """The schemas the engine loads are the ones in schemas/ (or installed copies of them)."""
    for name in SCHEMA_NAMES:
        repository = json.loads((Path(__file__).parent.parent / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert load_schema(name) == repository


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name):
    """Each schema is itself valid against the Draft 2020-12 metaschema and has an $id."""
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:ratings-engine:schema:")
    Draft202012Validator.check_schema(schema)


def _subschemas(node: Any, path: str = "#") -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _subschemas(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _subschemas(value, f"{path}/{index}")


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node and "description" not in node:
        target = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_objects_are_closed_and_properties_described(name):
    """Every object with properties rejects unknown ones, and every property has a description for editors."""
    schema = load_schema(name)
    for path, node in _subschemas(schema):
        # 'if' subschemas are conditions on an object described elsewhere, not objects of their own.
        if "properties" in node and isinstance(node["properties"], dict) and path.split("/")[-1] not in ("properties", "if"):
            assert node.get("additionalProperties") is False, f"{path} is not closed"
            for prop, sub in node["properties"].items():
                assert "description" in _resolve(schema, sub), f"{path}/properties/{prop} has no description"


@pytest.mark.parametrize("path", FRAMEWORK_FILES, ids=[str(p.relative_to(FRAMEWORKS)) for p in FRAMEWORK_FILES])
def test_every_framework_file_fits_the_schema(path):
    """Every shipped framework file fits the framework schema."""
    document, _ = read_json(path)
    assert schema_problems(document, "framework", str(path)) == []


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_fits_the_schema_and_its_result_too(path, engine):
    """Every example inspection fits the inspection schema, and its result fits the result schema."""
    document, _ = read_json(path)
    assert schema_problems(document, "inspection", str(path)) == []
    result = result_document(engine.evaluate_file(path))
    assert schema_problems(result, "result", "result") == []


def test_schema_messages_name_the_place_and_the_fix():
    """Schema problems are rewritten into words with the pointer of the place at fault."""
    problems = schema_problems({"provider": "P", "fieldwork_start": "2019-13-45", "samples": {}, "judgments": {}}, "inspection", "f.json")
    messages = {(p.pointer, p.message, p.hint) for p in problems}
    assert ("/fieldwork_start", '"2019-13-45" is not a valid date', "write dates as YYYY-MM-DD") in messages
    assert ("/judgments", "unexpected property 'judgments'", "did you mean judgements?") in messages
