"""Built-in 'text' formats for every document but the result (whose 'text' is in output_formats).

Every built-in plugin module is imported on every command, so this one stays light: each format
imports its renderer (analysis_text, diff_text, listing_text) only when it renders. (Some renderers
name the document as the dict the engine builds; a format is handed it as a Mapping, hence the
type notes.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl


def _explanation(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.analysis_text import render_explanation

    return render_explanation(document)  # type: ignore[arg-type]


def _comparison(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.analysis_text import render_compare_text

    return render_compare_text(document)


def _framework_diff(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.diff_text import render_diff_text

    return render_diff_text(document)  # type: ignore[arg-type]


def _rerating(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.analysis_text import render_rerate_text

    return render_rerate_text(document)  # type: ignore[arg-type]


def _replay(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.analysis_text import render_replay_text

    return render_replay_text(document)  # type: ignore[arg-type]


def _stability(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.analysis_text import render_stability_text

    return render_stability_text(document)  # type: ignore[arg-type]


def _validation(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.listing_text import render_validation_text

    return render_validation_text(document)  # type: ignore[arg-type]


def _framework_list(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.listing_text import render_framework_list_text

    return render_framework_list_text(document)


def _plugin_list(document: Mapping[str, Any]) -> str:
    from ratings_engine.plugins.listing_text import render_plugin_list_text

    return render_plugin_list_text(document)


#: Each document, what its text is, and the function that renders it.
_TEXTS = (
    ('explanation', 'Paragraphs a person reads: why each standard was rated as it was.', _explanation),
    ('comparison', "A table a person reads: the two inspections' figures, the change and its significance.", _comparison),
    ('framework-diff', 'A briefing a person reads: what changed, in brief, then by kind of change.', _framework_diff),
    ('rerating', "The two versions' ratings side by side, with the causes of each difference.", _rerating),
    ('replay', "'reproduced', or each difference found, one to a line.", _replay),
    ('stability', 'The share of resamples giving each rating, per standard and overall.', _stability),
    ('validation', 'One line per file: valid, or invalid with how many problems.', _validation),
    ('framework-list', 'Each framework version with its status, effective dates, title and file.', _framework_list),
    ('plugin-list', 'Each plugin, where it comes from, and what it provides.', _plugin_list),
)


@hookimpl(trylast=True)
def ratings_output_formats():
    return [OutputFormat("text", description, render, (".txt",), document=document) for document, description, render in _TEXTS]
