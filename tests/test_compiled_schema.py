"""The compiled schema check agrees with jsonschema, and only ever speeds up the happy path.

Its contract (engine/io/compiled_schema.py): True only where jsonschema finds no error, False only where
it finds one, Undecided where it cannot be sure. These tests hold it to that on every file the
project has, on fuzz mutants of them, and on generated schemas and values keyword by keyword.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from ratings_engine.errors import InvalidInputError
from ratings_engine.io import schemas
from ratings_engine.io.compiled_schema import NotCompilable, Undecided, compile_schema
from ratings_engine.io.jsonio import parse_json

import fuzzing

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("framework", "inspection", "result")


def verdict(check, document) -> bool | None:
    try:
        return check(document)
    except Undecided:
        return None


def jsonschema_valid(schema: dict, document) -> bool:
    return Draft202012Validator(schema, format_checker=FormatChecker()).is_valid(document)


def agree(schema: dict, document) -> None:
    said = verdict(compile_schema(schema), document)
    if said is not None:
        assert said == jsonschema_valid(schema, document), (schema, document)


@pytest.mark.parametrize("name", NAMES)
def test_every_bundled_schema_compiles(name):
    """So every file is checked on the fast path: a keyword the compiler lacks would silently slow it down."""
    assert callable(compile_schema(schemas.load_schema(name)))


def project_files() -> list[Path]:
    found = [*ROOT.glob("examples/*.json"), *ROOT.glob("frameworks/**/*.json"), *ROOT.glob("tests/golden/**/*.json"),
             *ROOT.glob("tests/data/**/*.json")]
    return sorted(path for path in found if path.name != "expected.json")


def test_agrees_with_jsonschema_on_every_file_in_the_project():
    checked = valid = 0
    for path in project_files():
        try:
            document = parse_json(path.read_bytes(), str(path))
        except InvalidInputError:
            continue
        for name in NAMES:
            schema = schemas.load_schema(name)
            said = verdict(compile_schema(schema), document)
            assert said is not None, f"{path} under the {name} schema: undecided"
            assert said == jsonschema_valid(schema, document), f"{path} under the {name} schema"
            checked += 1
            valid += said
    # The files include valid frameworks, inspections and results, and many invalid ones.
    assert checked > 100 and 10 < valid < checked


def test_agrees_with_jsonschema_on_fuzz_mutants():
    outcomes = {True: 0, False: 0}
    # Mutants with numbers out of range are refused before any schema sees them: enough are left to compare.
    for index in range(900):
        mutant = fuzzing.make_mutant(20261126, index)
        try:
            document = parse_json(mutant.data, "mutant.json")
        except InvalidInputError:
            continue
        schema = schemas.load_schema(mutant.base.role)
        said = verdict(compile_schema(schema), document)
        assert said is not None, fuzzing.replay_command(mutant)
        assert said == jsonschema_valid(schema, document), fuzzing.replay_command(mutant)
        outcomes[said] += 1
    assert outcomes[True] > 20 and outcomes[False] > 200


def test_a_valid_document_never_reaches_jsonschema(monkeypatch):
    def refuse(name):
        raise AssertionError("jsonschema was asked about a valid document")

    monkeypatch.setattr(schemas, "_validator", refuse)
    document = json.loads((ROOT / "examples" / "south-yorkshire-crc-2020.json").read_text("utf-8"))
    assert schemas.schema_problems(document, "inspection", "x.json") == []


def test_an_invalid_document_is_worded_by_jsonschema():
    document = json.loads((ROOT / "examples" / "south-yorkshire-crc-2020.json").read_text("utf-8"))
    document["fieldwork_start"] = "2020-02-30"
    [problem] = schemas.schema_problems(document, "inspection", "x.json")
    assert (problem.pointer, problem.message) == ("/fieldwork_start", '"2020-02-30" is not a valid date')


def test_undecided_falls_back_to_jsonschema():
    schema = {"type": "array", "uniqueItems": True}
    with pytest.raises(Undecided):
        compile_schema(schema)([[1], [2]])
    # A few scalars of mixed kinds are decided, as jsonschema decides them: 1 and 1.0 are equal, true and 1 are not.
    assert compile_schema(schema)(["2.1", 1.5, "2.3"]) is True
    assert compile_schema(schema)([1, 1.0]) is False
    assert compile_schema(schema)([True, 1, None]) is True
    # Through schema_problems the same question is answered by jsonschema, not refused.
    check = compile_schema({"type": "object", "properties": {"xs": schema}})
    with pytest.raises(Undecided):
        check({"xs": [{"a": 1}, {"a": 1}]})


@pytest.mark.parametrize("schema", [
    {"patternProperties": {"^x": True}},
    {"format": "email"},
    {"$ref": "https://example.org/schema"},
    {"$ref": "#/$defs/missing"},
    {"enum": [{"a": 1}]},
    {"type": "decimal"},
    {"unevaluatedProperties": False},
])
def test_refuses_what_it_does_not_implement(schema):
    with pytest.raises(NotCompilable):
        compile_schema(schema)


def test_a_schema_it_cannot_compile_is_checked_by_jsonschema_alone(monkeypatch):
    monkeypatch.setattr(schemas, "compile_schema", lambda schema: (_ for _ in ()).throw(NotCompilable("x")))
    schemas._compiled.cache_clear()
    try:
        document = json.loads((ROOT / "examples" / "south-yorkshire-crc-2020.json").read_text("utf-8"))
        assert schemas.schema_problems(document, "inspection", "x.json") == []
        document["provider"] = ""
        assert [p.pointer for p in schemas.schema_problems(document, "inspection", "x.json")] == ["/provider"]
    finally:
        schemas._compiled.cache_clear()


# --------------------------------------------------------------------------------------------------
# Keyword by keyword, against jsonschema, on generated schemas and values

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([0.0, 1.0, 1.5, -2.0, float("nan")]),
    st.sampled_from([Decimal("1.0"), Decimal("2.5"), Decimal("-1")]),
    st.sampled_from(["", "a", "b", "yes", "n/a", "2020-01-31", "2020-02-30", "2020-1-1", "１２３４-01-01", "a\n"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)), max_leaves=8)

leaf_schemas = st.one_of(
    st.sampled_from([True, False, {}]),
    st.builds(lambda t: {"type": t}, st.sampled_from(["object", "array", "string", "boolean", "null", "number", "integer"])),
    st.builds(lambda ts: {"type": ts},
              st.lists(st.sampled_from(["string", "boolean", "integer", "null"]), min_size=1, max_size=3, unique=True)),
    st.builds(lambda e: {"enum": e}, st.lists(st.sampled_from(["a", "yes", "n/a", 1, 0, True, False, None, 1.0]), min_size=1, max_size=4)),
    st.builds(lambda c: {"const": c}, st.sampled_from(["a", 1, True, False, None, 0, 1.5])),
    st.builds(lambda n: {"minLength": n}, st.integers(0, 2)),
    st.builds(lambda n: {"maxLength": n}, st.integers(0, 2)),
    st.sampled_from([{"pattern": "^[a-z]+$"}, {"pattern": "b"}, {"format": "date"},
                     {"pattern": r"^\d{4}-\d{2}-\d{2}$"}]),
    st.builds(lambda word, bound: {word: bound},
              st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]), st.sampled_from([0, 1, 1.5, -1])),
    st.builds(lambda n: {"minItems": n}, st.integers(0, 2)),
    st.builds(lambda n: {"maxItems": n}, st.integers(0, 2)),
    st.just({"uniqueItems": True}),
    st.builds(lambda r: {"required": r}, st.lists(st.sampled_from(["a", "b"]), max_size=2, unique=True)),
    st.just({"$ref": "#/$defs/answer"}),
)


def _combine(inner):
    return st.one_of(
        st.builds(lambda p, extra: {"properties": p, "additionalProperties": extra},
                  st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2), st.one_of(st.booleans(), inner)),
        st.builds(lambda extra: {"type": "object", "additionalProperties": extra}, inner),
        st.builds(lambda items: {"items": items}, inner),
        st.builds(lambda word, subs: {word: subs}, st.sampled_from(["allOf", "anyOf", "oneOf"]), st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda sub: {"not": sub}, inner),
        st.builds(lambda i, t, e: {"if": i, "then": t, "else": e}, inner, inner, inner),
        st.builds(lambda a, b: {**a, **b} if isinstance(a, dict) and isinstance(b, dict) else a, inner, inner),
    )


generated_schemas = st.recursive(leaf_schemas, _combine, max_leaves=6)


@settings(max_examples=400, deadline=None)
@given(generated_schemas, values)
def test_agrees_with_jsonschema_keyword_by_keyword(schema, value):
    if isinstance(schema, dict):
        schema = {**schema, "$defs": {"answer": {"enum": ["yes", "no", "n/a"]}}}
    agree(schema, value)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["2.1.1", "2.1.2", "2.2.1"]), values, max_size=3))
def test_a_map_of_answers_agrees_with_jsonschema(answers):
    """The fast path for objects whose values are each one of a few strings."""
    schema = {"type": "object", "additionalProperties": {"$ref": "#/$defs/answer"},
              "$defs": {"answer": {"enum": ["yes", "no", "n/a"]}}}
    agree(schema, answers)
    agree({**schema, "required": ["2.1.1"]}, answers)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["harm_factors", "children", "supervision"]), values, max_size=3),
       st.lists(st.sampled_from(["boolean", "string", "null", "object", "array"]), min_size=1, max_size=2, unique=True))
def test_a_map_of_typed_values_agrees_with_jsonschema(attributes, types):
    """The fast path for objects whose values need only be of some types (a case's attributes), and the type
    tested with the contents of an object or a string."""
    agree({"type": "object", "additionalProperties": {"type": types}}, attributes)
    agree({"type": "object", "properties": {"id": {"type": "string", "minLength": 1}}}, {"id": attributes.get("children")})
