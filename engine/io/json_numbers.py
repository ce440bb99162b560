"""The bounds on a number in a framework, inspection or result file.

A percentage, a count or a significance level needs a handful of digits. A number such as
1e-999999999 or one of 200,000 digits is still valid JSON, but turning it into an exact value takes
hours or cannot be written back out, so it is refused where it is read, with its place, before any
later step sees it. The bounds are far beyond any rating: the schemas cap counts at 100,000,000 and
percentages at 100.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: At most this many significant digits (30 digits is more than any count or percentage needs).
MAX_DIGITS = 30
#: At most this many digits after the decimal point, once any exponent is applied.
MAX_PLACES = 30
#: Every number is smaller in size than 10 to this power.
MAX_MAGNITUDE = 30

BOUNDS = (f"a number may have at most {MAX_DIGITS} significant digits and {MAX_PLACES} decimal places, "
          f"and must be smaller than 10^{MAX_MAGNITUDE}")


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


class NumberOutOfRange(ValueError):
    """A number outside the bounds; its text, shortened for a message, is the argument."""


def shown(text: str) -> str:
    """A number's text as a message quotes it: in full if short, else its start and its length."""
    return text if len(text) <= 24 else f"{text[:12]}... ({len(text):,} characters)"


def number_at(text: str, offset: int) -> str:
    """The JSON number written at OFFSET in TEXT."""
    match = _NUMBER.match(text, offset)
    return match.group() if match else text[offset:offset + 1]


def out_of_range(value: Decimal) -> bool:
    """Whether VALUE (a finite Decimal, as read from the file) is outside the bounds."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # 'n', 'N' or 'F': not a finite number, so no bound holds it
        return True
    return (len(digits) > MAX_DIGITS or exponent < -MAX_PLACES
            or len(digits) + exponent > MAX_MAGNITUDE)


def text_out_of_range(text: str) -> bool:
    """Whether a JSON number written as TEXT is outside the bounds (its length is checked first)."""
    if "." not in text and "e" not in text and "E" not in text:
        return len(text.lstrip("-")) > MAX_DIGITS
    try:
        return out_of_range(Decimal(text))
    except InvalidOperation:
        return True


def read_int(text: str) -> int:
    """The json module's parse_int: a whole number, refused before Python converts a long one."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise NumberOutOfRange(text)
    return int(text)


def read_float(text: str) -> Decimal:
    """The json module's parse_float: a Decimal, so that 64.99 stays 64.99, within the bounds."""
    value = Decimal(text)
    if out_of_range(value):
        raise NumberOutOfRange(text)
    return value


def float_exactly(value: Decimal) -> float:
    """VALUE as the float JSON writes with the same digits (67.5 as 67.5); ValueError if a float would change them.

    The reader keeps fractions as Decimal so that nothing is rounded; a document written back out
    (a draft, a swept variant) needs floats, and takes them only where they are the same number.
    """
    number = float(value)
    if Decimal(repr(number)) != value:
        raise ValueError(f"{value} has more digits than a framework file keeps exactly")
    return number
