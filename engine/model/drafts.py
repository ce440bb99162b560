"""Starting a new framework version as a draft copy of an existing one."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError, RatingsError
from ..io.reading import read_text
from .catalogue import PATH_ENV
from .framework import Framework, thaw

_REF = re.compile(r"^([a-z][a-z0-9-]*)@([A-Za-z0-9][A-Za-z0-9._-]*)$")


def split_ref(ref: str) -> tuple[str, str]:
    """ID and VERSION of 'ID@VERSION'."""
    match = _REF.match(ref)
    if match is None:
        raise RatingsError(f"{ref!r} is not ID@VERSION (for example hmip-crc@2020): lower-case id, '@', version")
    return match.group(1), match.group(2)


def draft_from(original: Framework, target: str, effective_from: str | None = None, schema: str | None = None) -> dict[str, Any]:
    """The document of TARGET as a draft copy of ORIGINAL: same rules and sources, new identity and provenance.

    SCHEMA, where given, replaces `$schema` (see schema_reference): the original's relative path
    need not resolve from where the draft is written. ORIGINAL's provenance notes are kept, after a
    first note saying where the draft came from.
    """
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
    if schema is not None:
        document["$schema"] = schema
    document["provenance"]["derived_from"] = original.ref
    document["provenance"]["notes"] = [
        f"Draft started from {original.ref} (its file's SHA-256 {original.sha256}). Every part still carries the source "
        "it had there: review each rule and its source, record what changed and why, set the effective dates, and "
        "set the status when it is published.",
        # How the rules were encoded still holds for the rules copied, so the reader keeps those notes.
        *document["provenance"].get("notes", []),
    ]
    return _ordered(document)


#: The parts of a framework's header that describe one version, not its rules: a draft copies them,
#: and they go on describing the version it came from until someone rewrites them.
DESCRIBING_THE_VERSION = ("title", "description", "effective_from", "effective_to", "effective_source", "caveats")


def _header(original: Framework) -> dict[str, Any]:
    """The parts of ORIGINAL's file that describe the version (DESCRIBING_THE_VERSION), as plain JSON, from the
    document it was loaded from; none for a version not read from a file."""
    if original.path is None:
        return {}
    return {key: thaw(original.document[key]) for key in DESCRIBING_THE_VERSION if key in original.document}


def still_as_in(original: Framework, draft: dict[str, Any]) -> list[str]:
    """The parts of DRAFT's header (DESCRIBING_THE_VERSION) that are still as ORIGINAL's file has them."""
    if original.path is None:
        return []
    before = _header(original)
    return [key for key in DESCRIBING_THE_VERSION if key in draft and draft[key] == before.get(key)]


def unchanged_from_source(original: Framework, document: dict[str, Any]) -> list[str]:
    """Warnings for a draft DOCUMENT whose title or effective window is still that of ORIGINAL, the version it was derived from.

    Both are copied by `ratings frameworks new` and easily left as they were; a draft published so
    would be listed, and chosen for inspections, as if it were the old version.
    """
    before = _header(original)
    warnings = []
    if "title" in document and document["title"] == before.get("title"):
        warnings.append(f"the title is unchanged from {original.ref}, the version this draft was derived from: {document['title']!r}")
    window = [document.get(key) for key in ("effective_from", "effective_to")]
    if window[0] is not None and window == [before.get(key) for key in ("effective_from", "effective_to")]:
        shown = f"from {window[0]}" + (f" to {window[1]}" if window[1] else "")
        warnings.append(f"the effective window is unchanged from {original.ref}, the version this draft was derived from: {shown}")
    return warnings


def draft_warnings(document: dict[str, Any], path: Path, find: Callable[[str], Framework]) -> list[str]:
    """What the valid draft DOCUMENT at PATH still has of the version its provenance.derived_from names.

    FIND looks that version up (Engine.framework); a version it cannot find or load gives no
    warning: validate checks the draft, not what it came from.
    """
    source = document.get("provenance", {}).get("derived_from")
    if document.get("status") != "draft" or not isinstance(source, str):
        return []
    try:
        original = find(source)
    except (RatingsError, InvalidInputError):
        return []
    if original.path is not None and Path(original.path).resolve() == Path(path).resolve():
        return []
    return unchanged_from_source(original, document)


#: Where a framework file's schema is, relative to the top of a checkout (or of any folder holding the
#: schemas `ratings schemas -o schemas/` wrote).
SCHEMA_IN_CHECKOUT = Path("schemas") / "framework.schema.json"


def schema_reference(folder: Path) -> tuple[str, str]:
    """What a framework file in FOLDER should give as `$schema`, and why, in words for the command's output.

    The relative path to the nearest schemas/framework.schema.json in FOLDER or a folder above it,
    which an editor opens from disk; else the schema's $id, which names it wherever it is but which
    an editor must be told how to find (docs/editing-frameworks.md, "Editor support").
    """
    from ..io.schemas import load_schema

    start = Path(os.path.abspath(folder))  # FOLDER may not exist yet; its parents are looked in all the same
    for above in (start, *start.parents):
        candidate = above / SCHEMA_IN_CHECKOUT
        if candidate.is_file():
            relative = Path(os.path.relpath(candidate, start)).as_posix()
            return relative, f"the path from the draft's folder to {candidate}"
    identifier = load_schema("framework")["$id"]
    return identifier, (f"the schema's $id, as no folder from {folder} up holds {SCHEMA_IN_CHECKOUT.as_posix()}; "
                        "`ratings schemas -o DIR/schemas` writes one there for an editor to open")


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


def write_draft(original: Framework, target: str, path: Path, existing: list[Path], effective_from: str | None = None,
                schema: str | None = None) -> dict[str, Any]:
    """Write TARGET, a draft copy of ORIGINAL, to PATH, and return its document. Never overwrites a file.

    EXISTING are the files that already hold TARGET on the search path: any of them refuses the
    draft, as does a file at PATH, even one that appears while the draft is written. SCHEMA is its
    `$schema`; where None, the one schema_reference finds for PATH's folder.
    """
    from ..errors import InvalidInputError, Problem
    from ..io.jsonio import to_json_text
    from ..io.writing import check, make_folder, shown, write_text

    if schema is None:
        schema = schema_reference(path.parent)[0]
    document = draft_from(original, target, effective_from, schema)
    if existing:
        raise InvalidInputError([Problem("output-exists", f"{target} already exists here; frameworks are never overwritten",
                                         shown(existing[0]), "/version", hint="choose another version")])
    if_exists = "the file already exists; frameworks are never overwritten"
    check(path, exclusive=True, if_exists=if_exists)
    make_folder(path.parent)
    write_text(path, to_json_text(document), exclusive=True, if_exists=if_exists)
    return document
