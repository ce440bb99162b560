"""What `ratings validate` finds in one file: what it is, every problem, and warnings that leave it valid.

A file is told apart as one of the engine's own documents (by its version key: see
io.document_kinds), a framework (it has domains) or an inspection, and checked as what it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError, Problem
from ..io.document_kinds import document_kind, document_problems
from ..io.jsonio import read_json
from ..model.drafts import draft_warnings
from ..model.load import framework_from_bytes
from ..rating.inspection import checked_inspection, kind_problem, looks_like_framework


@dataclass(frozen=True)
class FileCheck:
    """What check_file found in a file: its kind ('framework', 'inspection', a document's schema name, or
    'file' where it cannot be told), every problem, and warnings that leave it valid."""

    kind: str
    problems: list[Problem]
    warnings: list[str] = field(default_factory=list)


def check_file(engine: Any, path: str | Path, framework: str | None = None, *, allow_out_of_window: bool = False) -> FileCheck:
    """Check the file at PATH with ENGINE (api.Engine: its plugins, frameworks and evaluation).

    A document the commands write (a result, an impact, ...) is checked against its schema. A
    framework is loaded and checked in full, and a draft derived from a version ENGINE can find is
    warned about where its title or effective window is still that version's. An inspection is
    rated (under FRAMEWORK, else as ENGINE.evaluate_file chooses).
    """
    try:
        document, raw = read_json(Path(path))
    except InvalidInputError as error:
        return FileCheck("file", error.problems)
    kind = document_kind(document)
    if kind is not None:
        return FileCheck(kind, document_problems(document, kind, str(path), raw))
    # The bytes already read are checked as what they are, not read from the file again.
    if looks_like_framework(document):
        try:
            framework_from_bytes(raw, str(path), engine.registry)
        except InvalidInputError as error:
            return FileCheck("framework", error.problems)
        return FileCheck("framework", [], draft_warnings(document, Path(path), engine.framework))
    if not isinstance(document, dict) or "samples" not in document and "provider" not in document:
        return FileCheck("file", [kind_problem(str(path))])
    try:
        engine.evaluate_loaded(checked_inspection(document, raw, str(path)), raw, path, framework,
                               allow_out_of_window=allow_out_of_window)
    except InvalidInputError as error:  # its own problems, or a framework that cannot be chosen (see choose_framework)
        return FileCheck("inspection", error.problems)
    return FileCheck("inspection", [])
