"""Finding framework versions: by ID@VERSION, by file path, or by the inspection's fieldwork date.

Framework files are found in the directories plugins register (the bundled ones among them), in
directories named by --frameworks-dir, and in those listed in RATINGS_FRAMEWORKS_PATH.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from .errors import FrameworkNotFoundError, did_you_mean

PATH_ENV = "RATINGS_FRAMEWORKS_PATH"


@dataclass(frozen=True)
class FrameworkEntry:
    """A framework file found on the search path, as its header describes it (not yet checked)."""

    id: str
    version: str
    path: Path
    title: str = ""
    status: str = ""
    effective_from: date | None = None
    effective_to: date | None = None

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def in_force_on(self, day: date) -> bool:
        if self.effective_from is None or day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


@dataclass
class Catalogue:
    """Every framework version on the search path."""

    entries: list[FrameworkEntry] = field(default_factory=list)
    conflicts: dict[str, list[Path]] = field(default_factory=dict)
    directories: list[Path] = field(default_factory=list)

    @classmethod
    def discover(cls, directories: Iterable[Path]) -> "Catalogue":
        catalogue = cls()
        seen: dict[str, FrameworkEntry] = {}
        for directory in directories:
            directory = Path(directory)
            if directory in catalogue.directories:
                continue
            catalogue.directories.append(directory)
            for path in sorted(directory.rglob("*.json")):
                entry = _read_header(path)
                if entry is None:
                    continue
                if entry.ref in seen:
                    if seen[entry.ref].path.resolve() != path.resolve():
                        catalogue.conflicts.setdefault(entry.ref, [seen[entry.ref].path]).append(path)
                    continue
                seen[entry.ref] = entry
                catalogue.entries.append(entry)
        catalogue.entries.sort(key=lambda e: (e.id, e.effective_from or date.min, e.version))
        return catalogue

    def find(self, ref: str) -> FrameworkEntry:
        """The framework version named ID@VERSION."""
        if ref in self.conflicts:
            paths = " and ".join(str(p) for p in self.conflicts[ref])
            raise FrameworkNotFoundError(f"{ref} is claimed by more than one file: {paths}; remove or renumber one")
        for entry in self.entries:
            if entry.ref == ref:
                return entry
        hint = did_you_mean(ref, [e.ref for e in self.entries])
        known = ", ".join(e.ref for e in self.entries) or "none"
        raise FrameworkNotFoundError(f"no framework {ref!r} is installed" + (f" ({hint})" if hint else f"; installed: {known}"))

    def in_force(self, day: date, family: str | None = None) -> list[FrameworkEntry]:
        """The versions in force on DAY, of FAMILY if given.

        Drafts are never chosen by date, only by name. A version with no effective_to is superseded
        by a later one of its family that has started, since a published file is never edited to
        close its window.
        """
        found = [e for e in self.entries if (family is None or e.id == family) and e.status != "draft" and e.in_force_on(day)]
        return [e for e in found if not (e.effective_to is None and any(
            o.id == e.id and o.effective_from > e.effective_from for o in found))]


def search_path(plugin_paths: Iterable[Path], extra: Iterable[Path] = ()) -> list[Path]:
    """Directories to search, most specific first: --frameworks-dir, then RATINGS_FRAMEWORKS_PATH, then plugins'."""
    from_env = [Path(p) for p in os.environ.get(PATH_ENV, "").split(os.pathsep) if p]
    return [*extra, *from_env, *plugin_paths]


def _read_header(path: Path) -> FrameworkEntry | None:
    # Only the header is needed to list a file; the full checks run when it is loaded.
    try:
        document = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or not isinstance(document.get("id"), str) or not isinstance(document.get("version"), str):
        return None
    if "domains" not in document:
        return None
    return FrameworkEntry(
        id=document["id"], version=document["version"], path=path,
        title=str(document.get("title", "")), status=str(document.get("status", "")),
        effective_from=_date(document.get("effective_from")), effective_to=_date(document.get("effective_to")),
    )


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
