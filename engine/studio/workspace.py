"""What the studio reads and writes: framework versions, drafts in one folder, and a corpus of inspections.

Every file goes through the engine's doors: read by its reader, checked by its loader, written by its
writer (atomically). Only drafts in the studio's own frameworks folder are ever written; a version
anywhere else, or one whose file on disk is no longer a draft, is read-only. A request names a
version by ID@VERSION and an inspection by its name in the corpus listing, never by a path, so no
request can reach a file outside the frameworks folder and the corpus.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..api import Engine
from ..errors import InvalidInputError, Problem
from ..io.jsonio import parse_json, sha256, to_json_text
from ..io.reading import read_bytes
from ..io.writing import shown, write_text
from ..model.catalogue import FrameworkEntry
from ..model.drafts import draft_path, split_ref, write_draft
from ..model.framework import Framework
from ..model.load import framework_from_bytes
from ..plugin_host.registry import Registry
from .editing import plain_numbers

#: What a draft's identity is made of; the studio never changes these in a draft (a new version is a new draft).
IDENTITY = ("id", "version")


class NotFound(LookupError):
    """A version or an inspection that the studio does not offer; the message says which."""


@dataclass(frozen=True)
class Opened:
    """A framework file as read: its document, its bytes' SHA-256, and whether the studio may write it."""

    entry: FrameworkEntry
    document: dict[str, Any]
    sha256: str
    editable: bool


@dataclass(frozen=True)
class Stale:
    """A save refused because the file changed on disk since it was opened: the file as it is now."""

    document: dict[str, Any]
    sha256: str
    published: bool


class Workspace:
    """The frameworks folder the studio writes drafts to, the versions it can read, and the corpus."""

    def __init__(self, registry: Registry, folder: Path, search: tuple[Path, ...] = (), corpus: Path | None = None):
        self.registry = registry
        self.folder = Path(folder)
        self.search = (self.folder, *(Path(p) for p in search if Path(p) != self.folder))
        self.corpus = None if corpus is None else Path(corpus)
        # One save at a time in this studio: the check that the file is unchanged and the write go together.
        self._saving = threading.Lock()

    def engine(self) -> Engine:
        """A fresh Engine over the search path: a request sees the files as they are now, not as first read.

        The studio's own folder is left out until it exists: it is made with the first draft, and until
        then it holds nothing to read, rather than being a folder that cannot be searched.
        """
        search = tuple(p for p in self.search if p != self.folder or p.exists())
        return Engine(self.registry, frameworks_dirs=search)

    # Versions

    def entries(self) -> list[FrameworkEntry]:
        return self.engine().catalogue.entries

    def entry(self, ref: str, engine: Engine | None = None) -> FrameworkEntry:
        """The version REF as ENGINE's catalogue (a fresh one's, if none is given) lists it; NotFound if it does not."""
        for entry in (engine or self.engine()).catalogue.entries:
            if entry.ref == ref:
                return entry
        raise NotFound(f"no framework version {ref!r} is installed or in {shown(self.folder)}")

    def writable(self, entry: FrameworkEntry) -> bool:
        """Whether ENTRY is a draft in the studio's own folder, the only files the studio writes."""
        return entry.status == "draft" and _inside(entry.path, self.folder)

    def framework(self, ref: str, engine: Engine | None = None) -> Framework:
        """The version REF, loaded and checked by ENGINE (a fresh one, if none is given); InvalidInputError if it no longer passes."""
        engine = engine or self.engine()
        self.entry(ref, engine)  # only versions the studio lists
        return engine.framework(ref)

    def open(self, ref: str) -> Opened:
        entry = self.entry(ref)
        raw = read_bytes(entry.path)
        try:
            document = plain_numbers(parse_json(raw, shown(entry.path)))
        except ValueError as error:
            raise InvalidInputError([Problem("number-out-of-range", str(error), shown(entry.path))]) from None
        return Opened(entry, document, sha256(raw), self.writable(entry))

    def check(self, document: Any, file: str) -> tuple[Framework | None, list[Problem]]:
        """DOCUMENT checked as `ratings validate` checks a framework file: the framework, or every problem found."""
        raw = to_json_text(document).encode("utf-8")
        try:
            return framework_from_bytes(raw, file, self.registry), []
        except InvalidInputError as error:
            return None, error.problems

    # Writing

    def start_draft(self, source: str, target: str, effective_from: str | None = None) -> Path:
        """Write TARGET as a draft copy of SOURCE into the folder (as `ratings frameworks new` does); its path."""
        split_ref(target)
        engine = self.engine()
        original = self.framework(source, engine)
        path = draft_path(target, self.folder, ())
        existing = [e.path for e in engine.catalogue.entries if e.ref == target]
        write_draft(original, target, path, existing, effective_from)
        return path

    def save(self, ref: str, document: dict[str, Any], base: str) -> Stale | None:
        """Write DOCUMENT over the draft REF, if its file is still the one read with SHA-256 BASE.

        Returns the file as it is now, and writes nothing, if it changed since (a save from another
        tab or person, or an edit in a text editor). Raises InvalidInputError if DOCUMENT has
        problems or is not this draft, and NotFound if REF is not a draft in the folder.
        """
        entry = self.entry(ref)
        if not _inside(entry.path, self.folder):
            raise NotFound(f"{ref} is not in {shown(self.folder)}: the studio writes only its own drafts")
        problems = [Problem("draft-identity", f"a draft keeps its {key} ({entry.ref}); start a new draft for a new version",
                            shown(entry.path), f"/{key}") for key in IDENTITY if document.get(key) != getattr(entry, key)]
        problems = problems or self.check(document, shown(entry.path))[1]
        if problems:
            raise InvalidInputError(problems)
        with self._saving:
            raw = read_bytes(entry.path)
            now = _plain_or_empty(parse_json(raw, shown(entry.path)))
            published = not (isinstance(now, dict) and now.get("status") == "draft")
            if sha256(raw) != base or published:
                return Stale(now, sha256(raw), published)
            write_text(entry.path, to_json_text(document), updating=True)
        return None

    # The corpus

    def inspections(self) -> list[str]:
        """The names of the corpus's inspection files, sorted: the only names a request may pick."""
        if self.corpus is None or not self.corpus.is_dir():
            return []
        from ..analysis.batch import inspection_files

        return [p.name for p in inspection_files([self.corpus]).files]

    def inspection(self, name: str) -> Path:
        if name not in self.inspections():
            raise NotFound(f"no inspection {name!r} in the corpus")
        return Path(self.corpus or ".") / name  # inspections() lists none without a corpus


def _plain_or_empty(document: Any) -> Any:
    """DOCUMENT ready to write as JSON, or {} where a number has more digits than that keeps (the diff then says so)."""
    try:
        return plain_numbers(document)
    except ValueError:
        return {}


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True
