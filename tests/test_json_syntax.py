"""JSON syntax errors in plain words, at the mistake itself, on every supported Python version."""

from __future__ import annotations

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.io.jsonio import parse_json


def problem(text: str):
    with pytest.raises(InvalidInputError) as raised:
        parse_json(text.encode("utf-8"), "f.json")
    [found] = raised.value.problems
    assert found.code == "json-syntax"
    return found


@pytest.mark.parametrize(("text", "words", "line", "column"), [
    # A comma before a closing bracket is shown on the comma, not on the next line.
    ('{\n  "a": 1,\n}', "a comma before } is not allowed in JSON: remove it", 2, 9),
    ('{"a": [1, 2,\n  ]}', "a comma before ] is not allowed in JSON: remove it", 1, 12),
    ('{"a": 1 // note\n}', "JSON has no comments", 1, 9),
    ('{"a": /* note */ 1}', "JSON has no comments", 1, 7),
    ('{"a": 1,\n  // note\n  "b": 2}', "JSON has no comments", 2, 3),
    ("{\u201ca\u201d: 1}", "curly quotes: use straight double quotes", 1, 2),
    ('{"a": \u2018x\u2019}', "curly quotes: use straight double quotes", 1, 7),
    ("{'a': 1}", "single quotes are not JSON", 1, 2),
    # The missing comma goes right after the first item, where it belongs.
    ('{"a": 1\n "b": 2}', "missing comma between two items: put a comma here", 1, 8),
    ('[{"a": 1}\n {"b": 2}]', "missing comma between two items", 1, 10),
    ("{a: 1}", 'a key must be in double quotes: write "a"', 1, 2),
    ('{"rating": good}', 'text must be in double quotes: write "good"', 1, 12),
    ('{"a": True}', "True is Python, not JSON: write true", 1, 7),
    ('{"a": False}', "False is Python, not JSON: write false", 1, 7),
    ('[None]', "None is Python, not JSON: write null", 1, 2),
    ('{"a": {"b": [1\n', "the file ends before the JSON document does: ] } } missing at the end", 1, 15),
    ('{"a": ', "the file ends before the JSON document does", 1, 6),
    ("", "the file is empty", 1, 1),
    (" \n\t\n", "the file is empty", 1, 1),
    ('{"a": 1}\n}', "there is more after the end of the JSON document", 2, 1),
    ('{"a": 1} {"b": 2}', "there is more after the end of the JSON document", 1, 10),
    ('{"a": "never closed}', "this text is never closed", 1, 7),
    ('{"a": "line\nbreak"}', "this text is not closed before the end of the line", 1, 12),
    ('{"a" 1}', "a colon (:) is missing between a key and its value", 1, 6),
    ("[1,,2]", "a comma with no item before it", 1, 4),
    ('{"a": "\\q"}', "a backslash in text must start an escape", 1, 8),
    ('{"a": "\\u12"}', "\\u in text must be followed by four hexadecimal digits", 1, 9),
    ('{"a": 1]', "a comma, or a closing } or ], is missing here", 1, 8),
])
def test_mistakes_in_plain_words(text, words, line, column):
    found = problem(text)
    assert words in found.message
    assert (found.line, found.column) == (line, column)
    assert "Expecting" not in found.message and "delimiter" not in found.message


def test_many_open_brackets_are_counted_not_listed():
    found = problem('{"a": ' + "[" * 20 + "1")
    assert "21 closing brackets, the first of them ]" in found.message


def test_a_mistake_not_recognised_still_gets_words_and_the_readers_own():
    found = problem('{"a": -}')
    assert found.message.startswith("a value is missing here")


def test_text_before_a_syntax_error_may_hold_brackets_and_quotes():
    """Brackets and escaped quotes inside strings do not confuse the count of what is still open."""
    found = problem('{"a": "[[{\\"", "b": ["]"')
    assert "] } missing at the end" in found.message
