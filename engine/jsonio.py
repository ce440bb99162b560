"""Strict reading and atomic writing of JSON files.

Python's json module accepts NaN, Infinity and duplicate object keys; a rating must never rest on
any of them, so they are rejected here with the place they occur.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import limits
from .errors import InvalidInputError, Problem
from .jsonpos import line_column, locate


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

    Rejected, each with its place: bytes that are not UTF-8, syntax errors, duplicate keys, NaN and
    Infinity, unpaired surrogate escapes, and nesting too deep for the parser.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InvalidInputError([Problem(
            "encoding", "the file is not UTF-8 text: this byte cannot be read", file, line=line, column=column,
            hint="save the file as UTF-8")]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    depth = limits.current().max_depth
    try:
        with limits.nesting(depth), _cyclic_gc_paused():
            document = json.loads(
                text,
                object_pairs_hook=_object_without_duplicates,
                parse_constant=_reject_constant,
                parse_float=Decimal,
            )
    except json.JSONDecodeError as error:
        raise InvalidInputError([Problem(
            "json-syntax", f"invalid JSON: {error.msg}", file, line=error.lineno, column=error.colno)]) from None
    except _Rejected:
        raise InvalidInputError(_placed_rejections(text, file)) from None
    except ValueError as error:
        # Python refuses to read integers of thousands of digits; no rating needs one.
        raise InvalidInputError([Problem("json-syntax", f"a number in the file cannot be read: {error}", file,
                                         hint="give numbers of a sensible size", **_place(text, _long_number_at(text)))]) from None
    except RecursionError:
        raise InvalidInputError([Problem(
            "too-deep", f"the JSON is nested more than {depth} levels deep", file,
            hint="no framework or inspection needs this; if yours does, raise RATINGS_MAX_DEPTH",
            **_place(text, _too_deep_at(text, depth)))]) from None
    # A cheap search first: only a file with a surrogate escape needs its strings walked.
    if _SURROGATE_ESCAPE.search(text):
        problems = _surrogate_problems(document, text, file)
        if problems:
            raise InvalidInputError(problems)
    return document


#: A JSON string, matched whole so that what is inside it is not taken for structure or a number.
_STRING = r'"(?:[^"\\]|\\.)*"'
_STRINGS_AND_BRACKETS = re.compile(_STRING + r"|[\[\]{}]")


def _too_deep_at(text: str, depth: int) -> int | None:
    """The offset of the first bracket nested more than DEPTH levels deep."""
    level = 0
    for token in _STRINGS_AND_BRACKETS.finditer(text):
        if token.group() in "[{":
            level += 1
            if level > depth:
                return token.start()
        elif token.group() in "]}":
            level -= 1
    return None


def _long_number_at(text: str) -> int | None:
    """The offset of the first integer with more digits than Python reads (sys.get_int_max_str_digits)."""
    limit = sys.get_int_max_str_digits()
    if not limit:
        return None
    pattern = re.compile(_STRING + r"|-?\d{%d,}(?![\d.eE])" % (limit + 1))
    return next((m.start() for m in pattern.finditer(text) if not m.group().startswith('"')), None)


def _place(text: str, offset: int | None) -> dict[str, int]:
    """line= and column= (both from 1) of OFFSET in TEXT, or nothing where it is not known."""
    if offset is None:
        return {}
    line, column = line_column(text, offset)
    return {"line": line, "column": column}


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


def _placed_rejections(text: str, file: str) -> list[Problem]:
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
    return problems or [Problem("json-syntax", "invalid JSON", file)]


def _constant_at(text: str, offset: int) -> str:
    return "-Infinity" if text.startswith("-Infinity", offset) else "Infinity" if text.startswith("Infinity", offset) else "NaN"


def _walk(document: Any):
    """Every value in DOCUMENT with its pointer, without recursion."""
    stack = [(document, "")]
    while stack:
        value, where = stack.pop()
        yield value, where
        if isinstance(value, dict):
            stack.extend((item, f"{where}/{key.replace('~', '~0').replace('/', '~1')}") for key, item in value.items())
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


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, refusing one over the size limit before reading it."""
    limit = limits.current().max_file_bytes
    try:
        size = Path(path).stat().st_size
        if size > limit:
            raise InvalidInputError([Problem(
                "too-large", f"the file is {size / 1048576:.1f} MB, more than the limit of {limit / 1048576:.0f} MB", str(path),
                hint="if the file is genuine, raise RATINGS_MAX_FILE_MB")])
        return Path(path).read_bytes()
    except OSError as error:
        raise InvalidInputError([Problem("unreadable", f"cannot read the file: {error.strerror}", str(path))]) from None


def read_json(path: Path) -> tuple[Any, bytes]:
    """Read and parse a JSON file; returns the document and the exact bytes read."""
    raw = read_bytes(path)
    return parse_json(raw, str(path)), raw


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def to_json_text(document: Any) -> str:
    """The one way results are serialised, so that the same result is always the same bytes."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write text to path so that readers see the old file or the new one, never half of one."""
    import tempfile  # imported here: most commands write no file, and importing it adds about 10 ms to start-up

    path = Path(path)

    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        # mkstemp makes the file private; give it the permissions any new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
