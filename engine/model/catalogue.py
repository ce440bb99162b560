"""Finding framework versions: by ID@VERSION, by file path, or by the inspection's fieldwork date.

Framework files are found in the directories plugins register (the bundled ones among them), in
directories named by --frameworks-dir, in those listed in RATINGS_FRAMEWORKS_PATH, and in those a
project file names: `frameworks = [...]` in a ratings.toml, or in the [tool.ratings] table of a
pyproject.toml, in the working directory or the nearest parent that has one.

Every file is read through the one reader (engine/io/reading.py), so a named pipe, a device or a huge
file on the search path is refused like any other input. A file that cannot be read, or a folder
that is missing, is remembered as a problem of the search path: `ratings frameworks` shows it, and
a command that cannot find the version it asks for mentions it, but it stops no other command.
Only each file's header is needed to list it; the full checks run when a version is loaded.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import FrameworkNotFoundError, InvalidInputError, Problem, did_you_mean
from ..record_classes import record
from .project import PROJECT_FILE, project_folders

PATH_ENV = "RATINGS_FRAMEWORKS_PATH"


@record
class FrameworkEntry:
    """A framework file found on the search path, as its header describes it (not yet checked)."""

    id: str
    version: str
    path: Path
    title: str = ""
    status: str = ""
    effective_from: date | None = None
    effective_to: date | None = None
    sha256: str = ""

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def in_force_on(self, day: date) -> bool:
        if self.effective_from is None or day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


@record(frozen=False)
class Catalogue:
    """Every framework version on the search path.

    conflicts: versions claimed by files with different contents (none of them is used). copies:
    versions found in byte-identical files, which are one version (the first file found is used).
    problems: files on the search path that could not be read, and folders that are missing.
    """

    entries: list[FrameworkEntry] = field(default_factory=list)
    conflicts: dict[str, list[FrameworkEntry]] = field(default_factory=dict)
    copies: dict[str, list[Path]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    directories: list[Path] = field(default_factory=list)

    def listing(self) -> dict[str, Any]:
        """The versions found, in the order they are listed, as plain JSON (schemas/framework-list.schema.json).

        This is the document `ratings frameworks` renders; the problems found on the way are the
        command's to report, not part of the list.
        """
        return {"framework_list_format": 1, "frameworks": [
            {"ref": entry.ref, "id": entry.id, "version": entry.version, "title": entry.title, "status": entry.status,
             "effective_from": None if entry.effective_from is None else entry.effective_from.isoformat(),
             "effective_to": None if entry.effective_to is None else entry.effective_to.isoformat(),
             "path": str(entry.path)}
            for entry in self.entries]}

    @classmethod
    def discover(cls, directories: Iterable[Path]) -> Catalogue:
        catalogue = cls()
        seen: dict[str, FrameworkEntry] = {}
        identities: set[tuple[int, int]] = set()
        for directory in directories:
            directory = Path(directory)
            if directory in catalogue.directories:
                continue
            catalogue.directories.append(directory)
            for path in framework_files(directory, catalogue.problems):
                try:
                    entry, identity = _read_header(path)
                except InvalidInputError as error:
                    catalogue.problems.extend(error.problems)
                    continue
                if identity in identities or entry is None:
                    continue  # the same file reached by a second route, or not a framework
                identities.add(identity)
                first = seen.get(entry.ref)
                if first is None:
                    seen[entry.ref] = entry
                    catalogue.entries.append(entry)
                elif first.sha256 == entry.sha256:
                    catalogue.copies.setdefault(entry.ref, [first.path]).append(path)
                else:
                    catalogue.conflicts.setdefault(entry.ref, [first]).append(entry)
        catalogue.entries.sort(key=lambda e: (e.id, e.effective_from or date.min, e.version))
        return catalogue

    def find(self, ref: str) -> FrameworkEntry:
        """The framework version named ID@VERSION."""
        if ref in self.conflicts:
            raise FrameworkNotFoundError(self.conflict_message(ref))
        for entry in self.entries:
            if entry.ref == ref:
                return entry
        hint = did_you_mean(ref, [e.ref for e in self.entries])
        known = ", ".join(e.ref for e in self.entries) or "none"
        unread = (f"; {len(self.problems)} file(s) or folder(s) on the frameworks search path could not be read "
                  "(see `ratings frameworks`)") if self.problems else ""
        raise FrameworkNotFoundError(f"no framework {ref!r} is installed"
                                     + (f" ({hint})" if hint else f"; installed: {known}") + unread,
                                     hint=self.where_to_look())

    def where_to_look(self) -> str:
        """How to put a folder of framework files on the search path, naming ./frameworks where it is there but not searched.

        A team that has just written a draft into ./frameworks (the default of `ratings frameworks
        new`) would otherwise not know why the version it wrote is not found.
        """
        searched = {_resolved(d) for d in self.directories}
        local = Path("frameworks")
        unsearched = local.is_dir() and _resolved(local) not in searched
        if unsearched:
            return (f"./frameworks is not on the frameworks search path: add it with --frameworks-dir frameworks, "
                    f"{PATH_ENV}=frameworks, or frameworks = [\"frameworks\"] in a {PROJECT_FILE}")
        return (f"other framework folders are searched when named with --frameworks-dir DIR, {PATH_ENV}, "
                f"or frameworks = [\"DIR\"] in a {PROJECT_FILE}")

    def conflict_message(self, ref: str) -> str:
        """Why REF is not used: which files claim it, and what policy staff can do about it.

        A published version's file is never edited or renumbered, so the advice is to name the
        file wanted, or to give a draft a version of its own.
        """
        claims = self.conflicts[ref]
        listed = ", ".join(str(e.path) for e in claims)
        drafts = [e for e in claims if e.status == "draft"]
        if drafts and len(drafts) < len(claims):
            advice = ("; ".join(f"{e.path} is a draft: give it a version of its own (its 'version' and its file name)" for e in drafts))
        else:
            advice = "to rate under one of them, name its file with --framework FILE"
        return (f"{ref} is claimed by more than one file: {listed}; their contents differ, so {ref} is not used by "
                f"name or by date until one file holds it ({advice})")

    def in_force(self, day: date, family: str | None = None) -> list[FrameworkEntry]:
        """The versions in force on DAY, of FAMILY if given.

        Drafts are never chosen by date, only by name. A version with no effective_to is superseded
        by a later one of its family that has started, since a published file is never edited to
        close its window.
        """
        found = [e for e in self.entries if (family is None or e.id == family) and e.status != "draft" and e.in_force_on(day)]
        # Each entry in force has an effective_from (in_force_on is false without one).
        return [e for e in found if not (e.effective_to is None and any(
            o.id == e.id and (o.effective_from or day) > (e.effective_from or day) for o in found))]


def names_a_file(name: str) -> bool:
    """Whether a framework named NAME on the command line is a file (a path, or a .json name) rather than ID@VERSION."""
    return name.endswith(".json") or "/" in name


def search_path(plugin_paths: Iterable[Path], extra: Iterable[Path] = ()) -> list[Path]:
    """Directories to search, most specific first: --frameworks-dir, then RATINGS_FRAMEWORKS_PATH, then the project
    file's (ratings.toml or pyproject.toml's [tool.ratings]), then plugins'."""
    from_env = [Path(p) for p in os.environ.get(PATH_ENV, "").split(os.pathsep) if p]
    return [*extra, *from_env, *project_folders(), *plugin_paths]


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:  # a loop of links: compared as written
        return Path(path)


