"""JSON syntax errors in the words of the person who made them, at the place they made them.

Python's JSON reader says what it expected ("Expecting property name enclosed in double quotes"), at
the place it noticed, which is often the line after the mistake. Policy staff editing a framework
by hand make a handful of mistakes again and again: a comma before a closing bracket, a comment,
quotes that a word processor curled, single quotes, a missing comma, a key without quotes, Python's
True/False/None, a file cut short. Each is recognised here and said plainly; anything else still
gets a sentence a person can act on.
"""

from __future__ import annotations

import json
import re

from ..errors import Problem
from .json_depth import unclosed
from .jsonpos import line_column

_CURLY_QUOTES = "\u201c\u201d\u2018\u2019"
_PYTHON_WORDS = re.compile(r"(True|False|None)(?![A-Za-z0-9_])")
_JSON_WORDS = {"True": "true", "False": "false", "None": "null"}
_BARE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_OPENS_A_VALUE = re.compile(r'["{\[\-0-9]|true|false|null')
_CLOSING = {"{": "}", "[": "]"}


def syntax_problem(text: str, error: json.JSONDecodeError, file: str) -> Problem:
    """The problem to report for ERROR, which the JSON reader raised on TEXT (the file FILE)."""
    message, offset, hint = _explained(text, error)
    line, column = line_column(text, offset)
    return Problem("json-syntax", message, file, line=line, column=column, hint=hint)


def _explained(text: str, error: json.JSONDecodeError) -> tuple[str, int, str | None]:
    """What went wrong, in plain words; the offset to show; and a hint (or None)."""
    at, said = error.pos, error.msg
    if not text.strip():
        return "the file is empty: a framework or inspection file is one JSON object, { ... }", 0, None
    here = text[at:at + 1]
    before = _previous(text, at)
    if text.startswith(("//", "/*"), at):
        return ("JSON has no comments: remove this comment", at,
                "keep notes in a text property the schema allows, or outside the file")
    if here and here in _CURLY_QUOTES:
        return ("curly quotes: use straight double quotes (\") around keys and text", at,
                "a word processor or e-mail may have curled them; edit JSON in a plain-text editor")
    if here == "'":
        return "single quotes are not JSON: put keys and text in double quotes (\")", at, None
    if here in ("}", "]") and before is not None and text[before] == ",":
        return f"a comma before {here} is not allowed in JSON: remove it", before, None
    if said.startswith("Illegal trailing comma"):  # Python 3.13 and later name it, at the comma
        closing = "}" if said.endswith("object") else "]"
        return f"a comma before {closing} is not allowed in JSON: remove it", at, None
    word = _PYTHON_WORDS.match(text, at)
    if word:
        return f"{word.group()} is Python, not JSON: write {_JSON_WORDS[word.group()]}", at, None
    if said.startswith("Unterminated string"):
        return "this text is never closed: a closing double quote (\") is missing", at, None
    if not text[at:].strip():
        return _ends_too_soon(text, before)
    if said == "Extra data":
        return ("there is more after the end of the JSON document: remove it, or check that the brackets "
                "before it pair up", at, "a file holds one JSON document")
    if said == "Expecting ',' delimiter" and _OPENS_A_VALUE.match(text, at):
        after = before + 1 if before is not None else at
        return "missing comma between two items: put a comma here", after, None
    bare = _BARE_WORD.match(text, at)
    if bare and said.startswith("Expecting property name"):
        return f"a key must be in double quotes: write \"{bare.group()}\"", at, None
    if bare and said == "Expecting value":
        return f"text must be in double quotes: write \"{bare.group()}\"", at, "true, false and null are the only bare words"
    return _in_general(said, here, at)


def _in_general(said: str, here: str, at: int) -> tuple[str, int, str | None]:
    """The message for a mistake not recognised above, by what the reader expected."""
    if here == "," and said in ("Expecting value", "Expecting property name enclosed in double quotes"):
        return "a comma with no item before it: remove it", at, None
    plain = {
        "Expecting value": "a value is missing here: a number, text in double quotes, true, false, null, { ... } or [ ... ]",
        "Expecting property name enclosed in double quotes": "a key in double quotes is expected here",
        "Expecting ',' delimiter": "a comma, or a closing } or ], is missing here",
        "Expecting ':' delimiter": "a colon (:) is missing between a key and its value",
        "Invalid \\escape": "a backslash in text must start an escape such as \\n or \\\"; write a backslash itself as \\\\",
        "Invalid \\uXXXX escape": "\\u in text must be followed by four hexadecimal digits",
    }
    for start, words in plain.items():
        if said.startswith(start):
            return words, at, None
    if said.startswith("Invalid control character") and here in ("\n", "\r"):
        return ("this text is not closed before the end of the line: a closing double quote (\") is missing "
                "(a line break inside text is written \\n)", at, None)
    if said.startswith("Invalid control character"):
        return ("text contains a line break, tab or other control character: write it as \\n or \\t, "
                "or close the text with a double quote (\")", at, None)
    return "this is not valid JSON", at, f"the JSON reader says: {said}"


def _ends_too_soon(text: str, last: int | None) -> tuple[str, int, str | None]:
    """The file stops inside the document: say which closing brackets it needs, after its last character."""
    end = last + 1 if last is not None else len(text)
    still_open = unclosed(text.encode("utf-8"))
    if still_open:
        needed = " ".join(_CLOSING[b] for b in reversed(still_open))
        if len(still_open) > 6:
            needed = f"{len(still_open)} closing brackets, the first of them {_CLOSING[still_open[-1]]}"
        return f"the file ends before the JSON document does: {needed} missing at the end", end, \
            "was the file cut short, or a closing bracket deleted?"
    return "the file ends before the JSON document does: a value is missing at the end", end, None


def _previous(text: str, at: int) -> int | None:
    """The offset of the last character before AT that is not white space, or None."""
    index = len(text[:at].rstrip(" \t\r\n")) - 1
    return index if index >= 0 else None
