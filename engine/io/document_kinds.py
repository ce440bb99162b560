"""Which of the engine's own documents a JSON file holds, so that `ratings validate` checks it against its schema.

Every document a command writes with --format json has a schema in schemas/, and most say what they
are with a version key of their own ('impact_format', 'result_format', ...). Two carry no such key and
are told by the keys their schemas require; the validation document is the one that is a list.
"""

from __future__ import annotations

from typing import Any

from ..errors import InvalidInputError, Problem
from .jsonio import placed
from .schemas import schema_problems

#: The version key each document carries, and the schema (schemas/NAME.schema.json) that describes it.
FORMAT_KEYS = {
    "comparison_format": "comparison",
    "explain_format": "explanation",
    "framework_list_format": "framework-list",
    "impact_format": "impact",
    "plugin_list_format": "plugin-list",
    "replay_format": "replay",
    "rerate_format": "rerating",
    "result_format": "result",
    "stability_format": "stability",
}

#: Keys only these documents have together (a framework file has 'domains' too, but never 'rating_scale').
_OUTLINE_KEYS = {"ref", "rating_scale", "notice", "effective"}
_DIFF_KEYS = {"from", "to", "metadata", "summary"}
_VALIDATION_KEYS = {"file", "kind", "valid", "problems"}


def document_kind(document: Any) -> str | None:
    """The schema name of the engine's document DOCUMENT is, or None for anything else (a framework, an inspection)."""
    if isinstance(document, list):
        first = document[0] if document else None
        return "validation" if isinstance(first, dict) and _VALIDATION_KEYS <= set(first) else None
    if not isinstance(document, dict):
        return None
    marked = [name for key, name in FORMAT_KEYS.items() if key in document]
    if len(marked) == 1:
        return marked[0]
    if _OUTLINE_KEYS <= set(document):
        return "framework-outline"
    if _DIFF_KEYS <= set(document):
        return "framework-diff"
    return None


def document_problems(document: Any, kind: str, file: str, raw: bytes) -> list[Problem]:
    """Every place where DOCUMENT, read from FILE as RAW, does not fit the schema of its KIND, each with its line."""
    problems = schema_problems(document, kind, file)
    return placed(InvalidInputError(problems), file, raw).problems if problems else []
