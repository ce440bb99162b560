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


@pytest.mark.parametrize("name", ["framework", "inspection"])
def test_every_enum_value_explains_itself_to_editors(name):
    """Each value of every enum in the files people edit has its own words, in plain text and in Markdown.

    VS Code's JSON language service shows enumDescriptions (or markdownEnumDescriptions) beside each
    value; without them every value shows the whole property's description.
    """
    for path, node in _subschemas(load_schema(name)):
        if "enum" in node and "/if/" not in path:
            for key in ("enumDescriptions", "markdownEnumDescriptions"):
                words = node.get(key)
                assert isinstance(words, list) and len(words) == len(node["enum"]), f"{path} needs {key} for each value"
                assert all(isinstance(w, str) and w.strip() for w in words), f"{path}/{key} has an empty entry"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_a_described_default_is_a_default_keyword(name):
    """A description saying what a property defaults to comes with the `default` editors offer and show."""
    schema = load_schema(name)
    for path, node in _subschemas(schema):
        words = node.get("description")
        # "Defaults to the first one listed" names no value a keyword could hold.
        if isinstance(words, str) and "efaults to" in words and "first one listed" not in words:
            assert "default" in node, f"{path} says what it defaults to but has no default"
        if "default" in node:
            assert Draft202012Validator({**node, "$defs": schema.get("$defs", {})}).is_valid(node["default"]), path


def test_new_array_items_complete_as_a_skeleton():
    """A new band, standard, key question or prompt completes as a skeleton (defaultSnippets), not as {}."""
    schema = load_schema("framework")
    defs = schema["$defs"]
    for node in (defs["banding"]["properties"]["bands"]["items"], defs["standard"], defs["key_question"], defs["prompt"],
                 defs["domain"], defs["sub_sample"], defs["ratings"]["properties"]["scale"]["items"],
                 defs["overall"]["properties"]["bands"]["items"]):
        (snippet,) = node["defaultSnippets"]
        assert snippet["label"] and snippet["description"]
        assert set(node["required"]) <= set(snippet["body"])
