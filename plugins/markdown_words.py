"""The words of the 'markdown' output format: text from the result document made safe in Markdown,
percentages and counts as the report writes them, sentences and tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ratings_engine.io.safe_text import markdown_text
from ratings_engine.reports.result import number_words

#: Where a previous inspection is given but has no figure, as the published reports put it.
NO_COMPARABLE = "No comparable data available"


def text(value: Any) -> str:
    """Text from the document, safe in running Markdown and in a table cell: one line, shown as written.

    Line breaks and runs of spaces become one space; Markdown's specials (`|`, `*`, links, HTML...) and
    other control characters are escaped.
    """
    return markdown_text(" ".join(str(value).split()))


def sentence(words: str) -> str:
    """WORDS (already escaped) as a sentence: a capital first letter and a full stop."""
    if not words:
        return words
    words = words[0].upper() + words[1:]
    return words if words.endswith((".", "!", "?")) else words + "."


def percent(value: Any) -> str:
    return "no yes/no answers" if value is None else f"{number_words(value)}%"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table; cells must already be escaped (see text())."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"table row has {len(row)} cells, the header {len(header)}")
        lines.append(("| " + " | ".join(row) + " |").replace("|  |", "| |"))
    return lines


def counts(figures: Mapping[str, Any]) -> str:
    """' (yes of of)' where the document has both counts, else nothing; ' (assumed)' after an assumed figure."""
    assumed = " (assumed)" if figures.get("basis") == "assumed" else ""  # a placeholder is never taken for published
    if figures.get("yes") is None or figures.get("of") is None:
        return assumed
    return f" ({figures['yes']} of {figures['of']}){assumed}"
