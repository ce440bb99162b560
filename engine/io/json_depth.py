"""How deeply a JSON text nests, found without parsing it and without recursion.

Python's JSON parser recurses once per level of nesting, so a document must be known to be within the
depth limit before the parser sees it; and the check must cost little on an inspection of 150 MB.
Everything is done on the file's bytes by C-speed byte operations: escapes are neutralised, every
byte but quotes and brackets is dropped, quoted text is dropped, and the depth is a running sum over
the brackets that remain. Multi-byte UTF-8 characters never contain a quote, bracket or backslash
byte, so working on bytes is safe.
"""

from __future__ import annotations

import re
from array import array
from itertools import accumulate

_QUOTE_AND_BRACKETS = b'"[]{}'
_ALL_BUT_QUOTE_AND_BRACKETS = bytes(b for b in range(256) if b not in _QUOTE_AND_BRACKETS)
#: Opening brackets count +1, closing ones -1 (0xff read as a signed byte).
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
#: What is left of a string once adjacent quotes are gone: the quotes around brackets inside it.
_QUOTED = re.compile(rb'"[^"]*"?')


def _neutralised(data: bytes) -> bytes:
    """DATA with its escaped backslashes and quotes replaced by harmless bytes of the same length."""
    if b"\\" not in data:
        return data
    # Left to right, as the parser reads them: '\\\\' is one escaped backslash, then '\\"' an escaped quote.
    return data.replace(b"\\\\", b"__").replace(b'\\"', b"__")


def _brackets(data: bytes) -> bytes:
    """The brackets of DATA (neutralised) that are not inside a string, in order."""
    kept = data.translate(None, _ALL_BUT_QUOTE_AND_BRACKETS)
    if 2 * kept.count(b'""') == kept.count(b'"'):
        # Every quote is next to its partner (pairs are counted left to right), so each string's two
        # quotes are adjacent and no string holds a bracket: the usual file, without copying each pair out.
        return kept.translate(None, b'"')
    # Removing two adjacent quotes changes no bracket's count of quotes before it by an odd number,
    # so whether it is inside a string is unchanged; nearly every string goes in this one pass.
    kept = kept.replace(b'""', b"")
    if b'"' in kept:
        kept = _QUOTED.sub(b"", kept)  # a string with a bracket inside, or one the file never closes
    return kept


def too_deep_at(raw: bytes, max_depth: int) -> int | None:
    """The byte offset in RAW of the first bracket nested more than MAX_DEPTH levels deep, or None."""
    data = _neutralised(raw)
    steps = array("b", _brackets(data).translate(_STEPS))
    if max(accumulate(steps), default=0) <= max_depth:
        return None
    index = next(i for i, depth in enumerate(accumulate(steps)) if depth > max_depth)
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
