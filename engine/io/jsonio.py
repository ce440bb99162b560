"""Strict reading of JSON files (engine/io/writing.py writes files).

Python's json module accepts NaN, Infinity and duplicate object keys; a rating must never rest on
any of them, so they are rejected here with the place they occur.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypedDict

from ..errors import InvalidInputError, Problem, pointer
from . import json_numbers, limits
from .json_depth import deepest, too_deep_at_and_members
from .json_syntax import syntax_problem
from .jsonpos import line_column, locate
from .reading import decode, read_bytes  # noqa: F401 (read_bytes: the name callers use)

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class _Rejected(ValueError):
    """Raised from inside json.loads; the offending place is found afterwards with jsonpos."""


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _Rejected("duplicate")
    return document


def _reject_constant(name: str) -> Any:
    raise _Rejected(name)


def parse_json(raw: bytes, file: str) -> Any:
    """Parse JSON bytes strictly; numbers with a fraction become Decimal so nothing is rounded.

    Rejected, each with its place: bytes that are not UTF-8; nesting deeper than RATINGS_MAX_DEPTH,
    found on the bytes before the parser sees them (engine/io/json_depth.py), or deeper than the parser
    goes; syntax errors, in plain words (engine/io/json_syntax.py); duplicate keys; NaN and Infinity;
    numbers out of range (engine/io/json_numbers.py); unpaired surrogate escapes.
    """
    text = decode(raw, file)
    depth = limits.current().max_depth
    # Checked on the bytes before the parser sees them: the parser recurses once per level. The same
    # pass counts the members the text writes, to be compared with the members the parser keeps.
    too_deep, members = too_deep_at_and_members(raw, depth)
    if too_deep is not None:
        raise InvalidInputError([Problem(
            "too-deep", f"the JSON is nested more than {depth} levels deep", file,
            hint="no framework or inspection needs this; if yours does, raise RATINGS_MAX_DEPTH",
            **_place_byte(raw, too_deep))])
    try:
        with _cyclic_gc_paused():
            try:
                document = _parse_counting_members(text, members)
            except (ValueError, RecursionError):
                # A repeated key, or a refusal that a repeated key earlier in the text may come before: read
                # again checking each object's keys, which stops at whichever comes first, as it always did.
                document = _parse(text, object_pairs_hook=_object_without_duplicates)
    except json.JSONDecodeError as error:
        raise InvalidInputError([syntax_problem(text, error, file)]) from None
    except (_Rejected, json_numbers.NumberOutOfRange) as error:
        raise InvalidInputError(_placed_rejections(text, file, error)) from None
    except RecursionError:
        # Within RATINGS_MAX_DEPTH but deeper than this Python's reader goes (about 1,000 levels on some versions).
        levels, deepest_at = deepest(raw)
        raise InvalidInputError([Problem(
            "too-deep", f"the JSON is nested {levels} levels deep, more than Python's JSON reader can read", file,
            hint="no framework or inspection needs this; look for a generated or corrupted file",
            **_place_byte(raw, deepest_at))]) from None
    # Cheap searches first: only a file with a surrogate escape needs its strings walked, and most files have
    # no backslash at all, which a plain search rules out many times faster than the pattern does.
    if "\\" in text and _SURROGATE_ESCAPE.search(text):
        problems = _surrogate_problems(document, text, file)
        if problems:
            raise InvalidInputError(problems)
    return document


def _parse(text: str, **hook: Any) -> Any:
    """TEXT parsed with the strict readings of constants and numbers, and HOOK (object_hook= or object_pairs_hook=)."""
    return json.loads(
        text,
        parse_constant=_reject_constant,
        parse_float=json_numbers.read_float,
        parse_int=json_numbers.read_int,
        **hook,
    )


def _parse_counting_members(text: str, members: int) -> Any:
    """TEXT parsed, or _Rejected if an object in it repeats a key; MEMBERS is the number of its colons outside strings.

    Each repeat of a key leaves its object a member short, so the objects' members add up to MEMBERS
    exactly when no key is repeated. Counting them in an object hook costs a small part of what checking each
    object's pairs does (the parser then builds a list of pairs for every object).
    """
    sizes: list[int] = []

    def counted(found: dict) -> dict:
        sizes.append(len(found))
        return found

    document = _parse(text, object_hook=counted)
    if sum(sizes) != members:
        raise _Rejected("duplicate")
    return document


def _place(text: str, offset: int | None) -> dict[str, int]:
    """line= and column= (both from 1) of OFFSET in TEXT, or nothing where it is not known."""
    if offset is None:
        return {}
    line, column = line_column(text, offset)
    return {"line": line, "column": column}


class _Place(TypedDict, total=False):
    line: int
    column: int


def _place_byte(raw: bytes, offset: int | None) -> _Place:
    """line= and column= (both from 1, the column in characters) of byte OFFSET in RAW."""
    if offset is None:
        return {}
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", errors="replace").removeprefix("\ufeff")) + 1
    return {"line": raw.count(b"\n", 0, offset) + 1, "column": column}


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cycle collector while a document is parsed.

    Parsing makes millions of containers, none of them in a cycle (reference counting frees them),
    but each batch of new containers sets off a collection that walks the ones made before: on an
    inspection of 100,000 cases that was 40% of the parse. Cyclic garbage made meanwhile is
    collected once the collector is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _placed_rejections(text: str, file: str, error: ValueError) -> list[Problem]:
    """The problems json.loads stopped at (ERROR is the first), each at its place, found by a scan of TEXT."""
    positions = locate(text)
    problems = []
    for where, offset in positions.duplicates:
        line, column = positions.line_column(offset)
        problems.append(Problem(
            "duplicate-key", f"the key {where.rsplit('/', 1)[1]!r} appears twice in one object", file, where,
            line=line, column=column, hint="each key may appear once; JSON readers would silently keep only one of them"))
    for where, offset in positions.constants:
        line, column = positions.line_column(offset)
        name = _constant_at(text, offset)
        problems.append(Problem("json-syntax", f"{name} is not a number JSON allows", file, where,
                                line=line, column=column, hint="give a finite number"))
    for where, offset in positions.numbers:
        problems.append(_number_problem(json_numbers.number_at(text, offset), file, where, **_place(text, offset)))
    if problems:
        return problems
    if isinstance(error, json_numbers.NumberOutOfRange):
        return [_number_problem(str(error), file, "")]
    return [Problem("json-syntax", "this is not valid JSON", file, hint=f"the JSON reader says: {error}")]


def _number_problem(number: str, file: str, where: str, **place: int) -> Problem:
    return Problem("number-out-of-range", f"the number {json_numbers.shown(number)} is out of range: {json_numbers.BOUNDS}",
                   file, where, hint="no rating needs such a number: check the value", **place)


def _constant_at(text: str, offset: int) -> str:
    return "-Infinity" if text.startswith("-Infinity", offset) else "Infinity" if text.startswith("Infinity", offset) else "NaN"


def _walk(document: Any):
    """Every value in DOCUMENT with its pointer, without recursion."""
    stack = [(document, "")]
    while stack:
        value, where = stack.pop()
        yield value, where
        if isinstance(value, dict):
            stack.extend((item, where + pointer(key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, f"{where}/{index}") for index, item in enumerate(value))


def _surrogate_problems(document: Any, text: str, file: str) -> list[Problem]:
    problems = []
    for value, where in _walk(document):
        keys = list(value) if isinstance(value, dict) else []
        for string in [value, *keys]:
            if isinstance(string, str) and _has_surrogate(string):
                problems.append(_at(Problem("encoding", "the text contains a \\u escape for half a character (an unpaired surrogate)",
                                            file, where, hint="write the character itself, or both halves of its escape"), text))
                break
    return problems


def _has_surrogate(string: str) -> bool:
    try:
        string.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _at(problem: Problem, text: str) -> Problem:
    return with_lines([problem], text)[0]


def placed(error: InvalidInputError, file: str, raw: bytes) -> InvalidInputError:
    """ERROR with lines and columns added to the problems located in FILE, whose bytes are RAW."""
    mine = [p for p in error.problems if p.file == file and p.line is None]
    if not mine:
        return error
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = iter(with_lines(mine, text))
    return InvalidInputError([next(lines) if p.file == file and p.line is None else p for p in error.problems])


def with_lines(problems: list[Problem], text: str) -> list[Problem]:
    """PROBLEMS with the line and column where each one's pointer starts in TEXT, where not already known."""
    if all(p.line is not None for p in problems):
        return problems
    positions = locate(text)
    placed = []
    for problem in problems:
        if problem.line is None:
            found = positions.of(problem.pointer)
            if found is not None:
                problem = replace(problem, line=found[0], column=found[1])
        placed.append(problem)
    return placed


def read_json(path: Path) -> tuple[Any, bytes]:
    """Read and parse a JSON file; returns the document and the exact bytes read."""
    raw = read_bytes(path)
    return parse_json(raw, str(path)), raw


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def to_json_text(document: Any) -> str:
    """The one way results are serialised, so that the same result is always the same bytes."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
