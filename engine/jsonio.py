"""Strict reading and atomic writing of JSON files.

Python's json module accepts NaN, Infinity and duplicate object keys; a rating must never rest on
any of them, so they are rejected here with the place they occur.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import InvalidInputError, Problem


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


class _BadConstant(ValueError):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _reject_constant(name: str) -> Any:
    raise _BadConstant(name)


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


def parse_json(raw: bytes, file: str) -> Any:
    """Parse JSON bytes strictly; numbers with a fraction become Decimal so nothing is rounded."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInputError([Problem(
            "encoding", f"the file is not UTF-8 text (byte {error.start} cannot be read)", file,
            hint="save the file as UTF-8")]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(
            text,
            object_pairs_hook=_object_without_duplicates,
            parse_constant=_reject_constant,
            parse_float=Decimal,
        )
    except json.JSONDecodeError as error:
        raise InvalidInputError([Problem(
            "json-syntax", f"invalid JSON: {error.msg}", file, line=error.lineno, column=error.colno)]) from None
    except _DuplicateKey as error:
        raise InvalidInputError([Problem(
            "duplicate-key", f"the key {error.key!r} appears twice in one object", file,
            line=_line_of(text, json.dumps(error.key)),
            hint="each key may appear once; JSON readers would silently keep only one of them")]) from None
    except _BadConstant as error:
        raise InvalidInputError([Problem(
            "json-syntax", f"{error.name} is not a number JSON allows", file,
            line=_line_of(text, error.name), hint="give a finite number")]) from None
    except RecursionError:
        raise InvalidInputError([Problem(
            "too-deep", "the JSON is nested too deeply to read", file)]) from None


def read_json(path: Path) -> tuple[Any, bytes]:
    """Read and parse a JSON file; returns the document and the exact bytes read."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InvalidInputError([Problem("unreadable", f"cannot read the file: {error.strerror}", str(path))]) from None
    return parse_json(raw, str(path)), raw


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def to_json_text(document: Any) -> str:
    """The one way results are serialised, so that the same result is always the same bytes."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write text to path so that readers see the old file or the new one, never half of one."""
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
