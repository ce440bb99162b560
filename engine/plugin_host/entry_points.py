"""Finding installed plugins: the entry points of one group, found without importlib.metadata.

Importing importlib.metadata takes about 40 ms (it brings in the email package), a third of what
`ratings evaluate` spends beyond importing its dependencies, and every command needs the plugins.
The usual layout is read here directly, in the order importlib.metadata reads it: each directory on
sys.path, each *.dist-info or *.egg-info in it, its entry_points.txt, the first distribution of a
name winning. Anything else (a zip file or an .egg on sys.path, an import hook that finds
distributions of its own) is left to importlib.metadata, so no plugin is ever missed.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass
from functools import reduce
from typing import Any

# As in importlib.metadata.EntryPoint.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@dataclass(frozen=True)
class EntryPoint:
    """One entry point, and the distribution (name and version) that declares it."""

    name: str
    value: str
    distribution: str
    version: str | None

    def load(self) -> Any:
        """The object the entry point names, imported."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"{self.value!r} is not an entry point of the form module:attribute")
        module = importlib.import_module(match.group("module"))
        return reduce(getattr, filter(None, (match.group("attr") or "").split(".")), module)


def entry_points(group: str) -> list[EntryPoint]:
    """Every entry point of GROUP installed, as importlib.metadata.entry_points(group=GROUP) finds them."""
    directories = _plain_directories()
    if directories is None:
        return _through_importlib_metadata(group)
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for directory, children in directories:
        for child in children:
            if not child.lower().endswith((".dist-info", ".egg-info")):
                continue
            key = _normalize(child.lower().rpartition(".")[0].partition("-")[0])
            if key in seen:
                continue  # an earlier one of the same name hides it, as it hides it from imports
            seen.add(key)
            folder = os.path.join(directory, child)
            declared = [(name, value) for section, name, value in _entries(_read(folder, "entry_points.txt")) if section == group]
            if declared:
                name, version = distribution_name_and_version(folder)
                found.extend(EntryPoint(entry, value, name, version) for entry, value in declared)
    return found


def distribution_name_and_version(folder: str) -> tuple[str, str | None]:
    """A distribution's name and version, from the headers of its METADATA (or PKG-INFO) file.

    Both are single-line headers before the first blank line; reading only those spares parsing the
    long description (a whole README) with the email package.
    """
    text = _read(folder, "METADATA") or _read(folder, "PKG-INFO")
    headers: dict[str, str] = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        key, colon, value = line.partition(":")
        if colon and not line[:1].isspace():
            headers.setdefault(key.strip().lower(), value.strip())
    return headers.get("name", ""), headers.get("version")


def _plain_directories() -> list[tuple[str, list[str]]] | None:
    """Each directory on sys.path with its entries, or None where importlib.metadata would look elsewhere too."""
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return None
    directories = []
    for entry in sys.path:
        directory = entry or "."
        if directory.lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(directory)
        except NotADirectoryError:
            return None  # a zip file on the path
        except OSError:
            continue  # a path entry that does not exist
        directories.append((directory, children))
    return directories


def _through_importlib_metadata(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as installed

    found = []
    for ep in installed(group=group):
        dist = getattr(ep, "dist", None)
        found.append(EntryPoint(ep.name, ep.value, dist.name if dist else "", dist.version if dist else None))
    return found


def _entries(text: str):
    """(section, name, value) of each entry of an entry_points.txt, read as importlib.metadata reads it."""
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        name, _, value = line.partition("=")
        yield section, name.strip(), value.strip()


def _read(folder: str, name: str) -> str:
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            return file.read()
    except OSError:
        return ""


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")