def framework_files(directory: Path, problems: list[Problem]) -> list[Path]:
    """The *.json files under DIRECTORY, sorted; a folder that cannot be searched is added to PROBLEMS.

    Folders reached by symbolic links are searched once each, so a link back to a parent ends.
    """
    try:
        status = os.stat(directory)
    except OSError as error:
        problems.append(Problem("unreadable", f"the frameworks folder cannot be searched: {error.strerror or error}", str(directory),
                                hint="check the folders named by --frameworks-dir and RATINGS_FRAMEWORKS_PATH"))
        return []
    if not stat.S_ISDIR(status.st_mode):
        from ..io.reading import what_it_is

        kind = "a file" if stat.S_ISREG(status.st_mode) else what_it_is(status.st_mode)
        problems.append(Problem("not-a-folder", f"this is {kind}, not a folder of framework files", str(directory),
                                hint="name the folder that holds the framework files"))
        return []
    found: list[Path] = []
    visited = {(status.st_dev, status.st_ino)}

    def refused(error: OSError) -> None:
        problems.append(Problem("unreadable", f"the folder cannot be searched: {error.strerror or error}", str(error.filename)))

    for folder, subfolders, names in os.walk(directory, onerror=refused, followlinks=True):
        kept = []
        for name in sorted(subfolders):
            try:
                inner = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            if (inner.st_dev, inner.st_ino) not in visited:
                visited.add((inner.st_dev, inner.st_ino))
                kept.append(name)
        subfolders[:] = kept
        found.extend(Path(folder, name) for name in names if name.endswith(".json"))
    return sorted(found)


def _read_header(path: Path) -> tuple[FrameworkEntry | None, tuple[int, int]]:
    """The entry of the framework file at PATH (None when the file is not a framework) and the file's identity.

    Raises InvalidInputError when the file cannot be read, or is not UTF-8 or not JSON.
    """
    from ..io.jsonio import parse_json, sha256
    from ..io.reading import decode, read_file

    raw, status = read_file(path)
    identity = (status.st_dev, status.st_ino)
    # Only the header is needed to list a file: a plain parse is enough, and the strict one runs
    # only to say where a broken file is broken. The full checks run when the version is loaded.
    try:
        document = json.loads(decode(raw, str(path)))
    except (ValueError, RecursionError):
        parse_json(raw, str(path))
        raise InvalidInputError([Problem("json-syntax", "invalid JSON", str(path))]) from None
    if not isinstance(document, dict) or not isinstance(document.get("id"), str) or not isinstance(document.get("version"), str):
        return None, identity
    if "domains" not in document:
        return None, identity
    return FrameworkEntry(
        id=document["id"], version=document["version"], path=path,
        title=str(document.get("title", "")), status=str(document.get("status", "")),
        effective_from=_date(document.get("effective_from")), effective_to=_date(document.get("effective_to")),
        sha256=sha256(raw),
    ), identity


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
