"""How deeply a JSON text nests, found without parsing it and without recursion.

Python's JSON parser recurses once per level of nesting, so a document must be known to be within the
depth limit before the parser sees it; and the check must cost little on an inspection of 150 MB.
Everything is done on the file's bytes by C-speed byte operations: escapes are neutralised, every
byte but quotes and brackets is dropped, quoted text is dropped, and the depth is a running sum over
the brackets that remain. Multi-byte UTF-8 characters never contain a quote, bracket, colon or
backslash byte, so working on bytes is safe.

The same pass also counts the colons outside strings: in valid JSON each one separates a name from
its value, so their number is the number of object members the text writes (engine/io/jsonio.py
compares it with the members the parser kept, to know cheaply that no key was repeated).
"""

from __future__ import annotations

import re
from array import array
from itertools import accumulate

_QUOTE_AND_BRACKETS = b'"[]{}'
_ALL_BUT_QUOTE_AND_BRACKETS = bytes(b for b in range(256) if b not in _QUOTE_AND_BRACKETS)
_ALL_BUT_QUOTE_BRACKETS_AND_COLON = bytes(b for b in range(256) if b not in _QUOTE_AND_BRACKETS + b":")
#: Opening brackets count +1, closing ones -1 (0xff read as a signed byte).
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
#: What is left of a string once adjacent quotes are gone: the quotes around the kept bytes inside it.
_QUOTED = re.compile(rb'"[^"]*"?')
_QUOTE = ord('"')


def _neutralised(data: bytes) -> bytes:
    """DATA with its escaped backslashes and quotes replaced by harmless bytes of the same length."""
    if b"\\" not in data:
        return data
    # Left to right, as the parser reads them: '\\\\' is one escaped backslash, then '\\"' an escaped quote.
    return data.replace(b"\\\\", b"__").replace(b'\\"', b"__")


def _brackets(data: bytes) -> bytes:
    """The brackets of DATA (neutralised) that are not inside a string, in order."""
    return _outside_strings(data.translate(None, _ALL_BUT_QUOTE_AND_BRACKETS))[0]


#: The colons and brackets outside strings are found this many kept bytes at a time (some 12 KB of an inspection).
_KEPT_PIECE = 2048


def _structure(data: bytes) -> bytes:
    """The brackets and colons of DATA (neutralised) that are not inside a string, in order.

    Free text often holds a colon, and one string holding a kept byte sends all the bytes given to
    _outside_strings the long way, several times slower; so they are given a piece at a time, and the
    few pieces with such a string go the long way. Whether a piece starts inside a string follows from
    the count of quotes before it; if it does, the string's opening quote is put back in front of it.
    """
    kept = data.translate(None, _ALL_BUT_QUOTE_BRACKETS_AND_COLON)
    pieces, start, inside = [], 0, False
    while start < len(kept):
        end = start + _KEPT_PIECE
        # Cut after a run of quotes, not in it: a cut between a string's two adjacent quotes would send both pieces the long way.
        while end < len(kept) and kept[end] == _QUOTE:
            end += 1
        outside, quotes = _outside_strings(b'"' + kept[start:end] if inside else kept[start:end])
        pieces.append(outside)
        inside = quotes % 2 == 1
        start = end
    return b"".join(pieces)


def _outside_strings(kept: bytes) -> tuple[bytes, int]:
    """KEPT (quotes and a few other bytes of a neutralised text) without its strings, and its count of quotes.

    A string KEPT does not close is dropped to its end.
    """
    unquoted = kept.translate(None, b'"')
    quotes = len(kept) - len(unquoted)
    if 2 * kept.count(b'""') == quotes:
        # Every quote is next to its partner (pairs are counted left to right), so each string's two
        # quotes are adjacent and no string holds a kept byte: the usual file, without copying each pair out.
        return unquoted, quotes
    # Removing two adjacent quotes changes no byte's count of quotes before it by an odd number,
    # so whether it is inside a string is unchanged; nearly every string goes in this one pass.
    kept = kept.replace(b'""', b"")
    if b'"' in kept:
        kept = _QUOTED.sub(b"", kept)  # a string with a kept byte inside, or one the text never closes
    return kept, quotes


def too_deep_at_and_members(raw: bytes, max_depth: int) -> tuple[int | None, int]:
    """The byte offset in RAW of the first bracket nested more than MAX_DEPTH levels deep (or None), and
    the number of colons outside strings in RAW, from one pass.

    In valid JSON every colon outside a string separates an object member's name from its value, so
    the count is the number of members the text writes, repeated keys included: it equals the number
    of keys the parsed objects hold if and only if no object repeats a key. In text that is not valid
    JSON the count means nothing (the parser refuses such text anyway).
    """
    data = _neutralised(raw)
    structure = _structure(data)
    members = structure.count(b":")
    return _first_too_deep(data, structure.translate(_STEPS, b":"), max_depth), members


def _first_too_deep(data: bytes, steps: bytes, max_depth: int) -> int | None:
    """The byte offset in DATA (neutralised) of the first bracket deeper than MAX_DEPTH, or None.

    STEPS has a byte for each bracket outside strings in DATA: +1 for an opening one, -1 for a closing one.
    """
    signed = array("b", steps)
    if max(accumulate(signed), default=0) <= max_depth:
        return None
    index = next(i for i, depth in enumerate(accumulate(signed)) if depth > max_depth)
    return _offset_of_bracket(data, index)


def deepest(raw: bytes) -> tuple[int, int | None]:
    """How many levels deep RAW nests, and the byte offset of the first bracket at that depth."""
    data = _neutralised(raw)
    steps = array("b", _brackets(data).translate(_STEPS))
    depth = max(accumulate(steps), default=0)
    if depth <= 0:
        return 0, None
    return depth, _offset_of_bracket(data, next(i for i, level in enumerate(accumulate(steps)) if level == depth))


#: The offset of a bracket is searched for in pieces of this size, so that a refusal costs one pass.
_PIECE = 1 << 20


def _offset_of_bracket(data: bytes, index: int) -> int:
    """The byte offset of bracket number INDEX (from 0) outside strings in DATA (neutralised).

    Only run when a document is refused. The piece holding the bracket is found in one pass (whether
    a piece starts inside a string follows from the count of quotes before it), then the bracket
    within the piece by a binary search on its prefixes.
    """
    seen, inside = 0, False
    for start in range(0, len(data), _PIECE):
        piece = data[start:start + _PIECE]
        lead = b'"' if inside else b""
        found = len(_brackets(lead + piece))
        if seen + found > index:
            wanted, low, high = index - seen, 0, len(piece) - 1
            while low < high:
                middle = (low + high) // 2
                if len(_brackets(lead + piece[:middle + 1])) > wanted:
                    high = middle
                else:
                    low = middle + 1
            return start + low
        seen += found
        inside ^= piece.count(b'"') % 2 == 1
    raise ValueError(f"no bracket number {index}")


def unclosed(raw: bytes) -> str:
    """The brackets RAW opens and never closes, outermost first ('' if its brackets do not pair up)."""
    brackets = _brackets(_neutralised(raw))
    while True:
        paired = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if paired == brackets:
            break
        brackets = paired
    return "" if brackets.strip(b"[{") else brackets.decode("ascii")
