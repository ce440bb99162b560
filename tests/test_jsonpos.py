"""Where things are in a JSON text (engine/io/jsonpos.py): each pointer's line and column, and what json cannot place."""

from __future__ import annotations

from ratings_engine.io.jsonpos import line_column, locate

TEXT = '{\n  "a": [1,\n    {"b": "x"}],\n  "c": NaN, "a": 2, "d": 1e999999}'


def test_each_pointer_is_placed_at_its_line_and_column():
    positions = locate(TEXT)
    assert positions.of("") == (1, 1)
    assert positions.of("/a/1") == (3, 5)      # the object, where it starts
    assert positions.of("/a/1/b") == (3, 6)    # an object member, at its key


def test_a_pointer_not_in_the_text_is_placed_at_its_nearest_parent():
    assert locate(TEXT).of("/a/1/missing/0") == (3, 6 - 1)


def test_duplicates_constants_and_numbers_out_of_range_are_found_with_their_place():
    """What Python's json module accepts or cannot place: a second "a", NaN, and 1e999999."""
    positions = locate(TEXT)
    assert [(pointer, line_column(TEXT, offset)) for pointer, offset in positions.duplicates] == [("/a", (4, 13))]
    assert [(pointer, line_column(TEXT, offset)) for pointer, offset in positions.constants] == [("/c", (4, 8))]
    assert [pointer for pointer, _ in positions.numbers] == ["/d"]


def test_a_text_that_is_not_json_is_placed_as_far_as_it_goes():
    """Up to the fault, values are placed; what follows it is not (its pointer falls back to the whole text)."""
    positions = locate('{"a": [1, 2,, 3], "b": 4}')
    assert positions.of("/a/1") == (1, 11) and positions.of("/b") == (1, 1)
