"""Built-in formats of the framework document (`ratings frameworks show`): 'text', 'markdown' and 'html'.

The words are built once, in the outline (schemas/framework-outline.schema.json); these only lay
them out. The renderers (framework_text, framework_html) are imported when a format renders, not
when the plugins load.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl


def render_text(outline: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.framework_text import render_text

    return render_text(outline)


def render_markdown(outline: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.framework_text import render_markdown

    return render_markdown(outline)


def render_html(outline: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.framework_html import render_html

    return render_html(outline)


@hookimpl(trylast=True)
def ratings_output_formats():
    return [
        OutputFormat("text", "A document to review: the structure, each rule in words, and where each part comes from.",
                     render_text, (".txt",), document="framework-outline"),
        OutputFormat("markdown", "The same document in Markdown, to paste or publish.", render_markdown, (".md", ".markdown"),
                     document="framework-outline"),
        OutputFormat("html", "The same document as one self-contained web page.", render_html, (".html", ".htm"),
                     document="framework-outline"),
    ]
