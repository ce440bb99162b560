"""The engine as a library: find frameworks, load and check files, evaluate inspections.

    from ratings_engine.api import Engine
    engine = Engine()
    evaluation = engine.evaluate_file("examples/south-yorkshire-crc-2020.json")
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .catalogue import Catalogue, search_path
from .errors import FrameworkNotFoundError, InvalidInputError, Problem
from .evaluate import Evaluation, evaluate
from .framework import load_framework
from .inspection import kind_problem, load_inspection, looks_like_framework
from .jsonio import placed, read_json, sha256
from .model import Framework
from .registry import Registry, load_registry


class Engine:
    """Plugins, the framework search path and loaded frameworks, for one command or program."""

    def __init__(self, registry: Registry | None = None, frameworks_dirs: Iterable[Path] = ()):
        self._registry = registry
        self._dirs = [Path(d) for d in frameworks_dirs]
        self._catalogue: Catalogue | None = None
        self._loaded: dict[Path, Framework] = {}

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = load_registry()
        return self._registry

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = Catalogue.discover(search_path(self.registry.framework_paths, self._dirs))
        return self._catalogue

    def load_framework_file(self, path: Path) -> Framework:
        key = Path(path).resolve()
        if key not in self._loaded:
            self._loaded[key] = load_framework(path, self.registry)
        return self._loaded[key]

    def framework(self, name: str) -> Framework:
        """The framework named ID@VERSION, or the framework file at a path."""
        if name.endswith(".json") or "/" in name:
            if not Path(name).is_file():
                raise FrameworkNotFoundError(f"no framework file at {name}")
            return self.load_framework_file(Path(name))
        return self.load_framework_file(self.catalogue.find(name).path)

    def framework_for(self, inspection: dict[str, Any], explicit: str | None = None) -> Framework:
        """The framework to evaluate INSPECTION under: EXPLICIT, else its 'framework', else the one in force on its fieldwork date."""
        name = explicit or inspection.get("framework")
        if name and ("@" in name or name.endswith(".json") or "/" in name):
            return self.framework(name)
        day = date.fromisoformat(inspection["fieldwork_start"])
        candidates = self.catalogue.in_force(day, family=name)
        if len(candidates) == 1:
            return self.load_framework_file(candidates[0].path)
        scope = f"of {name} " if name else ""
        if not candidates:
            raise FrameworkNotFoundError(
                f"no framework version {scope}is in force on the fieldwork start date {day.isoformat()}; "
                "name one with --framework ID@VERSION or the inspection's 'framework'")
        raise FrameworkNotFoundError(
            f"more than one framework version {scope}is in force on {day.isoformat()} "
            f"({', '.join(c.ref for c in candidates)}); name one with --framework ID@VERSION")

    def evaluate_file(self, path: str | Path, framework: str | None = None) -> Evaluation:
        """Evaluate the inspection file at PATH; raises InvalidInputError listing every problem."""
        document, raw = load_inspection(path)
        chosen = self.framework_for(document, framework)
        try:
            return evaluate(chosen, document, self.registry, file=str(path), input_sha256=sha256(raw))
        except InvalidInputError as error:
            raise placed(error, str(path), raw) from None

    def validate_file(self, path: str | Path, framework: str | None = None) -> tuple[str, list[Problem]]:
        """Check a framework or inspection file; returns what it is and every problem found."""
        try:
            document, _ = read_json(Path(path))
        except InvalidInputError as error:
            return "file", error.problems
        if looks_like_framework(document):
            try:
                load_framework(path, self.registry)
            except InvalidInputError as error:
                return "framework", error.problems
            return "framework", []
        if not isinstance(document, dict) or "samples" not in document and "provider" not in document:
            return "file", [kind_problem(str(path))]
        try:
            self.evaluate_file(path, framework)
        except InvalidInputError as error:
            return "inspection", error.problems
        except FrameworkNotFoundError as error:
            return "inspection", [Problem("framework-not-found", str(error), str(path), "/framework")]
        return "inspection", []
