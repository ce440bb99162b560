"""Text from data, made safe to show: on a terminal, in a text report, in Markdown and in a spreadsheet.

A provider name or a rationale is whatever the inspection file holds. Shown as it is, an escape
sequence would recolour or retitle the reader's terminal, a carriage return or line feed would start a
line of the data's choosing (a forged "Overall: Outstanding"), a right-to-left override would reverse
what follows, and in Markdown a `*` or a link would change the page. Every report and every message
passes data through the functions here, so that each of these is shown as what it is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: Characters that reorder text (bidirectional embeddings, overrides and isolates, and the marks).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Unicode categories shown escaped: controls (C0, C1, DEL), lone surrogates (a file name that was
#: not UTF-8), and the line and paragraph separators, which some readers take as a new line.
_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def _unsafe(char: str) -> bool:
    return char in _BIDI or unicodedata.category(char) in _CATEGORIES


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: Any) -> str:
    """TEXT as one line that shows every character: controls and bidi overrides as \\x1b, \\u202e.

    Everything else, letters of any script included, is left as it is.
    """
    text = str(text)
    if text.isprintable() and not any(char in _BIDI for char in text):
        return text  # the common case, at no cost
    return "".join(_escape(char) if _unsafe(char) else char for char in text)


def printable_data(value: Any) -> Any:
    """VALUE (a result, an explanation, any JSON-like data) with every string, key or value, made printable.

    For renderers of plain text: applied once to the document, it covers every field they show.
    """
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(k) if isinstance(k, str) else k: printable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(printable_data(item) for item in value)
    return value


# Anywhere: characters that start emphasis, code, a link, inline HTML or a table cell. An underscore
# inside a word (harm_factors) is left alone, as Markdown does not read it as emphasis there.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# At the start only: what makes a line a heading, a quotation, a list item or a heading's underline.
_MARKDOWN_LEADING = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)](?:\s|$)))")


def markdown_text(text: Any, *, line_start: bool = True) -> str:
    """TEXT as Markdown that shows as the text itself: specials escaped, controls shown as escapes.

    Meant for running text and table cells; a line break in the data is shown as \\n, not followed.
    Unless LINE_START is false (the caller puts words of its own before TEXT on the line), a leading
    mark that would make the line a heading, quotation or list item is escaped as well.
    """
    escaped = _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(0), printable(text))
    match = _MARKDOWN_LEADING.match(escaped) if line_start else None
    if match is None:
        return escaped
    if match.group(2)[0].isdigit():  # "1." would start a numbered list: escape the full stop
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return escaped[:match.start(2)] + "\\" + escaped[match.start(2):]


#: A spreadsheet reads a cell starting with one of these as a formula (or, for tab and CR, may).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """TEXT as a CSV cell a spreadsheet shows as text: printable, and never starting a formula.

    A cell from data that starts with = + - or @ is given a leading apostrophe, the convention
    spreadsheets themselves use for "this is text"; numbers are not text and are not changed.
    """
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return printable(text)
