"""Built-in formats of the impact document (`ratings impact`): 'text', 'markdown', 'csv' and 'html'.

Its 'json' is json_formats'. Every built-in plugin module is imported on every command, so this one
stays light: each format imports its renderer (impact_text, impact_markdown, impact_csv,
impact_html) only when it renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl


def render_text(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.impact_text import render_impact_text

    return render_impact_text(document)


def render_markdown(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.impact_markdown import render_impact_markdown

    return render_impact_markdown(document)


def render_csv(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.impact_csv import render_impact_csv

    return render_impact_csv(document)


def render_html(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.impact_html import render_impact_html

    return render_impact_html(document)


@hookimpl(trylast=True)
def ratings_output_formats():
    return [
        OutputFormat("text", "A briefing: the transitions and share changes per standard and overall, the inspections most "
                     "affected with causes, what cannot be rated, and the sweep.", render_text, (".txt",), document="impact"),
        OutputFormat("markdown", "The same briefing in Markdown, for a briefing paper or a pull request.", render_markdown,
                     (".md", ".markdown"), document="impact"),
        OutputFormat("csv", "One CSV row per inspection and standard, then overall, and one per inspection not rated (RFC 4180).",
                     render_csv, (".csv",), document="impact"),
        OutputFormat("html", "The briefing as one self-contained page, with transition heatmaps and sweep charts.", render_html,
                     (".html", ".htm"), document="impact"),
    ]
