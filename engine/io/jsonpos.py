"""Where things are in a JSON text: the line and column at which each JSON pointer starts.

Used only when there is something to report, so reading a valid file costs nothing extra. It also
finds what Python's json module cannot place: a duplicate key, a NaN or Infinity, or a number out of range.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field

# In json.decoder since Python 2.6 (the C scanner where built), though typeshed does not declare it.
from json.decoder import scanstring  # type: ignore[attr-defined]

from ..errors import pointer
from ..record_classes import record
from .json_numbers import text_out_of_range

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# The pattern matches (perhaps nothing) at any index, so this match is never None; typed so, as the
# walk below calls it at every value without a test.
_match_whitespace: Callable[[str, int], re.Match[str]] = _WHITESPACE.match  # type: ignore[assignment]
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")
_CONSTANTS = ("NaN", "Infinity", "-Infinity")


@record(frozen=False)
class Positions:
    """Offsets of every pointer in a JSON text (object members at their key), and what was found wrong."""

    text: str
    offsets: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    constants: list[tuple[str, int]] = field(default_factory=list)
    numbers: list[tuple[str, int]] = field(default_factory=list)

    def line_column(self, offset: int) -> tuple[int, int]:
        return line_column(self.text, offset)

    def of(self, pointer: str) -> tuple[int, int] | None:
        """Line and column where POINTER starts, or where its nearest existing parent does."""
        while True:
            if pointer in self.offsets:
                return self.line_column(self.offsets[pointer])
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The line and column (both from 1) of OFFSET in TEXT."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def locate(text: str) -> Positions:
    """Scan a JSON text (which need not be free of duplicate keys, NaN or huge numbers) for the positions of its values.

    A text that is not JSON at all is scanned as far as it can be; what follows is left unplaced.
    """
    positions = Positions(text)
    try:
        _scan(text, positions)
    except (IndexError, ValueError):
        pass
    return positions


def _skip(text: str, index: int) -> int:
    return _match_whitespace(text, index).end()


def _scan(text: str, positions: Positions) -> None:
    """Walk the text once, with a stack of the open objects and lists rather than recursion.

    A frame is [bracket, pointer, keys seen] for an object and [bracket, pointer, items so far] for a
    list, so that a document nested as deeply as RATINGS_MAX_DEPTH allows is placed like any other.
    """
    skip, offsets = _match_whitespace, positions.offsets
    stack: list[list] = []
    index, path = skip(text, 0).end(), ""
    while True:
        offsets.setdefault(path, index)
        char = text[index]
        if char == "{" or char == "[":
            inner = skip(text, index + 1).end()
            if text[inner] == ("}" if char == "{" else "]"):
                index = inner + 1
            elif char == "{":
                stack.append(["{", path, set()])
                index, path = _member(text, inner, stack[-1], positions)
                continue
            else:
                stack.append(["[", path, 0])
                index, path = inner, f"{path}/0"
                continue
        elif char == '"':
            index = scanstring(text, index + 1)[1]
        else:
            index = _scalar(text, index, path, positions)
        while stack:  # a value ended: close what ends with it, or go on to the next item
            frame = stack[-1]
            index = skip(text, index).end()
            if text[index] == ("}" if frame[0] == "{" else "]"):
                stack.pop()
                index += 1
                continue
            if text[index] != ",":
                raise ValueError(index)
            index = skip(text, index + 1).end()
            if frame[0] == "{":
                index, path = _member(text, index, frame, positions)
            else:
                frame[2] += 1
                path = f"{frame[1]}/{frame[2]}"
            break
        else:
            return


def _scalar(text: str, index: int, path: str, positions: Positions) -> int:
    """Read the number, true, false, null or constant at INDEX, noting a NaN or a number out of range."""
    match = _SCALAR.match(text, index)
    if match is None:
        raise ValueError(index)
    scalar = match.group()
    if scalar in _CONSTANTS:
        positions.constants.append((path, index))
    elif scalar[0] in "-0123456789" and (len(scalar) > 12 or "e" in scalar or "E" in scalar) and text_out_of_range(scalar):
        positions.numbers.append((path, index))
    return match.end()


def _member(text: str, start: int, frame: list, positions: Positions) -> tuple[int, str]:
    """Read the key of an object member at START: the offset of its value, and the value's pointer."""
    if text[start] != '"':
        raise ValueError(start)
    key, index = scanstring(text, start + 1)
    child = frame[1] + pointer(key)
    if key in frame[2]:
        positions.duplicates.append((child, start))
    else:
        positions.offsets[child] = start
    frame[2].add(key)
    index = _skip(text, index)
    if text[index] != ":":
        raise ValueError(index)
    return _skip(text, index + 1), child
