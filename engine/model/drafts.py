"""Starting a new framework version as a draft copy of an existing one."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import RatingsError
from ..io.reading import read_text
from .catalogue import PATH_ENV
from .framework import Framework

_REF = re.compile(r"^([a-z][a-z0-9-]*)@([A-Za-z0-9][A-Za-z0-9._-]*)$")


def split_ref(ref: str) -> tuple[str, str]:
    """ID and VERSION of 'ID@VERSION'."""
    match = _REF.match(ref)
    if match is None:
        raise RatingsError(f"{ref!r} is not ID@VERSION (for example hmip-crc@2020): lower-case id, '@', version")
    return match.group(1), match.group(2)


def draft_from(original: Framework, target: str, effective_from: str | None = None) -> dict[str, Any]:
    """The document of TARGET as a draft copy of ORIGINAL: same rules and sources, new identity and provenance."""
    family, version = split_ref(target)
    # Read the file's own text again, so that numbers and key order are kept exactly as written.
    if original.path is None:
        raise ValueError(f"{original.ref} was not read from a file, so there is no text to copy")
    document = json.loads(read_text(original.path))
    document["id"], document["version"], document["status"] = family, version, "draft"
    for key in ("effective_from", "effective_to", "effective_source"):
        document.pop(key, None)
    if effective_from is not None:
        try:
            date.fromisoformat(effective_from)
        except ValueError:
            raise RatingsError(f"--effective-from {effective_from!r} is not a date (YYYY-MM-DD)") from None
        document["effective_from"] = effective_from
    document["provenance"]["derived_from"] = original.ref
    document["provenance"]["notes"] = [
        f"Draft started from {original.ref} (its file's SHA-256 {original.sha256}). Every part still carries the source "
        "it had there: review each rule and its source, record what changed and why, set the effective dates, and "
        "set the status when it is published.",
    ]
    return _ordered(document)


def _ordered(document: dict[str, Any]) -> dict[str, Any]:
    # Keep the usual order of a framework file's header, so that a draft reads like the others.
    head = ["$schema", "id", "version", "title", "status", "effective_from", "effective_to", "effective_source", "description"]
    return {**{k: document[k] for k in head if k in document}, **{k: v for k, v in document.items() if k not in head}}


def draft_path(target: str, into: Path | None, frameworks_dirs: tuple) -> Path:
    """Where the draft of TARGET goes: INTO, else the first user framework folder, else ./frameworks."""
    family, version = split_ref(target)
    if into is None:
        user = [*frameworks_dirs, *(p for p in os.environ.get(PATH_ENV, "").split(os.pathsep) if p)]
        into = Path(user[0]) if user else Path("frameworks")
    return Path(into) / family / f"{version}.json"


def write_draft(original: Framework, target: str, path: Path, existing: list[Path], effective_from: str | None = None) -> dict[str, Any]:
    """Write TARGET, a draft copy of ORIGINAL, to PATH, and return its document. Never overwrites a file.

    EXISTING are the files that already hold TARGET on the search path: any of them refuses the
    draft, as does a file at PATH, even one that appears while the draft is written.
    """
    from ..errors import InvalidInputError, Problem
    from ..io.jsonio import to_json_text
    from ..io.writing import check, make_folder, shown, write_text

    document = draft_from(original, target, effective_from)
    if existing:
        raise InvalidInputError([Problem("output-exists", f"{target} already exists here; frameworks are never overwritten",
                                         shown(existing[0]), "/version", hint="choose another version")])
    if_exists = "the file already exists; frameworks are never overwritten"
    check(path, exclusive=True, if_exists=if_exists)
    make_folder(path.parent)
    write_text(path, to_json_text(document), exclusive=True, if_exists=if_exists)
    return document
