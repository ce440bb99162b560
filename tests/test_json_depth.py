"""The depth check on a file's bytes, and the count of object members made in the same pass, agree with a plain reading
of the JSON, wherever brackets, colons, quotes and escapes fall."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ratings_engine.io import json_depth

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def reference(text: str, max_depth: int) -> int | None:
    """The character offset of the first bracket deeper than MAX_DEPTH, found token by token."""
    level = 0
    for token in _TOKENS.finditer(text):
        if token.group() in "[{":
            level += 1
            if level > max_depth:
                return token.start()
        elif token.group() in "]}":
            level -= 1
    return None


_TEXT = st.text(alphabet='[]{}:"\\\u00e9\u20ac ab', max_size=6)
_VALUES = st.recursive(st.none() | st.integers() | _TEXT,
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=25)


@settings(max_examples=300)
@given(_VALUES, st.integers(min_value=0, max_value=6), st.sampled_from([1, 2, 3, 1 << 20]))
def test_the_first_too_deep_bracket_is_found(document, max_depth, piece):
    text = json.dumps(document, ensure_ascii=False)
    raw = text.encode("utf-8")
    json_depth._PIECE, saved = piece, json_depth._PIECE  # small pieces exercise strings cut between pieces
    try:
        found, _ = json_depth.too_deep_at_and_members(raw, max_depth)
    finally:
        json_depth._PIECE = saved
    expected = reference(text, max_depth)
    assert found == (None if expected is None else len(text[:expected].encode("utf-8")))


def test_what_a_file_cut_short_leaves_open():
    assert json_depth.unclosed(b'{"a": [1, {"b": "]}[", "c": [') == "{[{["
    assert json_depth.unclosed(b'{"a": 1}') == ""
    assert json_depth.unclosed(b'{"a": [1}') == ""  # brackets that do not pair up: nothing to say


def test_the_deepest_point():
    assert json_depth.deepest(b'[[1], [[2]], "[[[["]') == (3, 7)
    assert json_depth.deepest(b"1") == (0, None)


@settings(max_examples=500)
@given(st.binary(max_size=24).map(lambda data: bytes(b'"[]{}a'[byte % 6] for byte in data)))
def test_brackets_outside_strings_whether_or_not_a_string_holds_one(data):
    """Quotes that all come in adjacent pairs take the short way; any other text the full one; both agree."""
    outside = b"".join(token for token in re.findall(rb'"[^"]*"?|[\[\]{}]', data) if not token.startswith(b'"'))
    assert json_depth._brackets(data) == outside


@settings(max_examples=500)
@given(st.binary(max_size=24).map(lambda data: bytes(b'"[]{}:a'[byte % 7] for byte in data)), st.sampled_from([1, 2, 3, 5, 2048]))
def test_colons_and_brackets_outside_strings_in_pieces_of_any_size(data, piece):
    """Taken a piece at a time, cut anywhere (inside a string too), they are the same as taken at once."""
    outside = b"".join(token for token in re.findall(rb'"[^"]*"?|[\[\]{}:]', data) if not token.startswith(b'"'))
    json_depth._KEPT_PIECE, saved = piece, json_depth._KEPT_PIECE
    try:
        assert json_depth._structure(data) == outside
    finally:
        json_depth._KEPT_PIECE = saved


@settings(max_examples=300)
@given(_VALUES, st.integers(min_value=0, max_value=6))
def test_the_members_are_counted_in_the_same_pass_as_the_depth(document, max_depth):
    """Colons and escaped quotes in keys and values are not counted; the depth is the reference's."""
    text = json.dumps(document, ensure_ascii=False)
    members = sum(len(value) for value in _walk(document) if isinstance(value, dict))
    expected = reference(text, max_depth)
    depth = None if expected is None else len(text[:expected].encode("utf-8"))
    assert json_depth.too_deep_at_and_members(text.encode("utf-8"), max_depth) == (depth, members)


def _walk(value):
    yield value
    for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        yield from _walk(item)
