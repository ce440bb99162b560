"""The shared helpers of engine/errors.py that have behaviour of their own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratings_engine.errors import pointer, tokens


@pytest.mark.parametrize("parts, expected", [
    ((), ""),
    (("standards", 0, "id"), "/standards/0/id"),
    (("a/b", "m~n"), "/a~1b/m~0n"),
    (("~1",), "/~01"),
])
def test_pointer_escapes_each_part(parts, expected):
    assert pointer(*parts) == expected


@given(st.lists(st.text(alphabet="~/01a", max_size=5), max_size=4))
def test_tokens_undo_pointer(parts):
    assert tokens(pointer(*parts)) == parts


def test_tokens_unescape_as_the_rfc_says():
    assert tokens("") == []
    assert tokens("/a~1b/~01/0") == ["a/b", "~1", "0"]
