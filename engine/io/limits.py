"""Limits on what the engine will read, so that a hostile or corrupted file is refused early.

Each has a default that a user can change with an environment variable, to a whole number from 1
up to a ceiling:

=====================  ===========================  =========  ===========
limit                  variable                     default    ceiling
=====================  ===========================  =========  ===========
file size              RATINGS_MAX_FILE_MB          256 (MB)   100000
JSON nesting depth     RATINGS_MAX_DEPTH            64         10000
cases in one sample    RATINGS_MAX_CASES            1000000    1000000000
=====================  ===========================  =========  ===========

A file over the size limit is refused before it is read (and while it is read, should it grow);
nesting is checked before the parser sees the file; the number of cases is checked before the schema check walks them.

Any other value (a word, a fraction, a negative number, 0, or a number over the ceiling) is refused
with LimitSettingError, which the command line reports as a usage error: a mistyped limit must not
quietly become the default, nor a ceiling so high that the limit protects nothing. The ceiling on
depth is what the parser's depth check and the checks after it handle without exhausting the
interpreter's stack.
"""

from __future__ import annotations

import os
import re

from ..errors import LimitSettingError
from ..record_classes import record


@record
class Limits:
    """The limits in force: the largest file in bytes, the deepest nesting, the most cases in one sample."""

    max_file_bytes: int
    max_depth: int
    max_cases: int


#: Each variable: its default, its ceiling, and what its number counts.
SETTINGS = {
    "RATINGS_MAX_FILE_MB": (256, 100_000, "megabytes"),
    "RATINGS_MAX_DEPTH": (64, 10_000, "levels of nesting"),
    "RATINGS_MAX_CASES": (1_000_000, 1_000_000_000, "cases in one sample"),
}

_WHOLE_NUMBER = re.compile(r"[0-9]{1,12}")


def setting(name: str) -> int:
    """The value of limit variable NAME, or its default when unset or empty; LimitSettingError when not allowed."""
    default, ceiling, unit = SETTINGS[name]
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    number = int(value) if _WHOLE_NUMBER.fullmatch(value) else None
    if number is None or not 1 <= number <= ceiling:
        raise LimitSettingError(
            f"{name}={value!r} is not a limit the engine accepts: give a whole number of {unit} from 1 to {ceiling:,} "
            f"(the default is {default:,}), or unset it")
    return number


def current() -> Limits:
    """The limits in force, from the environment or the defaults; LimitSettingError names a bad setting."""
    return Limits(
        max_file_bytes=setting("RATINGS_MAX_FILE_MB") * 1024 * 1024,
        max_depth=setting("RATINGS_MAX_DEPTH"),
        max_cases=setting("RATINGS_MAX_CASES"),
    )
