"""Reading a plugin module given with --plugin, and what a hook implementation asks for.

Both run plugin code (an import, a signature that may be computed), so both are called only through
plugin_guard, by the plugin manager in registry.py.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import os
import sys
from pathlib import Path


def import_local(spec: str, loaded: dict[Path, object]) -> tuple[object, str | None]:
    """A plugin module given with --plugin, and its file's SHA-256: a module name importable from here, or a .py file.

    A file given twice (under any spelling of its path) is imported once, so that it is registered once.
    """
    if spec.endswith(".py"):
        path = Path(spec).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {spec}")
        if path not in loaded:
            module_spec = importlib.util.spec_from_file_location(f"ratings_local_plugin_{path.stem}", path)
            if module_spec is None or module_spec.loader is None:
                raise ImportError(f"{spec} cannot be imported as a module")
            imported = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(imported)
            loaded[path] = imported
        module = loaded[path]
    else:
        # A local module is looked for in the current directory too, for this import only.
        here = os.getcwd()
        sys.path.insert(0, here)
        try:
            module = importlib.import_module(spec)
        finally:
            if here in sys.path:
                sys.path.remove(here)
    source = getattr(module, "__file__", None)
    try:
        digest = hashlib.sha256(Path(source).read_bytes()).hexdigest() if source else None
    except OSError:
        digest = None
    return module, digest


def arguments(function: object) -> list[str]:
    """The arguments FUNCTION needs to be given: pluggy passes a hook's arguments by these names."""
    try:
        parameters = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
    names = [p.name for p in parameters if p.default is inspect.Parameter.empty
             and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if names[:1] == ["self"] and "." in getattr(function, "__qualname__", ""):
        names = names[1:]  # a method of a class registered as the plugin itself: pluggy supplies no 'self' either
    return names
