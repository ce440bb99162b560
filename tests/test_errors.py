"""The shared helpers of engine/errors.py that have behaviour of their own."""

from __future__ import annotations

import pytest

from ratings_engine.errors import pointer


@pytest.mark.parametrize("parts, expected", [
    ((), ""),
    (("standards", 0, "id"), "/standards/0/id"),
    (("a/b", "m~n"), "/a~1b/m~0n"),
    (("~1",), "/~01"),
])
def test_pointer_escapes_each_part(parts, expected):
    assert pointer(*parts) == expected
