"""Reading an inspection file: strict JSON, then the inspection schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InvalidInputError, Problem
from .jsonio import placed, read_json
from .schemas import schema_problems


def load_inspection(path: str | Path) -> tuple[dict[str, Any], bytes]:
    """The inspection document at PATH and its bytes; raises InvalidInputError listing every schema problem."""
    document, raw = read_json(Path(path))
    problems = schema_problems(document, "inspection", str(path))
    if problems:
        raise placed(InvalidInputError(problems), str(path), raw)
    return document, raw


def looks_like_framework(document: Any) -> bool:
    """Whether a document is meant as a framework (it has domains) rather than an inspection."""
    return isinstance(document, dict) and "domains" in document


def kind_problem(file: str) -> Problem:
    return Problem("unknown-kind", "this is neither a framework (it has no 'domains') nor an inspection (it has no 'samples')", file,
                   hint="a framework file has 'domains'; an inspection file has 'provider', 'fieldwork_start' and 'samples'")
