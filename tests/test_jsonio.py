"""Reading JSON: the cycle collector, paused while a document is parsed, is always left as it was."""

from __future__ import annotations

import gc
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratings_engine.errors import InvalidInputError
from ratings_engine.io.jsonio import parse_json


@pytest.fixture
def collector():
    was_enabled = gc.isenabled()
    yield
    (gc.enable if was_enabled else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("raw", [b'{"a": [1, 2, {"b": null}]}', b'{"a": 1, "a": 2}', b"[" * 5000, b'{"a": NaN}'])
def test_the_cycle_collector_is_left_as_it_was(collector, enabled, raw):
    (gc.enable if enabled else gc.disable)()
    try:
        parse_json(raw, "x.json")
    except InvalidInputError:
        pass
    assert gc.isenabled() is enabled


def test_the_collector_is_paused_only_while_parsing(collector, monkeypatch):
    """json.loads runs with it off; it is back on as soon as the parse is over."""
    import ratings_engine.io.jsonio as jsonio

    seen = []
    real = jsonio.json.loads
    monkeypatch.setattr(jsonio.json, "loads", lambda *a, **k: (seen.append(gc.isenabled()), real(*a, **k))[1])
    gc.enable()
    assert parse_json(b'{"a": 1}', "x.json") == {"a": 1}
    assert seen == [False] and gc.isenabled()


# Depth: checked on the bytes before the parser sees them, the same on every Python version.

def _problem(raw: bytes):
    with pytest.raises(InvalidInputError) as raised:
        parse_json(raw, "x.json")
    [found] = raised.value.problems
    return found


@pytest.mark.parametrize("depth", [65, 1_000, 5_000, 100_000])
def test_too_deep_is_refused_at_the_first_bracket_past_the_limit(depth):
    found = _problem(b'{"a":\n  ' + b"[" * depth + b"]" * depth + b"}")
    assert found.code == "too-deep" and "more than 64 levels deep" in found.message
    assert (found.line, found.column) == (2, 3 + 63)  # the object is level 1; its list's 64th bracket is level 65


def test_the_limit_itself_is_read():
    parse_json(b"[" * 64 + b"]" * 64, "x.json")
    assert _problem(b"[" * 65 + b"]" * 65).code == "too-deep"


def test_brackets_in_strings_are_not_nesting():
    """Brackets inside text, escaped quotes and escaped backslashes do not count as nesting."""
    text = '{"a": "' + "[" * 100 + '\\"' + "{" * 100 + '", "b": "\\\\", "c": [' + '"]]]"' + "]}"
    assert parse_json(text.encode(), "x.json")["b"] == "\\"


def test_too_deep_is_placed_in_characters_after_multibyte_text():
    found = _problem('{"é€": "ü", "b": '.encode() + b"[" * 70 + b"]" * 70 + b"}")
    assert (found.line, found.column) == (1, 18 + 63)  # 17 characters (23 bytes) before the first bracket


def test_the_recursion_limit_is_left_alone(monkeypatch):
    """The parser never lowers or raises the interpreter's recursion limit (it once did, and crashed at a raised one)."""
    import sys

    monkeypatch.setenv("RATINGS_MAX_DEPTH", "10000")
    calls = []
    monkeypatch.setattr(sys, "setrecursionlimit", calls.append)
    for depth in (100, 5_000, 9_999):
        try:
            parse_json(b"[" * depth + b"]" * depth, "x.json")
        except InvalidInputError as error:
            # Deeper than this Python's JSON reader goes (about 1,000 levels before 3.13): a located problem.
            [found] = error.problems
            assert found.code == "too-deep" and "more than Python's JSON reader can read" in found.message
            assert (found.line, found.column) == (1, depth)
    assert calls == []


# Numbers: bounded where they are read.

@pytest.mark.parametrize("number", [
    "1e-999999999", "1e999999999", "0E-999999999", "-1E-5000", "1E-31", "1e30", "1" + "0" * 30, "7" * 200_000,
    "0." + "1" * 200_000, "1.5e-30", "-" + "9" * 31, "0.0000000000000000000000000000001",
])
def test_numbers_out_of_range_are_refused_with_their_place(number):
    found = _problem(f'{{\n  "a": [1,\n    {number}]}}'.encode())
    assert found.code == "number-out-of-range" and found.pointer == "/a/1"
    assert (found.line, found.column) == (3, 5)
    assert len(found.message) < 300  # a long number is shortened in the message


@pytest.mark.parametrize(("number", "value"), [
    ("1E-30", Decimal("1E-30")), ("0.000000000000000000000000000001", Decimal("1E-30")),
    ("9" * 30, int("9" * 30)), ("-" + "9" * 30, -int("9" * 30)), ("7.1e1", Decimal("71")),
    ("64.99", Decimal("64.99")), ("1e29", Decimal("1e29")), ("0", 0), ("-0.0", Decimal("-0.0")),
])
def test_numbers_within_range_are_read_exactly(number, value):
    assert parse_json(f'{{"a": {number}}}'.encode(), "x.json") == {"a": value}


def test_every_number_out_of_range_is_reported_with_the_other_rejections():
    raw = b'{"a": 1e-999999999, "b": NaN, "c": 1, "c": 2, "d": 5}'
    codes = sorted((p.code, p.pointer) for p in pytest.raises(InvalidInputError, parse_json, raw, "x.json").value.problems)
    assert codes == [("duplicate-key", "/c"), ("json-syntax", "/b"), ("number-out-of-range", "/a")]


def test_problems_deep_inside_a_deep_document_are_placed(monkeypatch):
    """The scan that places problems has no recursion: at a raised RATINGS_MAX_DEPTH, a NaN under 500 levels has its line."""
    monkeypatch.setenv("RATINGS_MAX_DEPTH", "2000")
    found = _problem(b'{"a":\n' + b"[" * 500 + b"NaN" + b"]" * 500 + b"}")
    assert found.code == "json-syntax" and found.pointer == "/a" + "/0" * 500
    assert (found.line, found.column) == (2, 501)


# Repeated keys: found by counting each object's members against the colons outside strings.

def _repeated(raw: bytes) -> list[tuple[str, str, int | None, int | None]]:
    with pytest.raises(InvalidInputError) as raised:
        parse_json(raw, "x.json")
    return [(p.code, p.pointer, p.line, p.column) for p in raised.value.problems]


def test_a_key_repeated_three_levels_down_is_refused_at_its_place():
    assert _repeated(b'{"a": {"b": {"c": 1,\n "c": 2}}}') == [("duplicate-key", "/a/b/c", 2, 2)]


def test_a_key_repeated_in_an_object_in_a_list_is_refused():
    assert _repeated(b'[1, {"x": 1, "y": [], "x": {}}]') == [("duplicate-key", "/1/x", 1, 23)]


def test_colons_in_keys_and_values_are_not_members():
    raw = b'{"a:b": "c:d", "e": ":", "f": "[:]{", "": {":": "::"}}'
    assert parse_json(raw, "x.json") == {"a:b": "c:d", "e": ":", "f": "[:]{", "": {":": "::"}}
    assert _repeated(b'{"a:b": "c:d", "a:b": 1}') == [("duplicate-key", "/a:b", 1, 16)]


def test_an_escaped_quote_before_a_colon_is_inside_the_string():
    raw = b'{"a\\":": 1, "b": "\\":", "c\\\\": "\\\\\\":"}'
    assert parse_json(raw, "x.json") == {'a":': 1, "b": '":', "c\\": '\\":'}
    assert _repeated(b'{"a\\":": 1, "a\\":": "\\":"}')[0][:2] == ("duplicate-key", '/a":')


def test_a_repeated_key_comes_before_a_syntax_error_after_it():
    """As the parser meets them: an object is finished, and its keys checked, before the text after it is read."""
    assert _repeated(b'[{"a": 1, "a": 2}, x]') == [("duplicate-key", "/0/a", 1, 11)]
    assert _repeated(b'[{"a": 1, "a": 2}, NaN]') == [("duplicate-key", "/0/a", 1, 11), ("json-syntax", "/1", 1, 20)]


_CHARACTERS = st.text(alphabet=':"\\[]{}/\u00e9\u20ac\U0001f600 a', max_size=3)
#: A string as JSON text: escaped as json.dumps escapes it, with or without \u escapes for non-ASCII characters.
_STRING = st.builds(lambda text, ascii: json.dumps(text, ensure_ascii=ascii), _CHARACTERS, st.booleans())
_KEY = st.builds(lambda text, ascii: json.dumps(text, ensure_ascii=ascii), st.text(alphabet=':"\\[{a\u00e9', max_size=2), st.booleans())
_SEPARATOR = st.sampled_from([":", ": ", " :", "\n:\t"])


def _objects_and_arrays(inner):
    arrays = st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
    objects = st.lists(st.tuples(_KEY, _SEPARATOR, inner), max_size=4).map(
        lambda members: "{" + ",\n".join(key + separator + value for key, separator, value in members) + "}")
    return arrays | objects


#: JSON text written from pieces, so that an object may repeat a key at any depth.
_JSON_TEXT = st.recursive(st.sampled_from(["null", "true", "false", "0", "-7"]) | _STRING, _objects_and_arrays, max_leaves=20)


def _reference(text: str) -> tuple[object, bool]:
    """What json.loads reads from TEXT, and whether any object in it repeats a key."""
    repeated = False

    def pairs(members: list[tuple[str, object]]) -> dict:
        nonlocal repeated
        repeated |= len({key for key, _ in members}) != len(members)
        return dict(members)

    return json.loads(text, object_pairs_hook=pairs), repeated


@settings(max_examples=500)
@given(_JSON_TEXT)
def test_a_repeated_key_is_refused_exactly_when_there_is_one(text):
    document, repeated = _reference(text)
    raw = text.encode("utf-8")
    if repeated:
        problems = _repeated(raw)
        assert problems and {code for code, *_ in problems} == {"duplicate-key"}
    else:
        assert parse_json(raw, "x.json") == document
