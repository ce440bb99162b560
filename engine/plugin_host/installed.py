"""The installed entry points of one group, found as importlib.metadata finds them, for less.

importlib.metadata brings in the email, zipfile and csv packages, and gives a distribution's name
and version by parsing its whole METADATA file (a README included) with the email parser: together
more than a tenth of what `ratings evaluate` costs in all. Plugins need only each distribution's
entry_points.txt and the Name and Version lines at the head of its METADATA, so those are read here
directly, following importlib.metadata step by step: the same folders of sys.path in the same
order, the same distribution folders, the first of each name kept, the same entry points.

Where what is installed is out of the ordinary (a zip file or an egg on sys.path, a finder of
distributions other than the standard one, a file this reading cannot take exactly as the email
parser would), importlib.metadata itself answers, so the plugins found are always its.
"""

from __future__ import annotations

import os
import re
import sys
from importlib import import_module
from typing import Any

#: A header line, as the email parser recognises one.
_HEADER = re.compile(r"[\041-\071\073-\176]*:")
#: An entry point's value: module, attribute path, extras.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class Unusual(Exception):
    """Something importlib.metadata reads in its own way: it is asked instead."""


def entry_points(group: str) -> list[Any]:
    """Every installed entry point of GROUP, each with ``name``, ``value``, ``load()`` and ``dist.metadata``."""
    try:
        return _found(group)
    except Unusual:
        from importlib.metadata import entry_points as installed

        return list(installed(group=group))


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _distributions() -> list[str]:
    """The distribution folders importlib.metadata would read, the first of each name only."""
    from importlib.machinery import PathFinder

    if any(getattr(finder, "find_distributions", None) is not None and finder is not PathFinder for finder in sys.meta_path):
        raise Unusual
    seen, found = set(), []
    for root in sys.path:
        if os.path.basename(root).lower().endswith(".egg"):
            raise Unusual
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.exists(root or "."):
                raise Unusual from None  # a zip file, read through zipfile
            continue
        by_name: dict[str, list[str]] = {}
        for child in children:
            if child.lower().endswith((".dist-info", ".egg-info")):
                stem, dot, ext = child.rpartition(".")
                if "." + ext not in (".dist-info", ".egg-info") or not stem.partition("-")[0]:
                    raise Unusual  # named so that importlib.metadata reads its metadata for the name
                by_name.setdefault(_normalize(stem.partition("-")[0]), []).append(os.path.join(root, child))
        for name, paths in by_name.items():
            for path in paths:
                if name not in seen:
                    seen.add(name)
                    found.append(path)
    return found


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _found(group: str) -> list[Any]:
    found = []
    for path in _distributions():
        text = _read(os.path.join(path, "entry_points.txt"))
        dist = None
        section = None
        for line in (text or "").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line.strip("[]")
                continue
            if section is None:
                continue
            if "=" not in line:
                raise Unusual
            if section == group:
                name, value = (part.strip() for part in line.split("=", 1))
                dist = dist or Distribution(path)
                found.append(EntryPoint(name, value, group, dist))
    return found


class EntryPoint:
    """An entry point: its name, its value (module:attribute) and the distribution that declares it."""

    def __init__(self, name: str, value: str, group: str, dist: Distribution) -> None:
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self) -> Any:
        """The object the value names, imported."""
        match = _VALUE.match(self.value)
        if match is None:
            raise AttributeError("'NoneType' object has no attribute 'group'")  # as importlib.metadata fails
        target: Any = import_module(match.group("module"))
        for attribute in filter(None, (match.group("attr") or "").split(".")):
            target = getattr(target, attribute)
        return target


class Distribution:
    """An installed distribution, as far as plugins need it: ``metadata['Name']`` and ``metadata['Version']``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._metadata: dict[str, Any] | None = None

    @property
    def metadata(self) -> Any:
        if self._metadata is None:
            self._metadata = _head(_read(os.path.join(self.path, "METADATA")) or "")
        if self._metadata is None:
            from importlib.metadata import PathDistribution
            from pathlib import Path

            return PathDistribution(Path(self.path)).metadata
        return self._metadata


def _head(text: str) -> dict[str, Any] | None:
    """Name and Version from the header of a METADATA text, as the email parser gives them; None if unsure."""
    if not text or text.startswith("From "):
        return None
    names: dict[str, Any] = {}
    last = None
    for line in re.split(r"\r\n|\r|\n", text):
        if not line:
            break
        if line[0] in " \t":
            if last in ("name", "version", None):
                return None  # a folded Name or Version: the email parser's to unfold
            continue
        if not _HEADER.match(line):
            break
        key, value = line.split(":", 1)
        last = key.lower()
        if last in ("name", "version") and last not in names:
            names[last] = value.lstrip(" \t")
    return {"Name": names.get("name"), "Version": names.get("version")}
