"""Limits on what the engine will read, so that a hostile or corrupted file is refused early.

Each has a default that a user can raise with an environment variable:

=====================  ===========================  =========
limit                  variable                     default
=====================  ===========================  =========
file size              RATINGS_MAX_FILE_MB          256 (MB)
JSON nesting depth     RATINGS_MAX_DEPTH            64
cases in one sample    RATINGS_MAX_CASES            1000000
=====================  ===========================  =========

A file over the size limit is refused before it is read; nesting is limited while parsing; the
number of cases is checked before the schema check walks them.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_depth: int
    max_cases: int


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        return default


def current() -> Limits:
    """The limits in force, from the environment or the defaults."""
    return Limits(
        max_file_bytes=_number("RATINGS_MAX_FILE_MB", 256) * 1024 * 1024,
        max_depth=_number("RATINGS_MAX_DEPTH", 64),
        max_cases=_number("RATINGS_MAX_CASES", 1_000_000),
    )


def _frames() -> int:
    frame, count = sys._getframe(), 0
    while frame is not None:
        frame, count = frame.f_back, count + 1
    return count


@contextmanager
def nesting(max_depth: int) -> Iterator[None]:
    """Parse within this block to have JSON nested deeper than MAX_DEPTH raise RecursionError.

    Python's JSON parser spends one level of the interpreter's recursion limit per level of nesting,
    so lowering the limit for the parse bounds the depth without walking the document afterwards.
    """
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(_frames() + max_depth + 8)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)
