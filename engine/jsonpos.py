"""Where things are in a JSON text: the line and column at which each JSON pointer starts.

Used only when there is something to report, so reading a valid file costs nothing extra. It also
finds what Python's json module cannot place: a duplicate key, or a NaN or Infinity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from json.decoder import scanstring

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")
_CONSTANTS = ("NaN", "Infinity", "-Infinity")


@dataclass
class Positions:
    """Offsets of every pointer in a JSON text (object members at their key), and what was found wrong."""

    text: str
    offsets: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    constants: list[tuple[str, int]] = field(default_factory=list)

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


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def locate(text: str) -> Positions:
    """Scan a JSON text (which need not be free of duplicate keys or NaN) for the positions of its values.

    A text that is not JSON at all is scanned as far as it can be; what follows is left unplaced.
    """
    positions = Positions(text)
    try:
        _value(text, _skip(text, 0), "", positions)
    except (IndexError, ValueError, RecursionError):
        pass
    return positions


def _skip(text: str, index: int) -> int:
    return _WHITESPACE.match(text, index).end()


def _value(text: str, index: int, path: str, positions: Positions) -> int:
    positions.offsets.setdefault(path, index)
    char = text[index]
    if char == "{":
        return _object(text, index + 1, path, positions)
    if char == "[":
        return _array(text, index + 1, path, positions)
    if char == '"':
        return scanstring(text, index + 1)[1]
    match = _SCALAR.match(text, index)
    if match is None:
        raise ValueError(index)
    if match.group() in _CONSTANTS:
        positions.constants.append((path, index))
    return match.end()


def _object(text: str, index: int, path: str, positions: Positions) -> int:
    seen: set[str] = set()
    index = _skip(text, index)
    if text[index] == "}":
        return index + 1
    while True:
        start = _skip(text, index)
        key, index = scanstring(text, start + 1)
        child = f"{path}/{_escape(key)}"
        if key in seen:
            positions.duplicates.append((child, start))
        else:
            positions.offsets[child] = start
        seen.add(key)
        index = _skip(text, index)
        if text[index] != ":":
            raise ValueError(index)
        index = _value(text, _skip(text, index + 1), child, positions)
        index = _skip(text, index)
        if text[index] == "}":
            return index + 1
        if text[index] != ",":
            raise ValueError(index)
        index += 1


def _array(text: str, index: int, path: str, positions: Positions) -> int:
    index = _skip(text, index)
    if text[index] == "]":
        return index + 1
    item = 0
    while True:
        index = _value(text, _skip(text, index), f"{path}/{item}", positions)
        item += 1
        index = _skip(text, index)
        if text[index] == "]":
            return index + 1
        if text[index] != ",":
            raise ValueError(index)
        index += 1
